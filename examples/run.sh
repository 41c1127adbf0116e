#!/usr/bin/env bash
# examples/run.sh — `make demo`: run both examples on every backend built
# here, print each trace, and say whether it matches the sim trace (the
# first line names the backend and is left out of the comparison).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/tools/backends.sh"
status=0
for ex in alarm_open shutdown; do
  ref=""
  show() { # label runner path
    local out rc
    # Wine's console writes CRLF: compare the text, not the line endings.
    out="$(timeout 60 "$root/tools/run-on.sh" "$2" "$3" 2>&1)"; rc=$?
    out="${out//$'\r'/}"
    echo "--- $ex on $1 (exit $rc)"
    echo "$out" | sed 's/^/    /'
    local body; body="$(echo "$out" | tail -n +2)"
    if [ "$1" = sim ]; then ref="$body"
    elif [ -n "$ref" ]; then
      if [ "$body" = "$ref" ]; then echo "    => same trace as sim"
      else echo "    => DIFFERS from sim"; status=1; fi
    fi
  }
  # sim first: it is the reference the others are compared with.
  simfirst() { [ "$1" = sim ] && show "$@"; return 0; }
  others() { [ "$1" != sim ] && show "$@"; return 0; }
  each_backend "examples/$ex" simfirst
  each_backend "examples/$ex" others
done

# The same two examples written as plain POSIX C (no sigemu header; the
# programs of the POSIX layer's matrix, tests/libc/programs/doc_*.c),
# compiled unchanged for every target: glibc natively, the POSIX layer on
# WebAssembly. Each target's trace is compared with glibc's.
for ex in doc_alarm_open doc_shutdown; do
  echo "--- $ex.c (plain POSIX) on glibc, then each target against it"
  out="$("$root/tests/libc/run.sh" one "$ex" 2>&1)"; rc=$?
  echo "$out" | grep -v '^libc: ' | sed 's/^/    /'
  # Every column that ran must say "same"; a missing toolchain leaves its
  # column out (the run says so).
  if [ $rc -ne 0 ] || echo "$out" | grep -q '^--- .*(\(built\|build-failed\|not built\)' ||
     [ "$(echo "$out" | grep -c '^--- .* (ran)')" != "$(echo "$out" | grep -c '^same$')" ]; then
    echo "    => DIFFERS from glibc"; status=1
  else
    echo "    => same trace as glibc on $(echo "$out" | grep -c '^same$') targets"
  fi
done
exit $status
