#!/usr/bin/env bash
# tests/run-suite.sh MODE — what the Makefile targets run, after the presets
# are built. Each suite owns a script; this file only orders them and sums up.
#   test   : native ctest, then every suite's `run.sh test`
#   demo   : examples/run.sh       parity : tests/parity/run.sh parity
#   bench  : bench/run.sh          web    : web-demo/run.sh serve
#   fuzz   : tests/fuzz/run.sh fuzz   tables : docs/gen-tables.sh
#   consumers : tests/consumers/run.sh test
# The cpython suite (tests/cpython/run.sh test) builds CPython for wasm
# (cached outside the clone) and runs its test_signal.py on it.
# Generated docs go under build/docs unless SIGEMU_DOCS_ROOT says otherwise
# (only the Makefile's docs targets set it to the repository).
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
  consumers) run_script consumers tests/consumers/run.sh test; exit $? ;;
  test) ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac

# Suites, in order. Each prints its own TAP / test-runner summary; failures
# are collected so that one broken suite does not hide the others.
suites=(native)
for s in posix sanitizers wasm windows parity libc demo tables web docs consumers cpython; do suites+=("$s"); done
failed=()
passed=0

# A test run writes under build/ only: every file git sees (tracked or not
# ignored) must be the same afterwards.
snapshot() {
  git -C "$root" ls-files -z -co --exclude-standard 2>/dev/null |
    (cd "$root" && xargs -0 -r sha1sum 2>/dev/null) | sort
}
have_git=0
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  have_git=1
  mkdir -p build
  snapshot >build/test-snapshot.before
fi
# The CPython builds (tens of minutes when not cached) start now, niced, in
# the background: the other suites leave a core idle most of the time. The
# cpython suite waits for them through python/build.sh's locks.
if [ -x tests/cpython/run.sh ]; then
  mkdir -p build
  nice -n 10 tests/cpython/run.sh prebuild >build/cpython-prebuild.log 2>&1 &
fi
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
echo "=== side effects (files outside build/ left as they were)"
if [ "$have_git" = 1 ]; then
  snapshot >build/test-snapshot.after
  if diff build/test-snapshot.before build/test-snapshot.after >build/test-snapshot.diff; then
    echo "side effects: none (1 passed, 0 failed)"; passed=$((passed+1))
  else
    echo "side effects: the run changed files outside build/ (0 passed, 1 failed):"
    sed 's/^/    /' build/test-snapshot.diff
    failed+=(side-effects)
  fi
else
  echo "side effects: SKIP: not a git checkout, nothing to compare with"
fi
echo
echo "suites: $passed passed, ${#failed[@]} failed${failed[*]:+ (${failed[*]})}"
[ "${#failed[@]}" -eq 0 ]
