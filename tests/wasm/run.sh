#!/usr/bin/env bash
# tests/wasm/run.sh test — the WebAssembly suite, as `make test` runs it after
# `make build-all` (build/emscripten and build/wasi exist then):
#   1. builds the emscripten-pthread preset (shared-memory mode) if needed;
#   2. the JS package's tests (node --test js/test): the scenario matrix for
#      Emscripten, Emscripten -pthread and WASI-with-imports, module on the
#      main thread and in a worker, plus pure WASI under node:wasi;
#   3. the foundation's C unit tests under Node (Emscripten .js, WASI .wasm),
#      and the two-thread stress tests (stranded, pingpong) on -pthread;
#   4. the pure-WASI scenarios under wasmtime, when it is on PATH.
# Ends with "N passed, N failed"; exit status 0 only when nothing failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mode="${1:-test}"
[ "$mode" = test ] || { echo "usage: $0 test" >&2; exit 2; }

passed=0; failed=0; failures=()
pass() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL - $1"; }
skip() { echo "skip - $1"; }
NODE=(node --disable-warning=ExperimentalWarning)

# Emscripten Release links run its acorn-based optimizer; Debian keeps acorn
# where a non-Debian node does not look.
if [ -d /usr/share/nodejs/acorn ] && [ -z "${NODE_PATH:-}" ]; then
  export NODE_PATH=/usr/share/nodejs
fi

build_preset() { # preset
  local p="$1"
  mkdir -p build
  if [ ! -f "build/$p/build.ninja" ]; then
    cmake --preset "$p" >"build/$p.configure.log" 2>&1 || { cat "build/$p.configure.log"; return 1; }
  fi
  cmake --build --preset "$p" >"build/$p.build.log" 2>&1 || { tail -40 "build/$p.build.log"; return 1; }
}

# ---- 1. builds ---------------------------------------------------------------
for p in emscripten wasi emscripten-pthread; do
  if build_preset "$p"; then pass "build preset $p"; else fail "build preset $p"; fi
done

# ---- 2. JS package + scenario matrix -------------------------------------------
echo "# node --test js/test"
log="build/wasm-js-tests.log"
( cd js && "${NODE[@]}" --test --test-concurrency=2 --test-reporter=tap test/ ) >"$log" 2>&1
js_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
js_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
js_skip=$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$log" | tail -1)
echo "# js: ${js_pass:-0} passed, ${js_fail:-?} failed, ${js_skip:-0} skipped (log: $log)"
grep -E "^\s*# Subtest|^\s*(not )?ok " "$log" | grep -E "^\s*not ok" -B1 | grep -v "^--$" | sed 's/^/#   /' || true
grep -E "# SKIP" "$log" | sed 's/^/#   /' | head -5 || true
passed=$((passed + ${js_pass:-0}))
if [ -z "$js_fail" ]; then fail "node --test did not finish (see $log)"; tail -30 "$log";
else failed=$((failed + js_fail)); [ "$js_fail" = 0 ] || { failures+=("js tests ($js_fail)"); grep -A25 "^\s*not ok" "$log" | head -80; }; fi

# ---- 3. the foundation's C unit tests under Node ----------------------------------
run_unit() { # kind file
  local kind="$1" f="$2" out rc
  if [ "$kind" = emscripten ]; then
    out=$(timeout 120 node --no-experimental-fetch "$f" 2>&1); rc=$?
  else
    out=$(timeout 120 "${NODE[@]}" js/bin/run-wasi.mjs "$f" 2>&1); rc=$?
  fi
  if [ $rc -eq 0 ]; then pass "unit $kind $(basename "$f")"; else fail "unit $kind $(basename "$f") (status $rc)"; echo "$out" | grep -E "^not ok|^#" | head -20; fi
}
shopt -s nullglob
units=(build/emscripten/tests/unit/*.js)
if [ ${#units[@]} -eq 0 ]; then skip "unit tests on emscripten: none built in build/emscripten/tests/unit (unit suite absent)"; fi
for f in "${units[@]}"; do run_unit emscripten "$f"; done
units=(build/wasi/tests/unit/*.wasm)
if [ ${#units[@]} -eq 0 ]; then skip "unit tests on wasi: none built in build/wasi/tests/unit (unit suite absent)"; fi
for f in "${units[@]}"; do run_unit wasi "$f"; done

# ---- 3b. two-thread stress tests on Emscripten -pthread (shared memory) --------
for t in stranded pingpong; do
  f="build/emscripten-pthread/tests/stress/${t}_em.js"
  if [ ! -f "$f" ]; then fail "stress $t on emscripten-pthread: $f not built"; continue; fi
  out=$(timeout 180 node --no-experimental-fetch "$f" 2>&1); rc=$?
  if [ $rc -eq 0 ]; then pass "stress emscripten-pthread $t: $(echo "$out" | sed -n 's/^# emscripten[^:]*: //p' | head -1)"
  else fail "stress emscripten-pthread $t (status $rc)"; echo "$out" | tail -10; fi
done

# ---- 4. pure WASI under wasmtime -------------------------------------------------
pure=build/wasi/tests/wasm/wasm_scenarios_pure.wasm
if ! command -v wasmtime >/dev/null 2>&1; then
  skip "wasmtime: not on PATH (not installable here: no Debian package, no network)"
elif [ ! -f "$pure" ]; then
  fail "wasmtime: $pure not built"
else
  for s in alarm itimer sigtimedwait pause_alarm pause_forever; do
    out=$(timeout 60 wasmtime "$pure" "$s" 2>&1)
    if echo "$out" | grep -q '^result=ok'; then pass "wasmtime pure $s"; else fail "wasmtime pure $s"; echo "$out" | tail -5; fi
  done
fi

echo
[ ${#failures[@]} -eq 0 ] || echo "failures: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
