#!/usr/bin/env bash
# bench/poll-sweep.sh — an experiment, not part of `make bench`: how the
# host-poll interval of the wasm check (SIGEMU_POLL_EVERY in
# include/sigemu.h) trades idle check cost against SAB/message-mode
# interrupt latency. Builds bench_wasm (Emscripten, no -pthread) once per
# value against a patched copy of the header under build/bench-poll<N>/ and
# runs the check and latency benchmarks of bench/wasm.mjs on each.
# Usage: bench/poll-sweep.sh [N ...]   (default: 1024 256 128)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
values=("$@")
[ ${#values[@]} -eq 0 ] && values=(1024 256 128)
for pe in "${values[@]}"; do
  d="build/bench-poll$pe"
  mkdir -p "$d/include" "$d/out"
  sed -E "s/^(# *define SIGEMU_POLL_EVERY) [0-9]+/\1 $pe/" include/sigemu.h >"$d/include/sigemu.h"
  NODE_PATH=/usr/share/nodejs emcc -O3 -std=c11 -D_GNU_SOURCE -I"$d/include" -Isrc -Ibench \
    -DSIGEMU_BUILDING '-DSIGEMU_BACKEND_NAME="emscripten"' \
    src/*.c src/emu/*.c src/emu/linux/*.c platform/wasm/*.c platform/wasm/emscripten/*.c bench/bench_wasm.c \
    --js-library js/src/library_sigemu.js -o "$d/out/bench_wasm.js" 2>"$d/build.log"
done
for pe in "${values[@]}"; do
  echo "== SIGEMU_POLL_EVERY=$pe"
  BENCH_EM="$root/build/bench-poll$pe/out" BENCH_EM_PTHREAD=/nonexistent BENCH_WASI=/nonexistent \
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
