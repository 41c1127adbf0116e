# tools/backends.sh — sourced by the scripts that run one program on every
# backend built here. Defines `each_backend PROGRAM_BASENAME CALLBACK`: for
# each built variant it calls CALLBACK LABEL RUNNER_BACKEND PATH, where the
# label is the backend the program was linked with.
#   native preset: PROGRAM (posix) and PROGRAM_sim (sim)
#   emscripten / wasi / mingw presets: PROGRAM.js / .wasm / .exe
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_cache_backend() { sed -n 's/^SIGEMU_BACKEND:STRING=//p' "$1/CMakeCache.txt" 2>/dev/null; }
each_backend() { # subdir/program callback
  local prog="$1" cb="$2" b
  local d="$_root/build/native"
  if [ -f "$d/CMakeCache.txt" ]; then
    b="$(_cache_backend "$d")"
    [ -x "$d/$prog" ] && "$cb" "$b" "$b" "$d/$prog"
    [ "$b" != sim ] && [ -x "$d/${prog}_sim" ] && "$cb" sim sim "$d/${prog}_sim"
  fi
  d="$_root/build/mingw"
  [ -f "$d/$prog.exe" ] && "$cb" "$(_cache_backend "$d")" windows "$d/$prog.exe"
  d="$_root/build/emscripten"
  [ -f "$d/$prog.js" ] && "$cb" "$(_cache_backend "$d")" emscripten "$d/$prog.js"
  d="$_root/build/wasi"
  [ -f "$d/$prog.wasm" ] && "$cb" "$(_cache_backend "$d")" wasi "$d/$prog.wasm"
  return 0
}
