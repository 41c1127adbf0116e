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
  # Wasm builds: label suffix, build dir, file extension, runner. The other
  # toolchain and runtime columns are labelled BACKEND@COLUMN: the wasi
  # build under wasmtime, and Debian 13's builds (toolchain/debian13.sh).
  local wasmtime=0 col suffix dir ext runner
  "$_root/tools/run-wasmtime" --version >/dev/null 2>&1 && wasmtime=1
  for col in ":emscripten:js:emscripten" ":wasi:wasm:wasi" "@wasmtime:wasi:wasm:wasmtime" \
      "@3.1.69:emscripten-d13:js:emscripten" "@2024:wasi-d13:wasm:wasi" \
      "@2024@wasmtime:wasi-d13:wasm:wasmtime"; do
    IFS=: read -r suffix dir ext runner <<<"$col"
    d="$_root/build/$dir"
    [ "$runner" = wasmtime ] && [ $wasmtime = 0 ] && continue
    [ -f "$d/$prog.$ext" ] && "$cb" "$(_cache_backend "$d")$suffix" "$runner" "$d/$prog.$ext"
  done
  return 0
}
