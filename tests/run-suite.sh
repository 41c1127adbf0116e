#!/usr/bin/env bash
# tests/run-suite.sh MODE — what the Makefile targets run, after the presets
# are built. Each suite owns a script; this file only orders them and sums up.
#   test   : native ctest, then every suite's `run.sh test`
#   demo   : examples/run.sh       parity : tests/parity/run.sh parity
#   bench  : bench/run.sh          web    : web-demo/run.sh serve
#   fuzz   : tests/fuzz/run.sh fuzz   tables : docs/gen-tables.sh
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mode="${1:-test}"

run_script() { # name script args...
  local name="$1"; shift
  if [ -x "$1" ]; then
    echo "=== $name"
    "$@"
  else
    echo "=== $name: not present ($1)"
    return 0
  fi
}

case "$mode" in
  demo)   run_script demo examples/run.sh; exit $? ;;
  parity) run_script parity tests/parity/run.sh parity; exit $? ;;
  bench)  run_script bench bench/run.sh; exit $? ;;
  web)    run_script web web-demo/run.sh serve; exit $? ;;
  fuzz)   run_script fuzz tests/fuzz/run.sh fuzz; exit $? ;;
  tables) run_script tables docs/gen-tables.sh; exit $? ;;
  test) ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac

# Suites, in order. Each prints its own TAP / test-runner summary; failures
# are collected so that one broken suite does not hide the others.
suites=(native)
for s in posix sanitizers wasm windows parity demo tables web; do suites+=("$s"); done
failed=()
passed=0
for s in "${suites[@]}"; do
  case "$s" in
    native)
      echo "=== native (ctest, build/native)"
      if ctest --test-dir build/native --output-on-failure -j 2 --timeout 300; then
        passed=$((passed+1)); else failed+=("$s"); fi ;;
    demo)
      echo "=== demo (both examples, same trace on every backend)"
      if examples/run.sh >build/demo.log 2>&1; then
        grep -c "same trace as sim" build/demo.log | sed 's/^/demo traces matching sim: /'
        passed=$((passed+1)); else cat build/demo.log; failed+=("$s"); fi ;;
    tables)
      if [ -x docs/gen-tables.sh ]; then
        echo "=== tables (generated docs are up to date)"
        if docs/gen-tables.sh --check; then passed=$((passed+1)); else failed+=("$s"); fi
      fi ;;
    web)
      if [ -x web-demo/run.sh ]; then
        echo "=== web (browser test)"
        if web-demo/run.sh test; then passed=$((passed+1)); else failed+=("$s"); fi
      fi ;;
    *)
      if [ -x "tests/$s/run.sh" ]; then
        echo "=== $s"
        if "tests/$s/run.sh" test; then passed=$((passed+1)); else failed+=("$s"); fi
      fi ;;
  esac
done
echo
echo "suites: $passed passed, ${#failed[@]} failed${failed[*]:+ (${failed[*]})}"
[ "${#failed[@]}" -eq 0 ]
