#!/usr/bin/env bash
# toolchain/setup.sh — install everything the build and tests need.
#
# Idempotent: every package is checked first, and `apt-get update` runs only
# when something is missing, so a second run takes a few seconds. Called by
# `make demo`, `make test` and friends; safe to call by hand.
#
# SIGEMU_SETUP_MINIMAL=1 skips the optional heavy packages (chromium, wine).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

# Debian packages: name -> why.
pkgs=(
  cmake                       # build
  ninja-build                 # fast generator for the presets
  clang lld                   # WASI builds and the fuzzer
  libclang-rt-14-dev          # libFuzzer + sanitizers (native)
  wasi-libc                   # WASI sysroot
  libclang-rt-14-dev-wasm32   # compiler-rt builtins for wasm32-wasi
  emscripten                  # Emscripten backend (3.1.6 in Debian 12)
  binaryen                    # wasm-opt for emcc -O builds
  gcc-mingw-w64-x86-64        # Windows cross build
  g++-mingw-w64-x86-64        # C++ consumer test (sigemu.h's C++ branch) on Windows
  pkgconf                     # pkg-config consumer tests
  wine64                      # runs the Windows tests
  nodejs npm                  # JS host, wasm tests
  python3                     # parity oracle, table generators
  python3-venv                # the venv of tools/run-wasmtime (wasmtime from PyPI)
  valgrind                    # make bench: instruction counts (callgrind)
)
if [ "${SIGEMU_SETUP_MINIMAL:-0}" != 1 ]; then
  pkgs+=(chromium)            # browser test of the web demo
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
# python3 and node may come from elsewhere (pyenv, nvm): accept them on PATH.
filtered=()
for p in "${missing[@]}"; do
  case "$p" in
    python3) command -v python3 >/dev/null || filtered+=("$p") ;;
    nodejs) command -v node >/dev/null || filtered+=("$p") ;;
    npm) command -v npm >/dev/null || filtered+=("$p") ;;
    *) filtered+=("$p") ;;
  esac
done
missing=("${filtered[@]+"${filtered[@]}"}")

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages for the JS tests, the browser test and the benchmarks. One
# package.json at the root keeps a single node_modules for all of them.
if [ -f "$root/package.json" ]; then
  need_npm=0
  # Every devDependency of package.json (playwright-core, esbuild, typescript).
  for m in $(node -p "Object.keys(require('$root/package.json').devDependencies ?? {}).join(' ')"); do
    [ -d "$root/node_modules/$m" ] || need_npm=1
  done
  if [ "$need_npm" = 1 ]; then
    echo "setup: npm install"
    (cd "$root" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi
# wasmtime, the third WASI runtime: its official Python embedding from PyPI,
# in a venv under the cache (tools/run-wasmtime --setup; seconds when present).
"$root/tools/run-wasmtime" --setup >/dev/null
# The Debian 13 toolchain column (made once, then reused; see debian13.sh).
if [ "${SIGEMU_D13:-1}" != 0 ]; then
  "$here/debian13.sh" root >/dev/null
fi
echo "setup: ok"
