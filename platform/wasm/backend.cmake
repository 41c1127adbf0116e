# platform/wasm/backend.cmake — included by sigemu_add_library() for the
# emscripten and wasi backends, with ${SIGEMU_TARGET} and ${backend} set.
#
# Emscripten: programs that link sigemu also need its JS library (the glue
# for clocks, timers, waits and host signals), and -pthread when the
# emscripten-pthread preset asks for the shared-memory mode.
# WASI: besides the pure library (no imports but wasi_snapshot_preview1),
# build sigemu_wasi_host, the flavour with the "sigemu" host imports.
if(backend STREQUAL "emscripten")
  # Installed, the glue sits in share/sigemu/ (cmake/install.cmake).
  target_link_options(${SIGEMU_TARGET} INTERFACE
    "$<BUILD_INTERFACE:--js-library=${PROJECT_SOURCE_DIR}/js/src/library_sigemu.js>"
    "$<INSTALL_INTERFACE:--js-library=$<INSTALL_PREFIX>/${CMAKE_INSTALL_DATADIR}/sigemu/library_sigemu.js>")
  set_property(TARGET ${SIGEMU_TARGET} APPEND PROPERTY INTERFACE_LINK_DEPENDS
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/js/src/library_sigemu.js>)
  if(SIGEMU_PTHREAD)
    target_compile_options(${SIGEMU_TARGET} PUBLIC -pthread)
    target_link_options(${SIGEMU_TARGET} INTERFACE -pthread)
  endif()
  # Release links run Emscripten's acorn-based JS optimizer; Debian ships
  # acorn in /usr/share/nodejs, which a non-Debian node does not search.
  if(EXISTS /usr/share/nodejs/acorn AND NOT DEFINED ENV{NODE_PATH})
    set_property(GLOBAL PROPERTY RULE_LAUNCH_LINK
      "${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs")
  endif()
elseif(backend STREQUAL "wasi")
  if(SIGEMU_TARGET STREQUAL "sigemu" AND NOT TARGET sigemu_wasi_host)
    sigemu_add_library(sigemu_wasi_host wasi FLAVOUR imports)
  endif()
endif()
