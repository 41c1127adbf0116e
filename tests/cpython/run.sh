#!/usr/bin/env bash
# tests/cpython/run.sh [test|full|stock|docs] — CPython on sigemu, proven by
# CPython's own Lib/test/test_signal.py (unmodified) and the behaviour tests.
#
#   test   what `make test` runs, lean: builds (python/build.sh, cached
#          outside the clone) the native reference and the two sigemu
#          builds, WASI (host imports, node:wasi) and Emscripten (Node);
#          the stock twins and the pure-WASI sigemu build join only when
#          they are already in the cache. test_signal.py once per build,
#          the behaviour tests on each, the tables. Fails when the native
#          reference or a sigemu build fails (or cannot be built). Stock
#          builds are the baseline: never checked.
#   full   every build (stock, sigemu, sigemu-pure, and the Emscripten
#          -pthread sigemu build: its behaviour tests with signals from the
#          JS controller fail today), built when missing,
#          and the extra runs: Emscripten's subprocess tests through the
#          host (+spawn), pure WASI under wasmtime (`make cpython-test`).
#   stock  native and the stock builds only, with the extra runs.
#   docs   `full`, then rewrite the generated part of docs/cpython.md.
#   prebuild  only the builds `test` needs, nothing else (tests/run-suite.sh
#          starts it in the background at the start of `make test`, so that
#          the slow builds overlap the other suites; python/build.sh's
#          per-product locks make `test` wait for a build in progress).
#
# Output: build/cpython/results/ (raw runs, behaviour.json, builds.json) and
# build/cpython/report.md.
{ # the whole script is read before it runs: editing it mid-run is safe
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# shellcheck source=python/common.sh
. python/common.sh
mode="${1:-test}"
if [ "$mode" = prebuild ]; then
  python/build.sh native && python/build.sh wasi sigemu && python/build.sh emscripten sigemu &&
    python/build.sh emscripten-browser sigemu  # the web suite's console page
  exit
fi
# TARGET:FLAVOUR pairs: built when missing, or taken only from the cache.
case "$mode" in
  test) build=(wasi:sigemu emscripten:sigemu); cached=(wasi:stock emscripten:stock wasi:sigemu-pure); extra=0 ;;
  full|docs) build=(wasi:stock emscripten:stock wasi:sigemu emscripten:sigemu wasi:sigemu-pure emscripten-pthread:sigemu); cached=(); extra=1 ;;
  stock) build=(wasi:stock emscripten:stock); cached=(); extra=1 ;;
  *) echo "usage: $0 [test|full|stock|docs]" >&2; exit 2 ;;
esac
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
res="$OUT/results"
rm -rf "$res"; mkdir -p "$res"
t_start=$(date +%s)

# ---- builds (each a product of python/build.sh; cached when valid)
python/build.sh native || exit 1
builds=(native)
declare -A missing=()
declare -A optional=()
for tf in "${build[@]}" ${cached[@]+"${cached[@]}"}; do
  t="${tf%%:*}" fl="${tf#*:}" only=0
  for c in ${cached[@]+"${cached[@]}"}; do [ "$c" = "$tf" ] && only=1; done
  SIGEMU_PY_CACHED_ONLY=$only python/build.sh "$t" "$fl" 2>"$res/build-$t-$fl.err"
  rc=$?
  cat "$res/build-$t-$fl.err" >&2
  if [ "$rc" = 0 ]; then builds+=("$t-$fl")
  elif [ "$rc" = 4 ]; then missing["$t-$fl"]="not in the cache (make python builds it)"; optional["$t-$fl"]=1
  elif [ "$rc" = 3 ]; then missing["$t-$fl"]="the POSIX layer (sigemu_libc) is not built"
  else missing["$t-$fl"]="build failed (build/cpython/logs/$t-$fl.log)"; fi
done
t_built=$(date +%s)

# builds.json: where each build is, how long it took, how big it is.
{
  echo "{"
  sep=""
  for b in "${builds[@]}"; do
    d="$(readlink -f "$OUT/$b")"
    sizes=""
    for f in python python.wasm python.js; do
      [ -f "$d/$f" ] && sizes+="${sizes:+, }\"$f\": $(stat -c %s "$d/$f")"
    done
    if [ -f "$d/python.wasm" ]; then # without debug info and names, if it had any
      if llvm-strip-14 -o "$res/stripped.wasm" "$d/python.wasm" &&
         [ "$(stat -c %s "$res/stripped.wasm")" -lt "$(stat -c %s "$d/python.wasm")" ]; then
        sizes+=", \"python.wasm stripped\": $(stat -c %s "$res/stripped.wasm")"
      fi
      rm -f "$res/stripped.wasm"
    fi
    printf '%s "%s": {"dir": "%s", "seconds": %s, "load": "%s", "sizes": {%s}}' \
      "$sep" "$b" "$d" "$(cat "$d/.seconds" 2>/dev/null || echo null)" \
      "$(cat "$d/.load" 2>/dev/null || echo unknown)" "$sizes"
    sep=$',\n'
  done
  for b in "${!missing[@]}"; do
    printf '%s "%s": {"missing": "%s", "optional": %s}' "$sep" "$b" "${missing[$b]}" \
      "$([ -n "${optional[$b]:-}" ] && echo true || echo false)"
    sep=$',\n'
  done
  printf '\n}\n'
} >"$res/builds.json"

# ---- test_signal.py on every build; on Emscripten also with the
# subprocess tests run through the host (tests/cpython/hostspawn.py); pure
# WASI builds also under wasmtime when python/run-wasmtime finds one.
signal_run() { # name build-dir extra-args...
  local name="$1" d="$2" t0 cmd; shift 2
  echo "=== test_signal.py on $name"
  case "$name" in
    native) cmd=("$d/python") ;;
    *@wasmtime) local fl="${name%@wasmtime}"; cmd=(env "SIGEMU_PY_FLAVOUR=${fl#wasi-}" python/run-wasmtime) ;;
    *) cmd=(node --no-experimental-fetch --disable-warning=ExperimentalWarning python/python.mjs "$d") ;;
  esac
  t0=$(date +%s)
  timeout -k 10 "${SIGEMU_PY_TEST_TIMEOUT:-900}" "${cmd[@]}" tests/cpython/signal_tests.py "$@" \
    >"$res/$name.test_signal.out" 2>"$res/$name.test_signal.err"
  echo "    exit $?, $(( $(date +%s) - t0 )) s; $(grep -c '^@@TEST' "$res/$name.test_signal.out") results" \
    "(verbose log: build/cpython/results/$name.test_signal.err)"
}
for b in "${builds[@]}"; do
  if [ "$extra" = 0 ] && [ "$b" = wasi-sigemu-pure ] && python/run-wasmtime --check; then
    signal_run "$b@wasmtime" "$OUT/$b"; continue  # its own runtime, once
  fi
  signal_run "$b" "$OUT/$b"
  [ "$extra" = 1 ] || continue
  case "$b" in
    emscripten-*) signal_run "$b+spawn" "$OUT/$b" --host-spawn ;;
    wasi-stock|wasi-sigemu-pure)
      if python/run-wasmtime --check; then signal_run "$b@wasmtime" "$OUT/$b"
      else echo "=== test_signal.py on $b under wasmtime: skipped, no wasmtime here (python/run-wasmtime)"; fi ;;
  esac
done
t_signal=$(date +%s)

# ---- behaviour tests
# (make test: only on the builds that must pass; the stock ones are known
# to fail most of them, docs/cpython.md has their rows.)
beh=()
for b in "${builds[@]}"; do
  [ "$extra" = 0 ] && [ "${b%-stock}" != "$b" ] && continue
  beh+=("$OUT/$b")
done
echo "=== behaviour tests"
node --disable-warning=ExperimentalWarning tests/cpython/behaviour.mjs \
  --json "$res/behaviour.json" "${beh[@]}"
t_beh=$(date +%s)

# ---- interrupt latency beside Pyodide's interrupt buffer (full / docs;
# `make bench` runs it too). Pyodide comes from where bench/run.sh puts it.
if [ "$extra" = 1 ]; then
  echo "=== interrupt latency (tests/cpython/latency.mjs)"
  node --disable-warning=ExperimentalWarning tests/cpython/latency.mjs --out "$res" \
    --pyodide "${BENCH_PYODIDE:-$root/build/bench/pyodide/node_modules/pyodide}" >/dev/null ||
    echo "cpython: latency run failed" >&2
fi
t_lat=$(date +%s)

# ---- tables
python3 tests/cpython/report.py "$res" >"$OUT/report.md"
echo
cat "$OUT/report.md"
echo "cpython: builds $((t_built - t_start)) s, test_signal $((t_signal - t_built)) s," \
  "behaviour $((t_beh - t_signal)) s, latency $((t_lat - t_beh)) s, total $((t_lat - t_start)) s"

if [ "$mode" = docs ]; then
  python3 - "$OUT/report.md" docs/cpython.md <<'EOF'
import sys
report, doc = sys.argv[1], sys.argv[2]
begin, end = "<!-- cpython:begin -->", "<!-- cpython:end -->"
text = open(doc, encoding="utf-8").read()
a, b = text.index(begin) + len(begin), text.index(end)
new = text[:a] + "\n" + open(report, encoding="utf-8").read().rstrip() + "\n" + text[b:]
open(doc, "w", encoding="utf-8").write(new)
print("cpython: docs/cpython.md rewritten")
EOF
fi
python3 tests/cpython/report.py "$res" --check >/dev/null
exit
}
