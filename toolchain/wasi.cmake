# CMake toolchain file: wasm32-wasi with Debian's clang, wasi-libc and
# libclang-rt-14-dev-wasm32 (compiler-rt builtins for wasm32).
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
set(triple wasm32-wasi)
find_program(SIGEMU_CLANG NAMES clang-14 clang REQUIRED)
set(CMAKE_C_COMPILER ${SIGEMU_CLANG})
set(CMAKE_C_COMPILER_TARGET ${triple})
set(CMAKE_C_FLAGS_INIT "--target=${triple}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "--target=${triple} -fuse-ld=lld")
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set(CMAKE_AR llvm-ar-14 CACHE FILEPATH "")
set(CMAKE_RANLIB llvm-ranlib-14 CACHE FILEPATH "")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_C_COMPILER_WORKS ON)
# A private sysroot of two links keeps the host's /usr/include out: clang
# would otherwise fall back to it for headers wasi-libc does not have
# (pthread.h, setjmp.h in the 2022 wasi-libc) and compile against glibc's.
set(_wasi_sysroot "${CMAKE_BINARY_DIR}/wasi-sysroot")
if(NOT EXISTS "${_wasi_sysroot}/include/wasm32-wasi")
  file(MAKE_DIRECTORY "${_wasi_sysroot}/include" "${_wasi_sysroot}/lib")
  file(CREATE_LINK /usr/include/wasm32-wasi "${_wasi_sysroot}/include/wasm32-wasi" SYMBOLIC)
  file(CREATE_LINK /usr/lib/wasm32-wasi "${_wasi_sysroot}/lib/wasm32-wasi" SYMBOLIC)
endif()
set(CMAKE_SYSROOT "${_wasi_sysroot}")
