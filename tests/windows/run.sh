#!/usr/bin/env bash
# tests/windows/run.sh test — the Windows suite, under Wine: the windows
# backend's own tests (build/mingw/tests/windows/test_windows.exe) and the
# core's unit tests built for mingw (build/mingw/tests/unit/*.exe, on the
# sim backend). `make test` calls it after `make build-all` has built
# build/mingw with the `mingw` preset.
#
# Wine's start-up is paid once per run: the prefix (build/wineprefix) is
# created on the first run only, and one wineserver serves every program of
# the run, so each test program costs a process start, not a Wine boot. The
# server is started persistent with a timeout (-p30: it exits by itself 30 s
# after the last program) rather than killed with -k at the end, so that
# another suite using the same prefix at the same time (tests/parity/run.sh
# does the same) is never killed under its feet.
#
# Tests that may end their process (T_ALONE in the harness) are skipped by
# the harness where there is no fork(); this script runs each of them alone
# (--only NAME) and checks the exit status the test announces
# ("# expect exit status N").
#
# Prints every program's TAP, then "windows: N passed, N failed (N skipped)".
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mode="${1:-test}"
[ "$mode" = "test" ] || { echo "usage: $0 test" >&2; exit 2; }

build="$root/build/mingw"
per_program_timeout="${WINDOWS_TEST_TIMEOUT:-120}"

wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine="$(command -v wine64 || command -v wine || true)"
wineserver=/usr/lib/wine/wineserver
[ -x "$wineserver" ] || wineserver="$(command -v wineserver || true)"
if [ -z "$wine" ] || [ -z "$wineserver" ]; then
  echo "windows: SKIP: Wine is not installed (toolchain/setup.sh installs wine64)"
  echo "windows: 0 passed, 0 failed (suite skipped)"
  exit 0
fi
if [ ! -d "$build" ]; then
  echo "windows: build/mingw is missing: run 'make build-all' (cmake --preset mingw)"
  echo "windows: 0 passed, 1 failed"
  exit 1
fi

export WINEDEBUG=-all WINEPREFIX="$root/build/wineprefix" WINEARCH=win64
# Keep Wine from offering Mono/Gecko downloads while it creates the prefix.
export WINEDLLOVERRIDES="mscoree,mshtml="

t_start=$(date +%s.%N)
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "# creating the Wine prefix $WINEPREFIX (first run only)"
  timeout -k 5 180 "$wine" wineboot -i >"$root/build/wineprefix.log" 2>&1 ||
    { echo "# wineboot failed:"; cat "$root/build/wineprefix.log"; }
fi
# No stdio for the server: a pipe it held open would stall our caller.
"$wineserver" -p30 </dev/null >/dev/null 2>&1
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
t_ready=$(date +%s.%N)

passed=0 failed=0 skipped=0
logdir="$root/build/windows-tests" # every program's output, for a look later
mkdir -p "$logdir"
alone_reason="may end the process: run it alone with --only"

# Runs one program (args...), prints its TAP; the output goes to $out.
run_program() { # exe args...
  local exe="$1"; shift
  timeout -k 5 "$per_program_timeout" "$wine" "$exe" "$@" >"$tmp" 2>&1
  rc=$?
  out="$(tr -d '\r' <"$tmp")"
  printf '%s\n' "$out" >"$logdir/$(basename "$exe" .exe)${1:+.${2:-$1}}.log"
  printf '%s\n' "$out"
  [ "$rc" -eq 124 ] && echo "# TIMEOUT after ${per_program_timeout}s"
  return 0
}

# Runs one test alone and judges it by the exit status it announces.
run_alone() { # exe name
  local exe="$1" name="$2" want=0
  run_program "$exe" --only "$name"
  case "$out" in
    *"# expect exit status "*)
      want="$(printf '%s\n' "$out" | sed -n 's/^# expect exit status \([0-9]*\).*/\1/p' | head -1)" ;;
  esac
  if [ "$rc" -eq "$want" ] || { [ "$want" -eq 0 ] && printf '%s\n' "$out" | grep -q "^ok "; }; then
    echo "ok - $name (alone, exit status $rc)"
    passed=$((passed + 1))
  else
    echo "not ok - $name (alone): exit status $rc, expected $want"
    failed=$((failed + 1))
  fi
}

# Runs a test program, counts its results, then runs its alone tests.
run_suite() { # label exe
  local label="$1" exe="$2" plan n_ok n_notok n_skip n_alone
  echo "# --- $label ($(basename "$exe"))"
  run_program "$exe"
  plan="$(printf '%s\n' "$out" | sed -n 's/^1\.\.\([0-9]*\)$/\1/p' | head -1)"
  n_notok="$(printf '%s\n' "$out" | grep -c '^not ok ')"
  n_alone="$(printf '%s\n' "$out" | grep -c "^ok .* # SKIP $alone_reason")"
  n_skip="$(printf '%s\n' "$out" | grep '^ok ' | grep -c ' # SKIP ')"
  n_skip=$((n_skip - n_alone))
  n_ok="$(printf '%s\n' "$out" | grep '^ok ' | grep -vc ' # SKIP ')"
  local seen=$((n_ok + n_notok + n_skip + n_alone))
  passed=$((passed + n_ok)); failed=$((failed + n_notok)); skipped=$((skipped + n_skip))
  if [ -z "$plan" ] || [ "$seen" -lt "$plan" ]; then
    # Crashed or timed out part-way: every missing result is a failure.
    local missing=$(( ${plan:-1} - seen ))
    [ "$missing" -lt 1 ] && missing=1
    echo "not ok - $label: ended early (exit status $rc, $missing result(s) missing)"
    failed=$((failed + missing))
  elif [ "$rc" -ne 0 ] && [ "$n_notok" -eq 0 ]; then
    echo "not ok - $label: exit status $rc with no failing test"
    failed=$((failed + 1))
  fi
  local name
  for name in $(printf '%s\n' "$out" | sed -n "s/^ok [0-9]* - \([^ ]*\) # SKIP $alone_reason\$/\1/p"); do
    run_alone "$exe" "$name"
  done
}

if [ -x "$build/tests/windows/test_windows.exe" ] || [ -f "$build/tests/windows/test_windows.exe" ]; then
  run_suite "windows backend" "$build/tests/windows/test_windows.exe"
else
  echo "not ok - test_windows.exe is not built (is platform/windows/ in the build?)"
  failed=$((failed + 1))
fi

shopt -s nullglob
units=("$build"/tests/unit/*.exe)
if [ ${#units[@]} -eq 0 ]; then
  echo "# SKIP unit tests: none built in build/mingw/tests/unit (the unit suite has not landed)"
else
  for exe in "${units[@]}"; do run_suite "unit (sim backend)" "$exe"; done
fi

t_end=$(date +%s.%N)
awk -v a="$t_start" -v b="$t_ready" -v c="$t_end" \
  'BEGIN { printf "# wine start-up %.2fs (once), tests %.2fs\n", b - a, c - b }'
echo "windows: $passed passed, $failed failed ($skipped skipped)"
[ "$failed" -eq 0 ]
