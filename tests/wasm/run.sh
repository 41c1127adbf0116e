#!/usr/bin/env bash
# tests/wasm/run.sh test — the WebAssembly suite, as `make test` runs it after
# `make build-all` (build/emscripten and build/wasi exist then):
# for each toolchain column (Debian 12's and Debian 13's, see below):
#   1. builds the emscripten, wasi and emscripten-pthread presets if needed;
#   2. the JS package's tests (node --test js/test) on that column's builds:
#      the scenario matrix for Emscripten, Emscripten -pthread and
#      WASI-with-imports, module on the main thread and in a worker; pure
#      WASI under node:wasi and under wasmtime (tools/run-wasmtime), and the
#      inbound signal channel under wasmtime;
#   3. the foundation's C unit tests under Node (Emscripten .js) and under
#      node:wasi and wasmtime (WASI .wasm), and the two-thread stress tests
#      (stranded, pingpong) on -pthread;
#   4. the WASI runtime probe under both runtimes (build/wasi-probe-*.txt).
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

# Toolchain columns: Debian 12's (Emscripten 3.1.6, clang-14, wasi-libc
# 2022; build/PRESET) and Debian 13's (Emscripten 3.1.69, clang-19,
# wasi-libc 2024; build/PRESET-d13, built inside the root that
# toolchain/debian13.sh makes). SIGEMU_D13=0 leaves the second one out.
columns=(d12)
if [ "${SIGEMU_D13:-1}" = 0 ]; then
  skip "Debian 13 column: SIGEMU_D13=0"
else
  columns+=(d13)
fi
col_dir() { # column preset -> build dir
  if [ "$1" = d12 ]; then echo "build/$2"; else echo "build/$2-d13"; fi
}
col_name() { [ "$1" = d12 ] && echo "Emscripten 3.1.6 / wasi-libc 2022" || echo "Emscripten 3.1.69 / wasi-libc 2024"; }

run_column() { # column
  local c="$1" p ok=1
  echo "# ==== column $c: $(col_name "$c")"
  # ---- 1. builds ---------------------------------------------------------------
  for p in emscripten wasi emscripten-pthread; do
    if [ "$c" = d12 ]; then build_preset "$p"; else toolchain/debian13.sh preset "$p"; fi
    if [ $? -eq 0 ]; then pass "[$c] build preset $p"; else fail "[$c] build preset $p"; ok=0; fi
  done
  [ $ok = 1 ] || return 0

  # ---- 2. JS package + scenario matrix (node:wasi, wasmtime, JS host) ---------------
  echo "# node --test js/test"
  local log="build/wasm-js-tests-$c.log" js_pass js_fail js_skip
  ( cd js && SIGEMU_BUILD_EMSCRIPTEN="../$(col_dir "$c" emscripten)" \
      SIGEMU_BUILD_EMSCRIPTEN_PTHREAD="../$(col_dir "$c" emscripten-pthread)" \
      SIGEMU_BUILD_WASI="../$(col_dir "$c" wasi)" \
      "${NODE[@]}" --test --test-concurrency=2 --test-reporter=tap test/ ) >"$log" 2>&1
  js_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
  js_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
  js_skip=$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$log" | tail -1)
  echo "# [$c] js: ${js_pass:-0} passed, ${js_fail:-?} failed, ${js_skip:-0} skipped (log: $log)"
  grep -E "^\s*not ok" "$log" | sed 's/^/#   /' || true
  grep -E "# SKIP" "$log" | sed 's/^/#   /' | head -5 || true
  passed=$((passed + ${js_pass:-0}))
  if [ -z "$js_fail" ]; then fail "[$c] node --test did not finish (see $log)"; tail -30 "$log";
  else failed=$((failed + js_fail)); [ "$js_fail" = 0 ] || { failures+=("[$c] js tests ($js_fail)"); grep -A25 "^\s*not ok" "$log" | head -80; }; fi

  # ---- 3. the foundation's C unit tests: Node, node:wasi, wasmtime ------------------
  local units f
  shopt -s nullglob
  units=("$(col_dir "$c" emscripten)"/tests/unit/*.js)
  [ ${#units[@]} -gt 0 ] || skip "[$c] unit tests on emscripten: none built"
  for f in "${units[@]}"; do run_unit "$c" emscripten "$f"; done
  units=("$(col_dir "$c" wasi)"/tests/unit/*.wasm)
  [ ${#units[@]} -gt 0 ] || skip "[$c] unit tests on wasi: none built"
  for f in "${units[@]}"; do run_unit "$c" node:wasi "$f"; run_unit "$c" wasmtime "$f"; done

  # ---- 3b. two-thread stress tests on Emscripten -pthread (shared memory) --------
  local t out rc
  for t in stranded pingpong; do
    f="$(col_dir "$c" emscripten-pthread)/tests/stress/${t}_em.js"
    if [ ! -f "$f" ]; then fail "[$c] stress $t on emscripten-pthread: $f not built"; continue; fi
    out=$(timeout 180 node --no-experimental-fetch "$f" 2>&1); rc=$?
    if [ $rc -eq 0 ]; then pass "[$c] stress emscripten-pthread $t: $(echo "$out" | sed -n 's/^# emscripten[^:]*: //p' | head -1)"
    else fail "[$c] stress emscripten-pthread $t (status $rc)"; echo "$out" | tail -10; fi
  done

  # ---- 4. what each WASI runtime does (docs/wasm.md) ---------------------------------
  local probe="$(col_dir "$c" wasi)/tests/wasm/wasi_probe.wasm" d="build/wasi-probe"
  rm -rf "$d"; mkdir -p "$d"; : >"$d/file"
  (cd "$d" && "${NODE[@]}" "$root/js/bin/run-wasi.mjs" "$root/$probe" . >"$root/build/wasi-probe-$c-node.txt" 2>&1 </dev/null &&
    "$root/tools/run-wasmtime" --dir . "$root/$probe" . >"$root/build/wasi-probe-$c-wasmtime.txt" 2>&1 </dev/null)
  if [ $? -eq 0 ]; then pass "[$c] WASI runtime probe (build/wasi-probe-$c-*.txt)"
  else fail "[$c] WASI runtime probe"; fi
}

run_unit() { # column runtime file
  local c="$1" kind="$2" f="$3" out rc
  case "$kind" in
    emscripten) out=$(timeout 120 node --no-experimental-fetch "$f" 2>&1); rc=$? ;;
    node:wasi) out=$(timeout 120 "${NODE[@]}" js/bin/run-wasi.mjs "$f" 2>&1); rc=$? ;;
    wasmtime) out=$(timeout 120 tools/run-wasmtime "$f" 2>&1); rc=$? ;;
  esac
  if [ $rc -eq 0 ]; then pass "[$c] unit $kind $(basename "$f")"; else fail "[$c] unit $kind $(basename "$f") (status $rc)"; echo "$out" | grep -E "^not ok|^#|rror" | head -20; fi
}

for c in "${columns[@]}"; do
  t0=$(date +%s)
  run_column "$c"
  echo "# column $c ($(col_name "$c")): $(( $(date +%s) - t0 )) s"
done

echo
[ ${#failures[@]} -eq 0 ] || echo "failures: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
