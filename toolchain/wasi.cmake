# CMake toolchain file: wasm32-wasi with Debian's clang, wasi-libc and
# libclang-rt-N-dev-wasm32 (compiler-rt builtins for wasm32). The same file
# serves Debian 12 (clang-14, wasi-libc 2022) and Debian 13 (clang-19,
# wasi-libc 2024, see toolchain/debian13.sh): the newest clang-N found wins,
# and llvm-ar / llvm-ranlib of the same N go with it.
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(triple wasm32-wasi)
find_program(SIGEMU_CLANG NAMES clang-19 clang-14 clang REQUIRED)
set(CMAKE_C_COMPILER ${SIGEMU_CLANG})
string(REGEX MATCH "-[0-9]+$" _llvm_suffix "${SIGEMU_CLANG}")
set(CMAKE_C_COMPILER_TARGET ${triple})
set(CMAKE_C_FLAGS_INIT "--target=${triple}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "--target=${triple} -fuse-ld=lld")
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
find_program(SIGEMU_LLVM_AR NAMES llvm-ar${_llvm_suffix} llvm-ar REQUIRED)
find_program(SIGEMU_LLVM_RANLIB NAMES llvm-ranlib${_llvm_suffix} llvm-ranlib REQUIRED)
set(CMAKE_AR ${SIGEMU_LLVM_AR} CACHE FILEPATH "")
set(CMAKE_RANLIB ${SIGEMU_LLVM_RANLIB} CACHE FILEPATH "")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_C_COMPILER_WORKS ON)
# A private sysroot of two links keeps the host's /usr/include out: clang
# would otherwise fall back to it for headers wasi-libc does not have
# (pthread.h, setjmp.h in the 2022 wasi-libc) and compile against glibc's.
# WASI_SYSROOT=<wasi-sdk>/share/wasi-sysroot names a sysroot elsewhere.
if(DEFINED ENV{WASI_SYSROOT})
  set(_wasi_sysroot "$ENV{WASI_SYSROOT}")
else()
  set(_wasi_sysroot "${CMAKE_BINARY_DIR}/wasi-sysroot")
  if(NOT EXISTS "${_wasi_sysroot}/include/wasm32-wasi")
    file(MAKE_DIRECTORY "${_wasi_sysroot}/include" "${_wasi_sysroot}/lib")
    file(CREATE_LINK /usr/include/wasm32-wasi "${_wasi_sysroot}/include/wasm32-wasi" SYMBOLIC)
    file(CREATE_LINK /usr/lib/wasm32-wasi "${_wasi_sysroot}/lib/wasm32-wasi" SYMBOLIC)
  endif()
endif()
set(CMAKE_SYSROOT "${_wasi_sysroot}")
