#!/usr/bin/env bash
# bench/poll-sweep.sh — an experiment, not part of `make bench`: how the
# host-poll interval of the wasm check (SIGEMU_POLL_INTERVAL_NS in
# include/sigemu.h, ns of the main thread's time between two polls) trades
# idle check cost against SAB/message-mode interrupt latency. Builds
# bench_wasm (Emscripten, no -pthread) once per value under
# build/bench-poll<NS>/ (the value given on the compiler's command line) and
# runs the check and latency benchmarks of bench/wasm.mjs on each.
# Usage: bench/poll-sweep.sh [NS ...]   (default: 4000 8000 16000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
values=("$@")
[ ${#values[@]} -eq 0 ] && values=(4000 8000 16000)
for pe in "${values[@]}"; do
  d="build/bench-poll$pe"
  # The header and the library both take the value from the command line.
  [ -f "$d/build.ninja" ] || cmake --preset emscripten -B "$d" \
    "-DCMAKE_C_FLAGS=-DSIGEMU_POLL_INTERVAL_NS=$pe" >"$d.configure.log" 2>&1
  cmake --build "$d" --target bench_wasm >"$d.build.log" 2>&1 || { echo "build failed: $d.build.log"; exit 1; }
done
for pe in "${values[@]}"; do
  echo "== SIGEMU_POLL_INTERVAL_NS=$pe"
  BENCH_EM="$root/build/bench-poll$pe/bench" BENCH_EM_PTHREAD=/nonexistent BENCH_WASI=/nonexistent \
    node --no-warnings bench/wasm.mjs --only check,latency --trials "${BENCH_TRIALS:-1000}" 2>/dev/null |
    node -e '
      let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
        for (const l of s.split("\n")) {
          if (!l.startsWith("@@ ")) continue;
          const r = JSON.parse(l.slice(3));
          if (r.id === "check.emscripten") console.log(`  check ${r.ours.toFixed(2)} ns (bare flag ${r.base.toFixed(2)} ns)`);
          if (r.id === "latency.sab" || r.id === "latency.message")
            console.log(`  ${r.id} p50 ${r.p50.toFixed(1)} us, p99 ${r.p99.toFixed(1)} us`);
        }
      });'
done
