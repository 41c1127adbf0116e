#!/usr/bin/env bash
# tests/parity/run.sh — the parity suite: every scenario of tests/scenarios/
# on CPython's real `signal` module (oracle.py, the reference) and on every
# backend built under build/, compared line by line.
#
#   run.sh parity   what `make parity` runs: build the runners that are
#                   missing, run everything, print the matrix, write
#                   build/parity/{matrix.md,index.html} and the summary
#                   docs/parity-summary.md under SIGEMU_DOCS_ROOT (build/docs;
#                   the repository for `make docs-parity`)
#   run.sh test     the same (what `make test` runs); exit 1 on a failure
#   run.sh one SCENARIO [COLUMN...]   run one scenario, show the diffs
#
# Columns (scenario x backend cells):
#   native      build/native    sigemu_parity      (the platform backend)
#   sim         build/native    sigemu_parity_sim  (the deterministic one)
#   emscripten  build/emscripten sigemu_parity.js  under node
#   wasi        build/wasi      sigemu_parity.wasm under node:wasi
#   mingw       build/mingw     sigemu_parity.exe  under wine64
#   emscripten-d13, wasi-d13     the same with Debian 13's toolchain
#               (Emscripten 3.1.69, wasi-libc 2024; toolchain/debian13.sh)
#   wasmtime, wasmtime-d13       build/wasi, build/wasi-d13 under wasmtime
#               (tools/run-wasmtime)
# A column whose build directory is absent is left out (and said so).
#
# Environment: PARITY_JOBS (default 3: most scenarios wait, few compute),
# PARITY_TIMEOUT (seconds per run, default 40), PARITY_ONLY (a regex of
# scenario names to run).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mode="${1:-test}"
out="$root/build/parity"
jobs="${PARITY_JOBS:-3}"
tmo="${PARITY_TIMEOUT:-40}"
export WINEDEBUG=-all WINEPREFIX="$root/build/wineprefix"
WINE=/usr/lib/wine/wine64
NODE="node --no-experimental-fetch --no-warnings"
# The oracle's interpreter, resolved once (a version manager's python3 shim
# costs a shell script per run).
PYTHON="${PARITY_PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}"
export PARITY_PYTHON="$PYTHON"
# Build directories (overridable, e.g. to test a private build).
NATIVE_DIR="${PARITY_NATIVE_DIR:-build/native}"
EM_DIR="${PARITY_EM_DIR:-build/emscripten}"
WASI_DIR="${PARITY_WASI_DIR:-build/wasi}"
MINGW_DIR="${PARITY_MINGW_DIR:-build/mingw}"
EM13_DIR="${PARITY_EM13_DIR:-build/emscripten-d13}"
WASI13_DIR="${PARITY_WASI13_DIR:-build/wasi-d13}"
WASMTIME="$root/tools/run-wasmtime"

# ---- one run: run.sh _run COLUMN SCENARIO (output file per cell) ---------
runner_cmd() { # column -> command prefix (scenario appended), or empty
  case "$1" in
    oracle) echo "$PYTHON $here/oracle.py" ;;
    native) echo "$root/$NATIVE_DIR/tests/parity/sigemu_parity" ;;
    sim) echo "$root/$NATIVE_DIR/tests/parity/sigemu_parity_sim" ;;
    emscripten) echo "$NODE $root/$EM_DIR/tests/parity/sigemu_parity.js" ;;
    wasi) echo "$NODE $root/js/bin/run-wasi.mjs $root/$WASI_DIR/tests/parity/sigemu_parity.wasm" ;;
    mingw) echo "$WINE $root/$MINGW_DIR/tests/parity/sigemu_parity.exe" ;;
    emscripten-d13) echo "$NODE $root/$EM13_DIR/tests/parity/sigemu_parity.js" ;;
    wasi-d13) echo "$NODE $root/js/bin/run-wasi.mjs $root/$WASI13_DIR/tests/parity/sigemu_parity.wasm" ;;
    wasmtime) echo "$WASMTIME $root/$WASI_DIR/tests/parity/sigemu_parity.wasm" ;;
    wasmtime-d13) echo "$WASMTIME $root/$WASI13_DIR/tests/parity/sigemu_parity.wasm" ;;
  esac
}

# The status line of a cell: "exit N", or "killed by signal N" when the
# process died of a signal (a shell's $? cannot tell that from exit(128+N)),
# after "TIMEOUT after Ns" when the time ran out. timeout(1) passes a death
# by signal on by dying of the same signal. (perl-base alone: whole seconds.)
status_pl='my $t = shift; my $t0 = time;
  my $r = system @ARGV; print "TIMEOUT after ${t}s\n" if time - $t0 >= $t;
  if ($r == -1) { print "exit 127\n" } elsif ($r & 127) { printf "killed by signal %d\n", $r & 127 }
  else { printf "exit %d\n", $r >> 8 }'

run_one() { # column scenario-path
  local col="$1" scn="$2" name cmd in arg
  name="$(basename "$scn" .scn)"
  cmd="$(runner_cmd "$col")"
  # wasi and wine get the scenario on stdin ("-"): no file system mapping.
  case "$col" in
    wasi|wasi-d13|wasmtime|wasmtime-d13|mingw) in="$scn" arg=- ;;
    *) in=/dev/null arg="$scn" ;;
  esac
  (ulimit -c 0; exec perl -e "$status_pl" "$tmo" timeout -k 5 "$tmo" $cmd "$arg" <"$in") \
    >"$out/cells/$name.$col" 2>"$out/cells/$name.$col.err"
  # Wine and node print \r\n or nothing: normalise line ends.
  sed -i 's/\r$//' "$out/cells/$name.$col"
  # WASI reserves exit statuses >= 126 and wasmtime enforces it: a default
  # action's 128+sig cannot be shown there (expected-differences.txt).
  if [[ "$col" == wasmtime* ]] && grep -q "invalid exit status outside of" "$out/cells/$name.$col.err"; then
    sed -i '$d' "$out/cells/$name.$col"
    printf '%s\n' "L0: proc_exit(128+sig) -> unavailable EXIT_128_PLUS_SIG" "exit 1" >>"$out/cells/$name.$col"
  fi
}

if [ "$mode" = "_run" ]; then
  run_one "$2" "$3"
  exit 0
fi

case "$mode" in
  parity|test|one) ;;
  *) echo "usage: $0 parity|test|one SCENARIO [COLUMN...]" >&2; exit 2 ;;
esac

# ---- which columns exist; build the runner where it is missing ----------
ensure_target() { # build-dir target...
  local dir="$1"; shift
  [ -f "$dir/build.ninja" ] || return 1
  if ! cmake --build "$dir" --target "$@" >"$out/build-$(basename "$dir").log" 2>&1; then
    # The build may predate tests/parity/CMakeLists.txt: configure again.
    cmake "$dir" >>"$out/build-$(basename "$dir").log" 2>&1 &&
      cmake --build "$dir" --target "$@" >>"$out/build-$(basename "$dir").log" 2>&1 ||
      { echo "parity: could not build $* in $dir (see $out/build-$(basename "$dir").log)"; return 1; }
  fi
}

mkdir -p "$out/cells"
cols=()
if ensure_target "$NATIVE_DIR" sigemu_parity; then
  cols+=(native)
  if grep -q 'sigemu_parity_sim' "$NATIVE_DIR/build.ninja" 2>/dev/null; then
    ensure_target "$NATIVE_DIR" sigemu_parity_sim && cols+=(sim)
  fi
else
  echo "parity: build/native not built (make build) — native and sim left out"
fi
ensure_target "$EM_DIR" sigemu_parity 2>/dev/null && cols+=(emscripten) ||
  echo "parity: build/emscripten not built — column left out"
ensure_target "$WASI_DIR" sigemu_parity 2>/dev/null && cols+=(wasi) ||
  echo "parity: build/wasi not built — column left out"
# Debian 13's builds are built inside its root; wasmtime runs both WASI builds.
if [ "${SIGEMU_D13:-1}" != 0 ]; then
  for d in "$EM13_DIR:emscripten-d13" "$WASI13_DIR:wasi-d13"; do
    [ -f "${d%%:*}/build.ninja" ] &&
      toolchain/debian13.sh run cmake --build "${d%%:*}" --target sigemu_parity >"$out/build-${d##*:}.log" 2>&1 &&
      cols+=("${d##*:}") || echo "parity: ${d%%:*} not built (Debian 13 toolchain) — column left out"
  done
fi
if "$WASMTIME" --version >/dev/null 2>&1; then
  [[ " ${cols[*]} " == *" wasi "* ]] && cols+=(wasmtime)
  [[ " ${cols[*]} " == *" wasi-d13 "* ]] && cols+=(wasmtime-d13)
else
  echo "parity: wasmtime not installed (toolchain/setup.sh) — wasmtime columns left out"
fi
if [ -x "$WINE" ] && ensure_target "$MINGW_DIR" sigemu_parity 2>/dev/null; then
  cols+=(mingw)
  # One wineserver for the whole run; it exits by itself 30 s after the
  # last client, so nothing needs killing afterwards.
  mkdir -p "$WINEPREFIX"
  /usr/lib/wine/wineserver -p30 >/dev/null 2>&1 || true
else
  echo "parity: build/mingw not built (or no wine64) — column left out"
fi

if [ "$mode" = "one" ]; then
  scn="$2"; shift 2
  [ -f "$scn" ] || scn="tests/scenarios/$scn.scn"
  [ "$#" -gt 0 ] && cols=("$@")
  run_one oracle "$scn"
  name="$(basename "$scn" .scn)"
  cat "$out/cells/$name.oracle"
  for c in "${cols[@]}"; do
    run_one "$c" "$scn"
    echo "--- $c"
    diff "$out/cells/$name.oracle" "$out/cells/$name.$c" && echo "same"
  done
  exit 0
fi

# Features of each column (its availability table and runner capabilities).
for c in "${cols[@]}"; do
  cmd="$(runner_cmd "$c")"
  timeout 180 $cmd --features </dev/null 2>/dev/null | sed 's/\r$//' >"$out/features.$c" ||
    echo "parity: $c --features failed"
done

# ---- run everything: oracle + every column, a few at a time -------------
scenarios=()
for f in tests/scenarios/*.scn; do
  n="$(basename "$f" .scn)"
  if [ -n "${PARITY_ONLY:-}" ] && ! [[ "$n" =~ $PARITY_ONLY ]]; then continue; fi
  scenarios+=("$f")
done
rm -f "$out"/cells/*
start=$(date +%s)
{
  for f in "${scenarios[@]}"; do
    for c in oracle "${cols[@]}"; do printf '%s %s\n' "$c" "$f"; done
  done
} | xargs -P "$jobs" -n 2 "$here/run.sh" _run
echo "parity: ran ${#scenarios[@]} scenarios on oracle + ${cols[*]} in $(( $(date +%s) - start )) s"

# Generated docs: build/docs unless `make docs-parity` says the repository
# (never for a subset); report.py also fills README.md if that tree has one.
docs_root="${SIGEMU_DOCS_ROOT:-$root/build/docs}"
[ -n "${PARITY_ONLY:-}" ] && docs_root="$root/build/docs"
mkdir -p "$docs_root/docs"
python3 "$here/report.py" --out "$out" --expected "$here/expected-differences.txt" \
  --summary "$docs_root/docs/parity-summary.md" --cols "${cols[@]}" -- "${scenarios[@]}"
