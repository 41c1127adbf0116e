#!/usr/bin/env bash
# tools/run-on.sh BACKEND PROGRAM [args...] — run a program built for a
# backend the way that backend runs: natively, under Node (Emscripten, WASI),
# under wasmtime (tools/run-wasmtime, WASI)
# or under Wine (mingw). One place for the incantations.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
backend="$1"; shift
prog="$1"; shift
case "$backend" in
  posix|sim|native) exec "$prog" "$@" ;;
  emscripten) exec node --no-warnings "$root/js/bin/run-emscripten.mjs" "$prog" "$@" ;;
  wasi) exec node --no-warnings "$root/js/bin/run-wasi.mjs" "$prog" "$@" ;;
  wasmtime) exec "$root/tools/run-wasmtime" --dir . "$prog" "$@" ;;
  windows)
    export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-$root/build/wineprefix}"
    wine=/usr/lib/wine/wine64
    [ -x "$wine" ] || wine="$(command -v wine64 || command -v wine)"
    exec "$wine" "$prog" "$@" ;;
  *) echo "run-on: unknown backend $backend" >&2; exit 2 ;;
esac
