#!/usr/bin/env bash
# bench/run.sh — what `make bench` runs after `make build-all`: builds the
# benchmark targets (and the extra builds only benchmarks need: the
# emscripten-pthread preset, -Oz builds for the size rows, Pyodide from npm
# as the peer), runs every benchmark once, and hands all records to
# bench/report.mjs, which prints the one table and draws the plots into
# build/bench/, and writes bench/results.json, docs/bench.md, the README
# section and docs/img/bench-*.svg under SIGEMU_DOCS_ROOT (build/docs; the
# repository for `make docs-bench`).
#
# Every figure is measured next to its baseline in this same run (the
# machine may be shared); something that cannot run here becomes a row
# "not available: <why>", never a failure of the run.
# Env: BENCH_TRIALS (trials per latency contender and per wake, default
# 10000), BENCH_SKIP_PYODIDE=1, BENCH_QUICK=1 (1000 trials, for a smoke run).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$root/build/bench"
mkdir -p "$out"
raw="$out/raw.txt"
: >"$raw"
trials="${BENCH_TRIALS:-10000}"
[ "${BENCH_QUICK:-0}" = 1 ] && trials=1000
log() { echo "bench: $*" >&2; }
na() { printf '@@ {"id":"%s","na":"%s"}\n' "$1" "$2" >>"$raw"; }
start=$(date +%s)

# ---- builds ----------------------------------------------------------------
# build_in DIR PRESET TARGETS... : configure DIR from PRESET if needed (again
# if it predates bench/CMakeLists.txt), then build only TARGETS.
build_in() {
  local dir="$1" preset="$2"; shift 2
  if [ ! -f "$dir/build.ninja" ]; then
    cmake --preset "$preset" -B "$dir" "${extra_cfg[@]}" >"$dir.configure.log" 2>&1 || return 1
  fi
  if ! cmake --build "$dir" --target "$@" >"$dir.bench-build.log" 2>&1; then
    # Configured before bench/ had a CMakeLists.txt: configure again.
    cmake "$dir" >>"$dir.configure.log" 2>&1 || return 1
    cmake --build "$dir" --target "$@" >"$dir.bench-build.log" 2>&1 || return 1
  fi
}
extra_cfg=()
mkdir -p build
build_in build/native native bench_native bench_sim bench_cxx bench_instr size_base size_sigemu \
  || log "native bench build failed (see build/native.bench-build.log)"
build_in build/emscripten emscripten bench_wasm bench_cxx \
  || log "emscripten bench build failed (see build/emscripten.bench-build.log)"
build_in build/wasi wasi bench_wasm bench_wasm_pure \
  || log "wasi bench build failed (see build/wasi.bench-build.log)"
# Shared-memory mode needs the -pthread build, which build-all does not make
# (the preset as it is: other suites may use that folder; only the bench
# target is built here).
build_in build/emscripten-pthread emscripten-pthread bench_wasm \
  || log "emscripten-pthread bench build failed (see build/emscripten-pthread.bench-build.log)"
# Size: the two minimal programs at -Oz, release flags only.
extra_cfg=(-DSIGEMU_BUILD_TESTS=OFF -DSIGEMU_BUILD_EXAMPLES=OFF
  -DCMAKE_BUILD_TYPE=MinSizeRel "-DCMAKE_C_FLAGS_MINSIZEREL=-Oz -DNDEBUG"
  -DCMAKE_EXE_LINKER_FLAGS_MINSIZEREL=-Oz)
build_in build/bench-size-emscripten emscripten size_base size_sigemu \
  || log "emscripten size build failed"
build_in build/bench-size-wasi wasi size_base size_sigemu || log "wasi size build failed"
extra_cfg=()

# ---- Pyodide, the peer (npm registry) ---------------------------------------
pyodide_dir=""
if [ "${BENCH_SKIP_PYODIDE:-0}" != 1 ]; then
  pyodide_dir="$("$root/tools/pyodide.sh" "$out/pyodide")" || { pyodide_dir=""; log "no Pyodide: the peer rows are skipped"; }
fi

# ---- size rows ---------------------------------------------------------------
bytes() { stat -c %s "$1" 2>/dev/null || echo 0; }
size_rec() { # id with_bytes base_bytes note
  if [ "$2" -gt 0 ] && [ "$3" -gt 0 ]; then
    printf '@@ {"id":"%s","ours":%d,"base":%d,"unit":"B","note":"%s"}\n' \
      "$1" $(($2 - $3)) "$3" "$4" >>"$raw"
  else
    na "$1" "size programs not built"
  fi
}
d=build/bench-size-emscripten/bench
size_rec size.emscripten \
  $(( $(bytes $d/size_sigemu.wasm) + $(bytes $d/size_sigemu.js) )) \
  $(( $(bytes $d/size_base.wasm) + $(bytes $d/size_base.js) )) \
  "-Oz, .wasm + .js; base is the same loop without sigemu"
d=build/bench-size-wasi/bench
if [ -f $d/size_sigemu.wasm ] && [ -f $d/size_base.wasm ]; then
  for f in size_sigemu size_base; do llvm-strip -o "$out/$f.stripped.wasm" $d/$f.wasm 2>/dev/null \
    || cp $d/$f.wasm "$out/$f.stripped.wasm"; done
  size_rec size.wasi $(bytes "$out/size_sigemu.stripped.wasm") $(bytes "$out/size_base.stripped.wasm") \
    "-Oz, stripped .wasm (pure WASI flavour); base is the same loop without sigemu"
else
  na size.wasi "size programs not built"
fi
if [ -f build/native/libsigemu.a ] && command -v size >/dev/null; then
  code=$(size -t build/native/libsigemu.a | awk 'END{print $1+$2+$3}')
  n1=$(size build/native/bench/size_sigemu 2>/dev/null | awk 'NR==2{print $1+$2}')
  n0=$(size build/native/bench/size_base 2>/dev/null | awk 'NR==2{print $1+$2}')
  printf '@@ {"id":"size.native","ours":%d,"added":%d,"unit":"B","note":"text+data+bss of libsigemu.a (posix, %s build); linking it adds %d B of text+data to the minimal program"}\n' \
    "$code" "$(( ${n1:-0} - ${n0:-0} ))" "$(grep -m1 CMAKE_BUILD_TYPE: build/native/CMakeCache.txt | cut -d= -f2)" "$(( ${n1:-0} - ${n0:-0} ))" >>"$raw"
else
  na size.native "build/native/libsigemu.a not built"
fi

# ---- run ---------------------------------------------------------------------
run() { # label timeout cmd...
  local label="$1" t="$2"; shift 2
  log "running $label"
  timeout "$t" "$@" >>"$raw" 2>>"$out/stderr.txt"
  local st=$?
  [ $st -ne 0 ] && log "$label ended with status $st (see $out/stderr.txt)"
  return 0
}
: >"$out/stderr.txt"
if [ -x build/native/bench/bench_native ]; then run "native (posix)" 60 build/native/bench/bench_native
else for id in check.native raise.posix timer.posix timer.kernel sustained.posix; do na $id "bench_native not built"; done; fi
if [ -x build/native/bench/bench_sim ]; then run "sim" 60 build/native/bench/bench_sim
else for id in raise.sim sustained.sim; do na $id "bench_sim not built"; done; fi
# The idle check from C++ (sigemu.h's C++ branch).
if [ -x build/native/bench/bench_cxx ]; then run "native C++" 60 build/native/bench/bench_cxx
else na check.cxx.native "bench_cxx not built"; fi
if [ -f build/emscripten/bench/bench_cxx.js ]; then
  run "emscripten C++" 60 node --no-warnings --no-experimental-fetch build/emscripten/bench/bench_cxx.js
else na check.cxx.emscripten "bench_cxx not built (emscripten)"; fi
# Instruction counts of the native paths (callgrind; valgrind comes from
# toolchain/setup.sh): the same on every run, whatever the load.
bash bench/instr.sh build/native/bench/bench_instr "$out" >>"$raw" 2>>"$out/stderr.txt"
BENCH_EM="$root/build/emscripten/bench" BENCH_EM_PTHREAD="$root/build/emscripten-pthread/bench" \
BENCH_WASI="$root/build/wasi/bench" BENCH_PYODIDE="$pyodide_dir" \
  run "wasm (Node)" 420 node --no-warnings bench/wasm.mjs --trials "$trials"
# CPython on sigemu vs Pyodide: SIGINT -> KeyboardInterrupt (builds from make python / make test).
node tests/cpython/latency.mjs --out "$out/cpython" --pyodide "$pyodide_dir" || log "CPython latency failed"

# ---- report ------------------------------------------------------------------
node bench/report.mjs "$raw" "$out"
log "done in $(( $(date +%s) - start )) s"
