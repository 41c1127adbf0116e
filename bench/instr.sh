#!/usr/bin/env bash
# bench/instr.sh BENCH_INSTR OUT_DIR — count the instructions of the native
# paths of bench/bench_instr.c with callgrind: the program zeroes the count
# before each instr_* function and dumps it after, under the function's
# name; each count is divided by the iterations. Prints
# "@@ {json}" records for bench/report.mjs (instr.check, instr.raise,
# instr.mask, instr.maskread, instr.sigwait), or "na" records saying why.
set -uo pipefail
prog="$1" out="$2"
n=2000
ids=(instr.check instr.raise instr.mask instr.maskread instr.sigwait)
na_all() { for id in "${ids[@]}"; do printf '@@ {"id":"%s","na":"%s"}\n' "$id" "$1"; done; }
[ -x "$prog" ] || { na_all "bench_instr not built"; exit 0; }
command -v valgrind >/dev/null || { na_all "valgrind is not installed"; exit 0; }
mkdir -p "$out/callgrind"
rm -f "$out/callgrind"/cg.out*
if ! valgrind --tool=callgrind --dump-instr=no --collect-jumps=no \
    --callgrind-out-file="$out/callgrind/cg.out" "$prog" "$n" \
    >"$out/callgrind/stdout.txt" 2>"$out/callgrind/valgrind.txt"; then
  na_all "bench_instr failed under callgrind (see $out/callgrind/valgrind.txt)"
  exit 0
fi
node - "$out/callgrind" "$n" "$(valgrind --version)" <<'EOF'
const { readdirSync, readFileSync } = require('node:fs');
const [dir, n, vg] = process.argv.slice(2);
const cost = {};
for (const f of readdirSync(dir).filter((f) => f.startsWith('cg.out'))) {
  const s = readFileSync(`${dir}/${f}`, 'utf8');
  const fn = /^desc: Trigger: Client Request: (instr_\w+)/m.exec(s)?.[1];
  const total = Number(/^summary: (\d+)/m.exec(s)?.[1] ?? NaN);
  if (fn) cost[fn] = total / Number(n);
}
const rec = (id, ours, base, note) => {
  if (ours === undefined || base === undefined) {
    console.log('@@ ' + JSON.stringify({ id, na: 'no callgrind dump for it' }));
    return;
  }
  console.log('@@ ' + JSON.stringify({ id, ours, base, unit: 'instr', note: `${note}; callgrind (${vg}), ${n} calls` }));
};
const c = (k) => cost[`instr_${k}`];
rec('instr.check', c('check_sigemu'), c('check_bare'), 'idle sigemu_check() vs a bare volatile flag, per check, loop included');
rec('instr.raise', c('raise_sigemu'), c('raise_bare'), 'sigemu_raise_signal() + handler vs raise() + sigaction handler (user-space instructions: the kernel is not counted)');
rec('instr.mask', c('mask_sigemu'), c('mask_bare'), 'sigemu_pthread_sigmask() BLOCK + UNBLOCK of one signal vs glibc pthread_sigmask() the same');
rec('instr.maskread', c('maskread_sigemu'), c('maskread_bare'), 'reading the mask: sigemu_pthread_sigmask(how, NULL, &old) vs pthread_sigmask(how, NULL, &old)');
const rp = c('raise_pending');
rec('instr.sigwait', c('sigwait_sigemu') - rp, c('sigwait_bare') - rp, 'sigemu_sigwait() vs glibc sigwait() of an already pending signal (the raise() before each is subtracted)');
EOF
