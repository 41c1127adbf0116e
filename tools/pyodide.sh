#!/usr/bin/env bash
# tools/pyodide.sh DIR — Pyodide, the npm package at a pinned version, under
# DIR/node_modules/pyodide unless it is there already; prints that directory.
# bench/run.sh (Pyodide as the benchmarks' peer) and web-demo/run.sh (the
# Pyodide console of python.html) both use build/bench/pyodide. npm's output
# goes to DIR/install.log.
set -euo pipefail
VERSION=0.29.5
dir="${1:?usage: tools/pyodide.sh DIR}"
pkg="$dir/node_modules/pyodide"
if [ ! -f "$pkg/pyodide.mjs" ]; then
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"sigemu-pyodide","private":true}' >"$dir/package.json"
  echo "installing pyodide@$VERSION from the npm registry into $dir" >&2
  (cd "$dir" && npm install --no-audit --no-fund "pyodide@$VERSION") >"$dir/install.log" 2>&1 ||
    { echo "npm install pyodide failed (see $dir/install.log)" >&2; exit 1; }
fi
echo "$pkg"
