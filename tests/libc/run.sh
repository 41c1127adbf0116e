#!/usr/bin/env bash
# tests/libc/run.sh — the C-level parity matrix: every ordinary POSIX
# program of tests/libc/programs/ built for every target and run; each
# trace is compared with the native one (glibc and the Linux kernel are the
# oracle).
#
#   run.sh report        build and run everything, write the matrix under
#                        build/libc/ (matrix.md, matrix.txt); exit 0
#   run.sh test          the same; exit 1 when a cell differs from native
#                        and expected-differences.txt does not list it
#   run.sh native        only the native column (the oracle's traces)
#   run.sh determinism [N]  run the native column N times (default 3) and
#                        report programs whose trace changed; LIBC_LOAD=K
#                        keeps K busy loops running meanwhile
#   run.sh one PROGRAM [COLUMN...]   one program: its native trace and the
#                        diff of each column
#   run.sh coverage      how many programs call each function of the layer's
#                        list (exit 1 if one is called by none)
#
# Columns: native, emscripten, emscripten-pthread, wasi-node, wasi-wasmtime
# (when tools/run-wasmtime exists), and Debian 13's toolchain: emscripten-d13,
# wasi-d13-node (when make build-all built build/*-d13; not with SIGEMU_D13=0).
# Targets and flags are in flags.sh: LIBC_CFLAGS_<target> / LIBC_LDFLAGS_<target> (empty = stock
# libc) are where the POSIX layer slots in.
#
# Environment: LIBC_LAYER (auto|layer|stock, see flags.sh), LIBC_COLUMNS
# (space-separated subset), LIBC_ONLY (regex of program names), LIBC_JOBS
# (parallel cells, default 3), LIBC_TIMEOUT (seconds per run, default 30),
# LIBC_OUT (default build/libc, or build/libc-stock for LIBC_LAYER=stock).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# The stock libraries' matrix (LIBC_LAYER=stock) has its own directory, so
# that the "before" picture stays beside the layer's.
if [ "${LIBC_LAYER:-auto}" = stock ]; then out="${LIBC_OUT:-$root/build/libc-stock}"
else out="${LIBC_OUT:-$root/build/libc}"; fi
jobs="${LIBC_JOBS:-3}"
tmo="${LIBC_TIMEOUT:-30}"
# Emscripten's optimizer needs acorn, which Debian keeps in /usr/share/nodejs.
if [ -d /usr/share/nodejs/acorn ] && [ -z "${NODE_PATH:-}" ]; then export NODE_PATH=/usr/share/nodejs; fi
. "$here/flags.sh"

# A program's needs: the "[needs a b]" tag in its opening comment.
needs_of() { sed -n 's/.*\[needs \([a-z ]*\)\].*/\1/p' "$1" | head -1; }

# ---- one build: run.sh _build TARGET PROGRAM -------------------------------
build_one() {
  local target="$1" prog="$2" src="$here/programs/$2.c" dir="$out/$1" need
  mkdir -p "$dir"
  local base="$dir/$prog" state="$dir/$prog.state"
  for need in $(needs_of "$src"); do
    if ! target_has "$target" "$need"; then
      echo "unavailable $need" >"$state"
      return 0
    fi
  done
  # Rebuild when the source, the helpers or the command changed.
  local stamp
  compile_cmd "$target" "$src" "$base" || return 0
  # A response file (the layer's one link flag) counts with its content and
  # the files it names, so that a rebuilt layer relinks the programs.
  local a rsp_state=""
  for a in "${CMD[@]}"; do
    if [[ "$a" == @* ]] && [ -f "${a#@}" ]; then
      rsp_state+="$(cat "${a#@}"; grep -v '^-' "${a#@}" | while read -r f; do [ -f "$f" ] && md5sum <"$f"; done)"
    fi
  done
  stamp="$({ cat "$src" "$here/programs/trace.h"; echo "${CMD[*]}"; echo "$rsp_state"; } | md5sum | cut -c1-16)"
  if [ -f "$state" ] && [ "$(head -1 "$state")" = "built $stamp" ]; then return 0; fi
  echo "+ ${CMD[*]}" >"$base.build.log"
  if "${CMD[@]}" >>"$base.build.log" 2>&1; then
    printf 'built %s\n%s\n' "$stamp" "$ART" >"$state"
  else
    echo "build-failed $stamp" >"$state"
  fi
}

# ---- one run: run.sh _run COLUMN PROGRAM -------------------------------------
run_one() {
  local col="$1" prog="$2" target state cell rc
  target="$(column_target "$col")"
  state="$out/$target/$prog.state"
  cell="$out/cells/$prog.$col"
  case "$(head -1 "$state" 2>/dev/null)" in
    unavailable*) cp "$state" "$cell.state"; : >"$cell"; return 0 ;;
    build-failed*) cp "$state" "$cell.state"; cp "$out/$target/$prog.build.log" "$cell"; return 0 ;;
    built*) ;;
    *) echo "not built" >"$cell.state"; : >"$cell"; return 0 ;;
  esac
  local art; art="$(sed -n 2p "$state")"
  local scratch="$out/run/$col"
  mkdir -p "$scratch"
  # The shell's own "Terminated"/"Aborted" notices go to /dev/null: the
  # trace is what the program wrote, plus its exit status.
  { (cd "$scratch" && ulimit -c 0 && exec timeout -k 5 "$tmo" "$here/run.sh" _exec "$col" "$art") \
      </dev/null >"$cell" 2>&1; rc=$?; } 2>/dev/null
  [ "$rc" -eq 124 ] && echo "TIMEOUT after ${tmo}s" >>"$cell"
  echo "exit $rc" >>"$cell"
  sed -i 's/\r$//' "$cell"
  echo "ran" >"$cell.state"
}

case "${1:-report}" in
  _build) build_one "$2" "$3"; exit 0 ;;
  _run) run_one "$2" "$3"; exit 0 ;;
  _exec) run_artefact "$2" "$3"; exit 127 ;;
esac

# The functions the layer provides; `run.sh coverage` checks that
# every one is called by at least one program.
FUNCTIONS=(sigaction signal sigprocmask pthread_sigmask sigpending sigsuspend
  sigwait sigwaitinfo sigtimedwait sigqueue raise kill killpg pthread_kill alarm
  setitimer getitimer pause siginterrupt sighold sigrelse sigignore sigset
  sigpause psignal psiginfo strsignal sigemptyset sigfillset sigaddset sigdelset
  sigismember sigaltstack sleep usleep nanosleep clock_nanosleep select poll)

mode="${1:-report}"
if [ "$mode" = coverage ]; then
  missing=0
  for f in "${FUNCTIONS[@]}"; do
    n=$(grep -lE "\b$f\s*\(" "$here"/programs/*.c | wc -l)
    printf '%-16s %3d programs\n' "$f" "$n"
    [ "$n" -gt 0 ] || missing=$((missing + 1))
  done
  echo "coverage: ${#FUNCTIONS[@]} functions, $missing called by no program"
  [ "$missing" -eq 0 ]
  exit $?
fi
programs=()
for f in "$here"/programs/*.c; do
  n="$(basename "$f" .c)"
  if [ -n "${LIBC_ONLY:-}" ] && ! [[ "$n" =~ $LIBC_ONLY ]]; then continue; fi
  programs+=("$n")
done

case "$mode" in
  report|test) cols=(${LIBC_COLUMNS:-native emscripten emscripten-pthread wasi-node wasi-wasmtime emscripten-d13 wasi-d13-node}) ;;
  native|determinism) cols=(native) ;;
  one)
    [ $# -ge 2 ] || { echo "usage: $0 one PROGRAM [COLUMN...]" >&2; exit 2; }
    programs=("$2"); shift 2
    if [ $# -gt 0 ]; then cols=(native "$@"); else cols=(native emscripten emscripten-pthread wasi-node wasi-wasmtime emscripten-d13 wasi-d13-node); fi ;;
  *) sed -n '2,/^set -u/p' "$0" | sed 's/^# \{0,1\}//;$d' >&2; exit 2 ;;
esac

mkdir -p "$out/cells"
present=()
left_out=()
for c in "${cols[@]}"; do
  why="$(column_missing "$c")"
  if [ -n "$why" ]; then left_out+=("$c: $why"); else present+=("$c"); fi
done
targets=()
for c in "${present[@]}"; do
  t="$(column_target "$c")"
  [[ " ${targets[*]} " == *" $t "* ]] || targets+=("$t")
done

start=$(date +%s)
for p in "${programs[@]}"; do
  for t in "${targets[@]}"; do printf '%s %s\n' "$t" "$p"; done
done | xargs -P "$jobs" -n 2 "$here/run.sh" _build
echo "libc: built ${#programs[@]} programs for ${targets[*]} in $(( $(date +%s) - start )) s"

run_all() {
  local p c
  for p in "${programs[@]}"; do
    for c in "${present[@]}"; do rm -f "$out/cells/$p.$c" "$out/cells/$p.$c.state"; done
  done
  for p in "${programs[@]}"; do
    for c in "${present[@]}"; do printf '%s %s\n' "$c" "$p"; done
  done | xargs -P "$jobs" -n 2 "$here/run.sh" _run
}

if [ "$mode" = determinism ]; then
  rounds="${2:-3}"
  hogs=()
  for _ in $(seq 1 "${LIBC_LOAD:-0}"); do
    ( while :; do :; done ) &
    hogs+=("$!")
  done
  changed=0
  mkdir -p "$out/determinism"
  for r in $(seq 1 "$rounds"); do
    run_all
    for p in "${programs[@]}"; do
      cp "$out/cells/$p.native" "$out/determinism/$p.$r"
      if [ "$r" -gt 1 ] && ! cmp -s "$out/determinism/$p.1" "$out/determinism/$p.$r"; then
        echo "CHANGED: $p (round $r)"; diff "$out/determinism/$p.1" "$out/determinism/$p.$r" | head -5
        changed=$((changed + 1))
      fi
    done
    echo "round $r done"
  done
  for h in "${hogs[@]}"; do kill "$h"; done
  echo "determinism: ${#programs[@]} programs x $rounds rounds (load ${LIBC_LOAD:-0}), $changed changed traces"
  [ "$changed" -eq 0 ]
  exit $?
fi

run_all
echo "libc: ran ${#programs[@]} programs on ${present[*]} in $(( $(date +%s) - start )) s"
for l in "${left_out[@]}"; do echo "libc: column left out — $l"; done

if [ "$mode" = one ]; then
  p="${programs[0]}"
  echo "--- native"
  cat "$out/cells/$p.native"
  for c in "${present[@]}"; do
    [ "$c" = native ] && continue
    echo "--- $c ($(head -1 "$out/cells/$p.$c.state"))"
    diff "$out/cells/$p.native" "$out/cells/$p.$c" && echo "same"
  done
  exit 0
fi

kinds=()
for c in "${present[@]}"; do
  [ "$c" = native ] && kinds+=("native=glibc") || kinds+=("$c=$(libc_kind "$(column_target "$c")")")
done
python3 "$here/report.py" --out "$out" --programs "$here/programs" \
  --expected "$here/expected-differences.txt" --mode "$mode" --kinds "${kinds[@]}" \
  --left-out "${left_out[@]+"${left_out[@]}"}" --cols "${present[@]}" -- "${programs[@]}"
