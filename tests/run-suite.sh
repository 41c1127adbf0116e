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
run_suite() { # name: runs one suite, its status is the suite's verdict
  local s="$1"
  case "$s" in
    native)
      echo "=== native (ctest, build/native)"
      ctest --test-dir build/native --output-on-failure -j 2 --timeout 300 ;;
    demo)
      echo "=== demo (both examples, same trace on every backend)"
      if examples/run.sh >build/demo.log 2>&1; then
        grep -c "same trace as sim" build/demo.log | sed 's/^/demo traces matching sim: /'
      else cat build/demo.log; return 1; fi ;;
    tables)
      if [ -x docs/gen-tables.sh ]; then
        echo "=== tables (generated docs are up to date)"
        docs/gen-tables.sh --check
      fi ;;
    web)
      if [ -x web-demo/run.sh ]; then
        echo "=== web (browser test)"
        web-demo/run.sh test
      fi ;;
    *)
      if [ -x "tests/$s/run.sh" ]; then
        echo "=== $s"
        "tests/$s/run.sh" test
      fi ;;
  esac
}
# Each suite's output also goes to build/suites/NAME.log, so that the end of
# the run can repeat why a suite failed: a CI log shows only its last lines.
mkdir -p build/suites
for s in "${suites[@]}"; do
  run_suite "$s" 2>&1 | tee "build/suites/$s.log"
  if [ "${PIPESTATUS[0]}" -eq 0 ]; then passed=$((passed+1)); else failed+=("$s"); fi
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
# Why each failed suite failed, in a few lines (its whole output is above
# and in build/suites/NAME.log): the lines that name a failure.
for s in "${failed[@]}"; do
  [ -f "build/suites/$s.log" ] || continue
  echo
  echo "=== why $s failed (the lines of build/suites/$s.log that name a failure)"
  if grep -q '^Differences:' "build/suites/$s.log"; then
    # parity: the cells that differ, each with its diff
    sed -n '/^Differences:/,/^matrix: /p' "build/suites/$s.log" | head -n 60
  else
    grep -E 'not ok|FAIL|[Ff]ailed|TIMEOUT|BROKEN|[Ee]rror' "build/suites/$s.log" |
      grep -v -E ' 0 failed' | head -n 40
  fi
done
echo
echo "suites: $passed passed, ${#failed[@]} failed${failed[*]:+ (${failed[*]})}"
[ "${#failed[@]}" -eq 0 ]
