#!/usr/bin/env bash
# tests/fuzz/run.sh MODE — the robustness fuzzer (docs/robustness.md).
#   fuzz   : build the libFuzzer target (clang, fuzzer+ASan+UBSan) in
#            build/fuzz and run it for FUZZ_SECONDS (default 60) from the seed
#            corpus; print executions and coverage; non-zero on any finding.
#   test   : build the replay binary without libFuzzer (gcc, or $CC) in
#            build/fuzz-replay, replay tests/fuzz/corpus and the reproducers
#            in tests/fuzz/findings, check docs/bad-input.md, and run the JS
#            host abuse tests when the js/ package is there.
#   corpus : regenerate the generated part of tests/fuzz/corpus (fuzz, merge,
#            keep up to 48 inputs named by their SHA-1); the hand-made inputs
#            (finding-* reproducers of fixed findings, seed-* for rules the
#            fuzzer is slow to reach) are kept as they are.
# Environment: FUZZ_SECONDS, SIGEMU_FUZZ_ALLOW (known findings to tolerate,
# see fuzz_api.c), CC.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mode="${1:-test}"
here=tests/fuzz
lib_srcs=(src/*.c src/emu/*.c src/emu/linux/*.c platform/sim/*.c)
flags=(-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
       -Wmissing-prototypes -Iinclude -Isrc -DSIGEMU_BUILDING
       '-DSIGEMU_BACKEND_NAME="sim"' -g)

build_fuzzer() {
  mkdir -p build/fuzz
  clang-14 "${flags[@]}" -O1 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all "${lib_srcs[@]}" $here/fuzz_api.c -lm \
    -o build/fuzz/fuzz_api || { echo "fuzz: build failed"; exit 1; }
}

build_replay() {
  mkdir -p build/fuzz-replay
  local cc="${CC:-gcc}"
  "$cc" "${flags[@]}" -O1 "${lib_srcs[@]}" $here/fuzz_api.c $here/replay.c -lm \
    -o build/fuzz-replay/fuzz_replay &&
  "$cc" "${flags[@]}" -O1 "${lib_srcs[@]}" tests/badinput/badinput.c -lm -lpthread \
    -o build/fuzz-replay/badinput_table ||
    { echo "fuzz: replay build failed (0 passed, 1 failed)"; exit 1; }
}

case "$mode" in
fuzz)
  build_fuzzer
  secs="${FUZZ_SECONDS:-60}"
  work=build/fuzz/corpus
  rm -rf "$work" build/fuzz/crash-* build/fuzz/leak-* build/fuzz/timeout-* \
    build/fuzz/slow-unit-*
  mkdir -p "$work"
  cp $here/corpus/* "$work"/
  echo "fuzz: running build/fuzz/fuzz_api for ${secs}s (seeds: $here/corpus)"
  build/fuzz/fuzz_api "$work" -max_total_time="$secs" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -max_len=1024 \
    -artifact_prefix=build/fuzz/ >build/fuzz/fuzz.log 2>&1
  rc=$?
  grep -E "finding|runtime error|ERROR:|SUMMARY|Test unit written" -A3 \
    build/fuzz/fuzz.log | head -40
  last="$(grep -E '(DONE|pulse|NEW|REDUCE|INITED).*cov:' build/fuzz/fuzz.log | tail -1)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' build/fuzz/fuzz.log)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' build/fuzz/fuzz.log)"
  cov="$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
  corp="$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")"
  grep '^stat::' build/fuzz/fuzz.log
  findings=$(ls build/fuzz/crash-* build/fuzz/leak-* build/fuzz/timeout-* 2>/dev/null | wc -l)
  echo "fuzz: ${execs:-0} executions in ${secs}s (${rate:-0}/s), coverage ${cov:-?} edges, ${ft:-?} features, corpus ${corp:-?} inputs, ${findings} finding(s)"
  if [ "$rc" -ne 0 ] || [ "$findings" -ne 0 ]; then
    echo "fuzz: FAILED — reproduce with: SIGEMU_FUZZ_TRACE=1 build/fuzz-replay/fuzz_replay <artifact> (after run.sh test builds it)"
    exit 1
  fi
  ;;
test)
  build_replay
  fails=0
  build/fuzz-replay/fuzz_replay $here/corpus | tail -1 || fails=$((fails+1))
  if [ -d $here/findings ] && ls $here/findings/* >/dev/null 2>&1; then
    echo "fuzz: reproducers of reported findings (tests/fuzz/findings):"
    build/fuzz-replay/fuzz_replay $here/findings 2>&1 | grep -E "^(ok|not ok)|finding|  " | head -20
    build/fuzz-replay/fuzz_replay $here/findings >/dev/null 2>&1 || fails=$((fails+1))
  fi
  tests/badinput/gen.sh --check build/fuzz-replay/badinput_table | tail -2 || fails=$((fails+1))
  if [ -d js/src ] && [ -f $here/js-abuse.test.mjs ] && command -v node >/dev/null; then
    echo "fuzz: JS host abuse tests"
    if timeout 120 node --test $here/js-abuse.test.mjs >build/fuzz-replay/js.log 2>&1; then
      grep -E "^# (pass|fail)" build/fuzz-replay/js.log
    else
      tail -30 build/fuzz-replay/js.log; fails=$((fails+1))
    fi
  fi
  echo "fuzz suite: $(( fails == 0 ? 1 : 0 )) passed, $(( fails == 0 ? 0 : 1 )) failed"
  [ $fails -eq 0 ]
  ;;
corpus)
  build_fuzzer
  build_replay
  work=build/fuzz/gen; rm -rf "$work" build/fuzz/merged; mkdir -p "$work" build/fuzz/merged
  cp $here/corpus/* "$work"/ 2>/dev/null
  SIGEMU_FUZZ_ALLOW="${SIGEMU_FUZZ_ALLOW:-}" build/fuzz/fuzz_api "$work" \
    -max_total_time="${FUZZ_SECONDS:-120}" -max_len=256 -timeout=10 \
    -artifact_prefix=build/fuzz/ >build/fuzz/gen.log 2>&1
  build/fuzz/fuzz_api -merge=1 build/fuzz/merged "$work" >>build/fuzz/gen.log 2>&1
  # Keep generated inputs that pass the strict replay, the largest first
  # (they reach the most), up to 48 files; the hand-made ones stay.
  mkdir -p build/fuzz/keep; rm -f build/fuzz/keep/*
  for f in $(ls -S build/fuzz/merged); do
    [ "$(ls build/fuzz/keep | wc -l)" -ge 48 ] && break
    case "$f" in finding-*|seed-*) continue ;; esac
    env -u SIGEMU_FUZZ_ALLOW build/fuzz-replay/fuzz_replay "build/fuzz/merged/$f" >/dev/null 2>&1 &&
      cp "build/fuzz/merged/$f" build/fuzz/keep/
  done
  find $here/corpus -type f ! -name 'finding-*' ! -name 'seed-*' -delete
  cp build/fuzz/keep/* $here/corpus/
  echo "corpus: $(ls $here/corpus | wc -l) files, $(du -sh $here/corpus | cut -f1)"
  ;;
*) echo "usage: $0 fuzz|test|corpus" >&2; exit 2 ;;
esac
