#!/usr/bin/env bash
# web-demo/run.sh — build the browser demo and serve or test it.
#   build : compile demo.c with emcc against build/emscripten/libsigemu.a
#           (the emscripten preset, which `make build-all` builds) and sigemu's
#           JS library, into build/web-demo/demo.{mjs,wasm}; then what the
#           Python consoles (python.html) load: CPython for the browser with
#           sigemu (python/build.sh emscripten-browser sigemu, cached outside
#           the clone by its inputs) and Pyodide (tools/pyodide.sh)
#   serve : build, then serve on http://127.0.0.1:${PORT:-8787}/ until Ctrl-C
#           (what `make web` runs): index.html and python.html
#   test  : build, then drive both pages in headless Chromium (web-demo/test.mjs,
#           web-demo/test-python.mjs; what `make test` runs). Prints
#           "N passed, N failed"; exit 1 on any failure.
# SIGEMU_EM_LIB overrides the library (another emscripten build of sigemu).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
mode="${1:-test}"
out="$root/build/web-demo"
lib="${SIGEMU_EM_LIB:-$root/build/emscripten/libsigemu.a}"
jslib="$root/js/src/library_sigemu.js"

exports=(demo_init demo_compute demo_poll demo_alarm demo_setitimer demo_mask
  demo_raise demo_sigwait_begin demo_sigwait_take demo_sigwait_end demo_sleep
  demo_strerror demo_pyexc demo_state)

build() {
  if [ ! -f "$lib" ]; then
    echo "web-demo: $lib is missing — run 'make build-all' (emscripten preset) first" >&2
    return 1
  fi
  if [ ! -f "$jslib" ]; then
    echo "web-demo: $jslib is missing (sigemu's Emscripten JS library)" >&2
    return 1
  fi
  command -v emcc >/dev/null || { echo "web-demo: emcc not found (toolchain/setup.sh)" >&2; return 1; }
  mkdir -p "$out"
  local list
  list="$(printf '_%s,' "${exports[@]}")"
  # Release links run Emscripten's acorn-based optimizer; Debian keeps acorn
  # in /usr/share/nodejs.
  NODE_PATH="${NODE_PATH:-/usr/share/nodejs}" emcc -O2 -std=c11 \
    -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
    -I "$root/include" "$here/demo.c" "$lib" \
    --js-library "$jslib" --no-entry \
    -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createDemo -sENVIRONMENT=worker \
    -sEXPORTED_FUNCTIONS="${list%,}" -sEXPORTED_RUNTIME_METHODS=UTF8ToString \
    -o "$out/demo.mjs"
  echo "web-demo: built $out/demo.mjs + demo.wasm"
}

# The Python consoles' interpreters. Says why on failure; the Mandelbrot page
# does not need them.
python_build() {
  local t0=$SECONDS
  echo "web-demo: CPython for the browser (python/build.sh emscripten-browser sigemu; log in build/cpython/logs/)"
  "$root/python/build.sh" emscripten-browser sigemu >"$out/python-build.log" 2>&1 ||
    { tail -20 "$out/python-build.log" >&2; echo "web-demo: the browser CPython build failed (see $out/python-build.log)" >&2; return 1; }
  grep -E 'cached|built in' "$out/python-build.log" | sed 's/^/web-demo: /'
  "$root/tools/pyodide.sh" "$root/build/bench/pyodide" >/dev/null || return 1
  echo "web-demo: Python consoles ready ($((SECONDS - t0)) s)"
}

case "$mode" in
  build) build && python_build ;;
  serve)
    build
    python_build || echo "web-demo: serving without the Python consoles' interpreters" >&2
    exec node "$here/server.mjs" --port "${PORT:-8787}" ;;
  test)
    mkdir -p "$out"
    rc=0
    if build; then node "$here/test.mjs" | tee "$out/test.log" || rc=1
    else echo "0 passed, 1 failed"; rc=1; fi
    echo "--- Python consoles (python.html)"
    if python_build; then node "$here/test-python.mjs" | tee "$out/test-python.log" || rc=1
    else echo "not ok - the Python consoles' interpreters could not be built"; echo "0 passed, 1 failed"; rc=1; fi
    exit "$rc" ;;
  *) echo "usage: $0 build|serve|test" >&2; exit 2 ;;
esac
