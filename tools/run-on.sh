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
    export WINEDEBUG=-all WINEPREFIX="${WINEPREFIX:-$root/build/wineprefix}" WINEARCH=win64
    # No Mono/Gecko offers while a prefix is made.
    export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=}"
    wine=/usr/lib/wine/wine64
    [ -x "$wine" ] || wine="$(command -v wine64 || command -v wine)"
    # A new prefix makes Wine print "wine: created the configuration
    # directory ..." into the first program's output: make it here, quietly
    # and once (under a lock: callers run programs in parallel).
    if [ ! -f "$WINEPREFIX/system.reg" ] && [ ! -f "$WINEPREFIX/.sigemu-ready" ]; then
      mkdir -p "$(dirname "$WINEPREFIX")"
      (
        flock 9
        if [ ! -f "$WINEPREFIX/.sigemu-ready" ]; then
          timeout -k 5 180 "$wine" wineboot -i >"$WINEPREFIX.log" 2>&1 &&
            touch "$WINEPREFIX/.sigemu-ready"
        fi
      ) 9>"$WINEPREFIX.lock"
    fi
    exec "$wine" "$prog" "$@" ;;
  *) echo "run-on: unknown backend $backend" >&2; exit 2 ;;
esac
