# tools/backends.sh — sourced by the scripts that run one program on every
# backend built here. Defines `each_backend PROGRAM_BASENAME CALLBACK`: for
# each built variant it calls CALLBACK LABEL RUNNER_BACKEND PATH, where the
# label is the backend the program was linked with.
#   native preset: PROGRAM (posix) and PROGRAM_sim (sim)
#   emscripten / wasi / mingw presets: PROGRAM.js / .wasm / .exe
#   and BACKEND@COLUMN labels for the extra columns: wasi@wasmtime,
#   emscripten@3.1.69 and wasi@2024 (build/*-d13), wasi@2024@wasmtime
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
  # The other toolchain and runtime columns, labelled BACKEND@COLUMN: the
  # same wasi build under wasmtime, and Debian 13's builds (debian13.sh).
  [ -f "$d/$prog.wasm" ] && "$_root/tools/run-wasmtime" --version >/dev/null 2>&1 &&
    "$cb" "$(_cache_backend "$d")@wasmtime" wasmtime "$d/$prog.wasm"
  d="$_root/build/emscripten-d13"
  [ -f "$d/$prog.js" ] && "$cb" "$(_cache_backend "$d")@3.1.69" emscripten "$d/$prog.js"
  d="$_root/build/wasi-d13"
  [ -f "$d/$prog.wasm" ] && "$cb" "$(_cache_backend "$d")@2024" wasi "$d/$prog.wasm"
  [ -f "$d/$prog.wasm" ] && "$_root/tools/run-wasmtime" --version >/dev/null 2>&1 &&
    "$cb" "$(_cache_backend "$d")@2024@wasmtime" wasmtime "$d/$prog.wasm"
  return 0
}
