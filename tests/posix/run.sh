#!/usr/bin/env bash
# tests/posix/run.sh test — the posix backend's own tests (real signals,
# threads, processes) from the native build, called by tests/run-suite.sh.
# The sanitizer presets run the same tests from the sanitizers suite.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mode="${1:-test}"
[ "$mode" = test ] || { echo "usage: $0 test" >&2; exit 2; }
if [ ! -f "$root/build/native/CTestTestfile.cmake" ]; then
  echo "posix: build/native is not built (make build)" >&2
  exit 1
fi
if ! grep -q posix_basic "$root/build/native/tests/posix/CTestTestfile.cmake" 2>/dev/null; then
  echo "posix: the native library is not the posix backend; nothing to run"
  exit 0
fi
exec ctest --test-dir "$root/build/native" -R '^posix_' --output-on-failure \
  -j 2 --timeout 120
