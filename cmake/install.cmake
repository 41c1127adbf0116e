# cmake/install.cmake — what `cmake --install` puts under the prefix, for
# every target, with nothing that points back into the source or build tree:
#
#   include/sigemu.h (and any other public header; not the test-only
#                    sigemu_sim.h)
#   lib/libsigemu.a (or .so / .dll + import library with BUILD_SHARED_LIBS)
#   lib/libsigemu_wasi_host.a          WASI: the flavour with host imports
#   share/sigemu/library_sigemu.js     Emscripten: the JS glue every program
#                                      linking sigemu needs (--js-library)
#   lib/cmake/sigemu/                  find_package(sigemu): sigemu::sigemu
#                                      (and sigemu::sigemu_wasi_host)
#   lib/pkgconfig/sigemu.pc            relocatable (${pcfiledir}), as is
#   lib/pkgconfig/sigemu-wasi-host.pc  (WASI)
# Included by the top-level CMakeLists.txt when SIGEMU_INSTALL is on.
include(CMakePackageConfigHelpers)

set(_sigemu_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/sigemu)
set(_sigemu_targets ${SIGEMU_PUBLIC_TARGET})
if(TARGET sigemu_wasi_host)
  list(APPEND _sigemu_targets sigemu_wasi_host)
endif()
install(TARGETS ${_sigemu_targets} EXPORT sigemuTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
file(GLOB _sigemu_headers ${PROJECT_SOURCE_DIR}/include/*.h)
list(FILTER _sigemu_headers EXCLUDE REGEX "/sigemu_sim\\.h$")
install(FILES ${_sigemu_headers} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(SIGEMU_BACKEND STREQUAL "emscripten")
  # The installed target's --js-library points here (platform/wasm/backend.cmake),
  # as does the POSIX layer's sigemu_libc.rsp (libc/CMakeLists.txt).
  install(FILES ${PROJECT_SOURCE_DIR}/js/src/library_sigemu.js
          DESTINATION ${CMAKE_INSTALL_DATADIR}/sigemu)
endif()
install(EXPORT sigemuTargets NAMESPACE sigemu:: DESTINATION ${_sigemu_cmakedir})

# ---- CMake package ----------------------------------------------------------
set(SIGEMU_CONFIG_THREADS OFF) # only the posix backend links Threads::Threads
if(SIGEMU_BACKEND STREQUAL "posix")
  set(SIGEMU_CONFIG_THREADS ON)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sigemuConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sigemuConfig.cmake INSTALL_DESTINATION ${_sigemu_cmakedir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sigemuConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/sigemuConfig.cmake
              ${PROJECT_BINARY_DIR}/sigemuConfigVersion.cmake
        DESTINATION ${_sigemu_cmakedir})

# ---- pkg-config ---------------------------------------------------------------
# The prefix is found from the .pc file's own place (${pcfiledir}), so an
# install moved or made with `cmake --install --prefix P` stays right.
set(_sigemu_pcdir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${_sigemu_pcdir}")
  set(SIGEMU_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _rel "/p/${_sigemu_pcdir}" "/p")
  string(REGEX REPLACE "/$" "" _rel "${_rel}")
  set(SIGEMU_PC_PREFIX "\${pcfiledir}/${_rel}")
endif()
foreach(_d LIBDIR INCLUDEDIR DATADIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_d}}")
    set(SIGEMU_PC_${_d} "${CMAKE_INSTALL_${_d}}")
  else()
    set(SIGEMU_PC_${_d} "\${prefix}/${CMAKE_INSTALL_${_d}}")
  endif()
endforeach()

# What a program linking the library needs besides it, per backend.
set(_deps "-lm")
set(SIGEMU_PC_CFLAGS "")
set(SIGEMU_PC_EXTRA "")
if(SIGEMU_BACKEND STREQUAL "posix")
  set(_deps "-lpthread -lm")
elseif(SIGEMU_BACKEND STREQUAL "windows")
  set(_deps "-lws2_32 -lm")
elseif(SIGEMU_BACKEND STREQUAL "emscripten")
  set(SIGEMU_PC_EXTRA " --js-library=\${datadir}/sigemu/library_sigemu.js")
  if(SIGEMU_PTHREAD)
    set(SIGEMU_PC_CFLAGS " -pthread")
    string(APPEND SIGEMU_PC_EXTRA " -pthread")
  endif()
endif()
if(_sigemu_shared)
  if(WIN32)
    set(SIGEMU_PC_CFLAGS "${SIGEMU_PC_CFLAGS} -DSIGEMU_SHARED")
  endif()
  set(SIGEMU_PC_LIBS_PRIVATE "Libs.private: ${_deps}")
  set(_deps "")
else()
  set(SIGEMU_PC_LIBS_PRIVATE "")
  set(_deps " ${_deps}")
endif()

function(sigemu_pc name lib what)
  set(SIGEMU_PC_LIB ${lib})
  set(SIGEMU_PC_WHAT "${what}")
  set(SIGEMU_PC_DEPS "${_deps}")
  configure_file(${PROJECT_SOURCE_DIR}/cmake/sigemu.pc.in
                 ${PROJECT_BINARY_DIR}/pkgconfig/${name}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/${name}.pc DESTINATION ${_sigemu_pcdir})
endfunction()
sigemu_pc(sigemu sigemu "backend ${SIGEMU_BACKEND}")
if(TARGET sigemu_wasi_host)
  sigemu_pc(sigemu-wasi-host sigemu_wasi_host
    "backend wasi, with the \"sigemu\" host imports of the JS package")
endif()
