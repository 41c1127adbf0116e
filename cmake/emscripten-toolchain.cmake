# cmake/emscripten-toolchain.cmake — the emscripten presets' toolchain file:
# finds Emscripten wherever it is installed and hands over to its own
# toolchain file. Looked for, in order: $EMSCRIPTEN (the folder holding
# emcc, as emsdk_env sets it), $EMSDK/upstream/emscripten, and the emcc on
# PATH with its symlinks resolved (Debian: /usr/bin/emcc ->
# /usr/share/emscripten/emcc).
set(_sigemu_em "")
foreach(_d "$ENV{EMSCRIPTEN}" "$ENV{EMSDK}/upstream/emscripten")
  if(NOT _sigemu_em AND EXISTS "${_d}/cmake/Modules/Platform/Emscripten.cmake")
    set(_sigemu_em "${_d}")
  endif()
endforeach()
if(NOT _sigemu_em)
  find_program(_sigemu_emcc emcc NO_CACHE)
  if(_sigemu_emcc)
    file(REAL_PATH "${_sigemu_emcc}" _sigemu_emcc)
    get_filename_component(_sigemu_em "${_sigemu_emcc}" DIRECTORY)
  endif()
endif()
if(NOT EXISTS "${_sigemu_em}/cmake/Modules/Platform/Emscripten.cmake")
  message(FATAL_ERROR "Emscripten not found: put emcc on PATH, or set "
    "EMSCRIPTEN (the folder holding emcc) or EMSDK")
endif()
if(NOT _sigemu_em_said)
  set(_sigemu_em_said ON)
  message(STATUS "sigemu: Emscripten at ${_sigemu_em}")
endif()
include("${_sigemu_em}/cmake/Modules/Platform/Emscripten.cmake")
