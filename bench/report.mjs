// report.mjs — turns the "@@ {json}" records of one `make bench` run into
// the one table (metric, ours, baseline, ratio, target, result), draws the
// SVG plots into OUT_DIR, and writes the generated docs — bench/results.json,
// docs/img/bench-*.svg, and the section between the bench markers of
// docs/bench.md and README.md — into a tree mirroring the repository:
// SIGEMU_DOCS_ROOT, build/docs by default; `make docs-bench` points it at
// the repository. The targets live here and only here; a benchmark never
// judges itself.
//
// Usage: node bench/report.mjs RAW_FILE OUT_DIR
//   RAW_FILE: the concatenated output of the benchmark programs.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const [rawFile, outDir = `${root}/build/bench`] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const docsRoot = resolve(process.env.SIGEMU_DOCS_ROOT || `${root}/build/docs`);

const recs = new Map();
for (const line of readFileSync(rawFile, 'utf8').split('\n')) {
  const i = line.indexOf('@@ ');
  if (i < 0) continue;
  try {
    const r = JSON.parse(line.slice(i + 3));
    recs.set(r.id, r);
  } catch { /* a torn line: ignore */ }
}
const get = (id) => recs.get(id);

// ---- formatting -------------------------------------------------------------
function fmt(v, unit) {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (unit === 'B') return `${Math.round(v).toLocaleString('en-US')} B`;
  if (unit === '/s') return `${Math.round(v).toLocaleString('en-US')}/s`;
  if (unit === 'lost') return String(v);
  if (unit === 'instr') return `${v.toFixed(1)} instr`;
  const a = Math.abs(v);
  const d = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return `${v.toFixed(d)} ${unit}`;
}
const fmtRatio = (r) => (r === null || !Number.isFinite(r) ? '—' : `${r.toFixed(2)}×`);

// ---- the rows ---------------------------------------------------------------
// Each row: metric label, where ours and the baseline come from, the target.
// pick(rec) -> number; a row whose record is missing says why.
const rows = [];
function row(metric, { id, ours, baseId = id, base, baseLabel, unit, target = 'report', pass = null, why = null, minima = false }) {
  const r = get(id);
  const b = baseId ? get(baseId) : null;
  const out = { metric, id, baseId, unit, target, baseline_is: baseLabel };
  if (!r || r.na) {
    out.ours = null;
    out.na = r?.na ?? why ?? 'not measured in this run';
  } else {
    out.ours = ours(r);
    if (out.ours === null || out.ours === undefined || Number.isNaN(out.ours)) {
      out.na = r.na ?? 'no value';
      out.ours = null;
    }
  }
  out.base = b && !b.na && base ? base(b) : null;
  if (out.base !== null && !Number.isFinite(out.base)) out.base = null;
  out.ratio = out.ours !== null && out.base && unit !== 'lost' ? out.ours / out.base : null;
  // Cost loops: the median of the ratios of back-to-back pairs of
  // repetitions (bench_common.h), steadier than the ratio of two minima;
  // minima: the ratio of the fastest repetitions (see the raise rows).
  if (!minima && out.ratio !== null && b === r && r.pair_ratio > 0) out.ratio = r.pair_ratio;
  if (out.na) out.result = 'n/a';
  else if (!pass) out.result = 'report';
  else out.result = pass(out.ours, out.ratio, r) ? 'pass' : 'FAIL';
  if (r?.note) out.note = r.note;
  if (b && b !== r && b.na) out.base_na = b.na;
  rows.push(out);
}

const oursF = (r) => r.ours;
const baseF = (r) => r.base;
const p50 = (r) => r.p50;
const p99 = (r) => r.p99;

// Targets are ratios to a floor or a peer measured in the same run (the
// absolute figures stand beside them); only where no same-run baseline
// exists is a target absolute.
const ratioAtMost = (k) => (o, q) => q !== null && q <= k;

// 1. Idle check cost (CPU-time minimum of interleaved repetitions; the
//    instruction count beside it does not move with the load at all).
for (const [label, id, k] of [
  ['native posix', 'check.native', 1.5],
  ['native posix, C++ caller', 'check.cxx.native', 1.5],
  ['emscripten in Node', 'check.emscripten', 2],
  ['emscripten in Node, C++ caller', 'check.cxx.emscripten', 2],
  ['emscripten-pthread in Node', 'check.emscripten-pthread', 2],
  ['wasi in Node', 'check.wasi', 2],
  ['wasi-pure in Node', 'check.wasi-pure', 2],
]) {
  row(`idle check, ${label} (ns/check${id.includes('native') ? '' : ', incl. host polls'})`, {
    id, ours: oursF, base: baseF, baseLabel: 'bare volatile flag', unit: 'ns',
    target: `≤ ${k}× flag`, pass: ratioAtMost(k),
  });
}
// Instruction counts (callgrind), native posix.
for (const [label, id, k, baseLabel] of [
  ['idle check', 'instr.check', 1.5, 'bare volatile flag test'],
  ['raise_signal → handler', 'instr.raise', null, 'raise() + sigaction handler (user space only)'],
  ['pthread_sigmask BLOCK+UNBLOCK', 'instr.mask', 2, 'glibc pthread_sigmask() the same'],
  ['pthread_sigmask read (set NULL)', 'instr.maskread', 2, 'glibc pthread_sigmask(how, NULL, &old)'],
  ['sigwait, signal pending', 'instr.sigwait', 2, 'glibc sigwait()'],
]) {
  row(`instructions, ${label} (per call)`, {
    id, ours: oursF, base: baseF, baseLabel, unit: 'instr',
    target: k ? `≤ ${k}× ${baseLabel.split(' ')[0] === 'bare' ? 'flag' : 'glibc'}` : 'report',
    pass: k ? ratioAtMost(k) : null,
  });
}
// 2. Raise -> handler.
row('raise_signal → handler, posix (ns)', {
  id: 'raise.posix', ours: oursF, base: baseF, baseLabel: 'raise() + sigaction handler', unit: 'ns',
  target: '≤ 1.2× raise()', pass: ratioAtMost(1.2),
});
// The emulated rows keep the old bar of 100 ns, stated against the floor
// timed beside them (interleaved pairs) so that the verdict does not move
// with the machine's load: 100 ns is 0.03x the kernel's raise() (~3.3 us
// here) and 25x a direct call of the handler (~4 ns here, idle machine).
// Judged, as the 100 ns were, on the fastest repetition of each: a raise
// repetition includes the host polls its checks make (one per poll
// interval), so its repetitions vary far more than the floor's, and the
// median of pair ratios moved by 2x between runs (18x to 36x) where the
// minima stayed put.
row('raise_signal → handler, sim (ns)', {
  id: 'raise.sim', ours: oursF, base: baseF, baseLabel: 'kernel raise() + sigaction', unit: 'ns',
  target: '≤ 0.03× raise() (100 ns idle)', pass: ratioAtMost(0.03), minima: true,
});
for (const b of ['emscripten', 'emscripten-pthread', 'wasi']) {
  row(`raise_signal → handler, ${b} (ns)`, {
    id: `raise.${b}`, ours: oursF, base: baseF, baseLabel: 'direct call of the handler', unit: 'ns',
    target: '≤ 25× direct call (100 ns idle)', pass: ratioAtMost(25), minima: true,
  });
}
// 3. Interrupt latency, busy loop in a worker: interleaved rounds.
const PY = ['latency.pyodide', 'Pyodide interrupt buffer'];
for (const [label, id, b50, b99, k50, k99] of [
  ['SAB mode (Emscripten)', 'latency.sab', PY, PY, 1, 1],
  ['SAB mode (WASI imports)', 'latency.wasi-sab', PY, PY, 1, 1],
  ['SAB mode (Emscripten)', 'latency.sab', ['floor.poll', 'bare poll, same period'], ['floor.poll', 'bare poll, same period'], null, null],
  ['shared-memory mode (Emscripten -pthread)', 'latency.shared', ['floor.spin', 'bare spin on a word'], ['floor.spinwork', 'bare spin + the same work'], 2, 1.5],
  ['shared-memory mode (Emscripten -pthread)', 'latency.shared', PY, PY, null, null],
  ['message mode (no SAB)', 'latency.message', PY, PY, null, null],
]) {
  for (const [q, f, bb, k] of [['p50', p50, b50, k50], ['p99', p99, b99, k99]]) {
    row(`interrupt latency ${q}, ${label} (µs)`, {
      id, ours: f, baseId: bb[0], base: f, baseLabel: `${bb[1]} ${q}`, unit: 'µs',
      target: k ? `≤ ${k}× ${bb[1].split(',')[0]}` : 'report', pass: k ? ratioAtMost(k) : null,
    });
  }
}
// What sigemu adds in shared-memory mode, beside the ratio above. The bare
// spin's p50 is a cross-core round trip, and it moves between runs with
// where the machine's two vCPUs land (0.17 to 0.65 µs here); what sigemu
// adds to it moves much less, so the ratio falls as the floor rises
// (docs/bench.md, "Three runs").
row('interrupt latency p50, shared-memory mode, added to the bare spin (µs)', {
  id: 'latency.shared', ours: (r) => r.p50 - (get('floor.spin')?.p50 ?? NaN), baseId: null,
  baseLabel: 'shared-memory p50 − bare spin p50, same run', unit: 'µs',
});
// 4. Waits: trial by trial against a bare Atomics.wait/notify.
for (const [label, id] of [['sigwait', 'wake.sigwait'], ['sleep(1)', 'wake.sleep']]) {
  row(`wake latency p50, ${label} in a worker (µs)`, {
    id, ours: p50, baseId: 'wake.atomics', base: p50, baseLabel: 'bare Atomics.wait/notify p50',
    unit: 'µs', target: 'report',
  });
  row(`wake latency p99, ${label} in a worker (µs)`, {
    id, ours: p99, baseId: 'wake.atomics', base: p99, baseLabel: 'bare Atomics.wait/notify p99',
    unit: 'µs', target: '≤ 1.2× bare', pass: ratioAtMost(1.2),
  });
}
row('wake latency, sleep(1) interrupted 100 ms in: Pyodide (µs)', {
  id: 'wake.pyodide-sleep', ours: p50, baseId: null, baseLabel: 'no baseline (the peer itself)', unit: 'µs',
});
// Lost deliveries: every contender, with a timeout per trial.
const MIN_TRIALS = 10000;
for (const [label, id] of [
  ['SAB mode (Emscripten)', 'latency.sab'], ['SAB mode (WASI imports)', 'latency.wasi-sab'],
  ['shared-memory mode', 'latency.shared'], ['message mode', 'latency.message'],
  ['sigwait wake', 'wake.sigwait'], ['sleep(1) wake', 'wake.sleep'],
]) {
  row(`lost deliveries, ${label} (of trials)`, {
    id, ours: (r) => r.lost, baseId: id.startsWith('wake.') ? 'wake.atomics' : 'latency.pyodide',
    base: (r) => r.lost, baseLabel: id.startsWith('wake.') ? 'bare Atomics.wait/notify' : 'Pyodide interrupt buffer',
    unit: 'lost', target: `0 in ≥ ${MIN_TRIALS.toLocaleString('en-US')} trials`,
    pass: (o, q, r) => o === 0 && r.trials >= MIN_TRIALS,
  });
}
row('CPU burnt per 1 s time.sleep(1), Pyodide (ms)', {
  id: 'idlecpu.pyodide', ours: (r) => r.ours * 1000 / (r.wall || 1000), baseId: 'idlecpu.atomics', base: oursF,
  baseLabel: 'a bare Atomics.wait of 1 s', unit: 'ms',
});
for (const b of ['emscripten', 'wasi']) {
  row(`CPU burnt per 1 s sigemu_sleep, ${b} (ms)`, {
    id: `idlecpu.${b}`, ours: oursF, baseId: 'idlecpu.atomics', base: oursF,
    baseLabel: 'a bare Atomics.wait of 1 s', unit: 'ms',
    target: '≤ floor + 5 ms', pass: (o, q, r) => o <= (get('idlecpu.atomics')?.ours ?? Infinity) + 5,
  });
}
// 5. Timers. Natively sigemu's timer is the kernel's, and the two run
//    interleaved (kernel, sigemu, ×3): the lateness target is the floor's
//    own p99 plus the old 2 ms budget. A descheduled process misses ticks,
//    which shows as drift in the floor as much as in ours: drift is
//    reported beside the floor, and so are the wasm timers, whose floor (a
//    setTimeout chain on an idle thread) is not run interleaved with them.
const timers = [
  ['posix (kernel timer)', 'timer.posix', 'timer.kernel', 'kernel setitimer + sigaction', 2],
  ['Emscripten', 'timer.emscripten', 'timer.settimeout', 'setTimeout chain (idle)', null],
  ['Emscripten -pthread', 'timer.emscripten-pthread', 'timer.settimeout', 'setTimeout chain (idle)', null],
  ['WASI', 'timer.wasi', 'timer.settimeout', 'setTimeout chain (idle)', null],
];
for (const [label, id, baseId, baseLabel, margin] of timers) {
  row(`ITIMER_REAL 10 ms lateness p99, ${label} (ms)`, {
    id, ours: p99, baseId, base: p99, baseLabel, unit: 'ms',
    target: margin ? `≤ floor + ${margin} ms` : 'report',
    pass: margin ? (o, q, r) => o <= (get(baseId)?.p99 ?? -Infinity) + margin : null,
  });
  row(`ITIMER_REAL drift over 200 periods, ${label} (ms)`, {
    id, ours: (r) => r.drift, baseId, base: (r) => r.drift, baseLabel, unit: 'ms',
  });
}
// 6. Size.
for (const b of ['emscripten', 'wasi']) {
  row(`size added by linking sigemu, ${b} -Oz (bytes)`, {
    id: `size.${b}`, ours: oursF, base: baseF, baseLabel: 'the minimal program alone', unit: 'B',
  });
}
row('size of the native static library libsigemu.a, text+data+bss (bytes)', {
  id: 'size.native', ours: oursF, baseId: null, baseLabel: 'no baseline', unit: 'B',
});
// 7. Sustained delivery.
const fair = (o, q, r) => {
  const k = r.per_kind ?? [];
  const mean = k.reduce((a, b) => a + b, 0) / (k.length || 1);
  return k.length === 4 && mean > 0 && Math.min(...k) >= 0.1 * mean;
};
for (const [label, id, baseLabel] of [
  ['posix, 4 threads', 'sustained.posix', 'pthread_kill + flag-setting sigaction handler'],
  ['sim, 4 threads', 'sustained.sim', 'pthread_kill + flag-setting sigaction handler'],
  ['Emscripten, 4 sender workers', 'sustained.emscripten', 'no peer: Pyodide\'s buffer holds one signal'],
]) {
  row(`sustained delivery, ${label} (deliveries/s)`, {
    id, ours: oursF, base: baseF, baseLabel, unit: '/s',
    target: 'no kind < 10% of its fair share', pass: fair,
  });
}

// ---- the table --------------------------------------------------------------
// A distribution's sample: trials kept of those run, rounds with
// interference from other processes.
function sample(rec) {
  if (!rec || rec.n === undefined || rec.trials === undefined) return '';
  const busy = rec.rounds ? `, ${rec.busy_rounds} of ${rec.rounds} rounds busy` : '';
  return ` [${rec.n.toLocaleString('en-US')} of ${rec.trials.toLocaleString('en-US')} kept${busy}]`;
}
function cellOurs(r) {
  if (r.na) return `not available: ${r.na}`;
  const rec = get(r.id);
  if (r.unit === 'lost') return `${r.ours} of ${rec.trials.toLocaleString('en-US')}`;
  let s = fmt(r.ours, r.unit);
  if (rec?.per_kind) s += ` (per kind ${rec.per_kind.join('/')})`;
  if (/^(latency|wake)\./.test(r.id)) s += sample(rec);
  return s;
}
function cellBase(r) {
  if (r.base === null) return r.base_na ? `n/a (${r.base_na})` : `— (${r.baseline_is})`;
  const b = get(r.baseId);
  if (r.unit === 'lost') return `${r.base} of ${b.trials.toLocaleString('en-US')} (${r.baseline_is})`;
  const kept = /^(latency|wake|floor)\./.test(r.baseId) ? sample(b) : '';
  return `${fmt(r.base, r.unit)} (${r.baseline_is})${kept}`;
}
const header = ['metric', 'ours', 'baseline', 'ratio', 'target', 'result'];
const lines = rows.map((r) => [r.metric, cellOurs(r), cellBase(r), fmtRatio(r.ratio), r.target, r.result]);
const md = [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...lines.map((l) => `| ${l.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`),
].join('\n');
console.log(md);
const counts = rows.reduce((a, r) => { a[r.result] = (a[r.result] ?? 0) + 1; return a; }, {});
// One verdict per row, in order: comparing runs is a diff of these files.
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/verdicts.txt`, rows.map((r) => `${r.result}\t${r.metric}`).join('\n') + '\n');
console.log(`\nbench: ${counts.pass ?? 0} pass, ${counts.FAIL ?? 0} FAIL, ${counts.report ?? 0} report-only, ${counts['n/a'] ?? 0} not available`);

// ---- machine and results.json -------------------------------------------------
function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1];
  } catch { /* not Linux */ }
  return {
    nproc: os.cpus().length, cpu, memory_gib: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    os: `${os.type()} ${os.release()}`, node: process.version, loadavg: os.loadavg().map((x) => +x.toFixed(2)),
  };
}
const when = new Date().toISOString();
const mach = machine();
mkdirSync(outDir, { recursive: true });
const results = {
  when, machine: mach, command: 'make bench',
  rows: rows.map(({ metric, id, ours, base, ratio, unit, target, result, na, baseline_is, note }) =>
    ({ metric, id, ours, base, ratio, unit, target, result, na, baseline_is, note })),
  records: Object.fromEntries([...recs].map(([k, v]) => {
    const { samples, series, ...rest } = v; // the raw samples stay in the build dir
    return [k, rest];
  })),
};
mkdirSync(`${docsRoot}/bench`, { recursive: true });
writeFileSync(`${docsRoot}/bench/results.json`, JSON.stringify(results, null, 1) + '\n');
writeFileSync(`${outDir}/results-full.json`, JSON.stringify(Object.fromEntries(recs), null, 1) + '\n');
writeFileSync(`${outDir}/table.md`, md + '\n');

// ---- SVG plots ----------------------------------------------------------------
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

// A CDF of latency samples, log x axis (µs).
function cdfSvg(title, series) {
  const W = 640, H = 360, L = 60, R = 20, T = 36, B = 48;
  const all = series.flatMap((s) => s.v).filter((x) => x > 0);
  if (!all.length) return null;
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...all))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...all))));
  const X = (v) => L + (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (W - L - R);
  const Y = (p) => T + (1 - p) * (H - T - B);
  let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">\n`;
  s += `<rect width="${W}" height="${H}" fill="white"/>\n<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>\n`;
  for (let d = lo; d <= hi * 1.0001; d *= 10) {
    s += `<line x1="${X(d).toFixed(1)}" y1="${T}" x2="${X(d).toFixed(1)}" y2="${H - B}" stroke="#ddd"/>`;
    s += `<text x="${X(d).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${d >= 1000 ? d / 1000 + ' ms' : d + ' µs'}</text>\n`;
  }
  for (const p of [0, 0.5, 0.9, 0.99]) {
    s += `<line x1="${L}" y1="${Y(p).toFixed(1)}" x2="${W - R}" y2="${Y(p).toFixed(1)}" stroke="#eee"/>`;
    s += `<text x="${L - 6}" y="${(Y(p) + 4).toFixed(1)}" text-anchor="end">${p * 100}%</text>\n`;
  }
  s += `<text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle">latency (log scale)</text>\n`;
  series.forEach((ser, i) => {
    const v = [...ser.v].sort((a, b) => a - b);
    if (!v.length) return;
    const step = Math.max(1, Math.floor(v.length / 300));
    const pts = [];
    for (let k = 0; k < v.length; k += step) pts.push(`${X(v[k]).toFixed(1)},${Y((k + 1) / v.length).toFixed(1)}`);
    pts.push(`${X(v[v.length - 1]).toFixed(1)},${Y(1).toFixed(1)}`);
    const c = COLORS[i % COLORS.length];
    s += `<polyline fill="none" stroke="${c}" stroke-width="1.8" points="${pts.join(' ')}"/>\n`;
    // Legend at the bottom right, where a CDF has no curve.
    const ly = H - B - 10 - (series.length - 1 - i) * 16;
    s += `<rect x="${W - R - 330}" y="${ly - 5}" width="12" height="3" fill="${c}"/><text x="${W - R - 312}" y="${ly}">${esc(ser.name)} (p50 ${fmt(quant(v, 0.5), 'µs')}, p99 ${fmt(quant(v, 0.99), 'µs')})</text>\n`;
  });
  return s + '</svg>\n';
}
function quant(sorted, q) { return sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]; }

// Timer lateness against the absolute schedule, per tick.
function seriesSvg(title, series, unit) {
  const W = 640, H = 320, L = 60, R = 20, T = 36, B = 44;
  const all = series.flatMap((s) => s.v);
  if (!all.length) return null;
  const n = Math.max(...series.map((s) => s.v.length));
  let ymax = Math.max(1, ...all), ymin = Math.min(0, ...all);
  ymax = Math.ceil(ymax);
  const X = (k) => L + k / Math.max(1, n - 1) * (W - L - R);
  const Y = (v) => T + (ymax - v) / (ymax - ymin) * (H - T - B);
  let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">\n`;
  s += `<rect width="${W}" height="${H}" fill="white"/>\n<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>\n`;
  for (let i = 0; i <= 4; i++) {
    const v = ymin + (ymax - ymin) * i / 4;
    s += `<line x1="${L}" y1="${Y(v).toFixed(1)}" x2="${W - R}" y2="${Y(v).toFixed(1)}" stroke="#eee"/><text x="${L - 6}" y="${(Y(v) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(v < 10 ? 1 : 0)} ${unit}</text>\n`;
  }
  s += `<text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle">tick (10 ms period)</text>\n`;
  series.forEach((ser, i) => {
    const c = COLORS[i % COLORS.length];
    const pts = ser.v.map((v, k) => `${X(k).toFixed(1)},${Y(v).toFixed(1)}`).join(' ');
    s += `<polyline fill="none" stroke="${c}" stroke-width="1.4" points="${pts}"/>\n`;
    s += `<rect x="${L + 10}" y="${T + 6 + i * 16}" width="12" height="3" fill="${c}"/><text x="${L + 28}" y="${T + 11 + i * 16}">${esc(ser.name)}</text>\n`;
  });
  return s + '</svg>\n';
}

const plots = [];
function plot(file, svg, docs) {
  if (!svg) return;
  writeFileSync(`${outDir}/${file}`, svg);
  plots.push({ file, docs });
}
const samples = (id) => get(id)?.samples ?? [];
const named = (pairs) => pairs.filter(([, id]) => samples(id).length).map(([name, id]) => ({ name, v: samples(id) }));
plot('latency.svg', cdfSvg('Interrupt latency: busy wasm loop in a Node worker, SIGINT from the main thread', named([
  ['sigemu SAB', 'latency.sab'], ['sigemu shared memory', 'latency.shared'], ['sigemu messages', 'latency.message'],
  ['sigemu WASI + SAB', 'latency.wasi-sab'], ['Pyodide interrupt buffer', 'latency.pyodide'],
])), true);
plot('wake.svg', cdfSvg('Wake latency: worker asleep, woken from the main thread', named([
  ['sigemu sigwait', 'wake.sigwait'], ['sigemu sleep(1)', 'wake.sleep'], ['bare Atomics.wait', 'wake.atomics'],
])), true);
const ser = (pairs) => pairs.filter(([, id]) => get(id)?.series?.length).map(([name, id]) => ({ name, v: get(id).series }));
plot('timer.svg', seriesSvg('ITIMER_REAL every 10 ms while computing: handler time minus k×10 ms', ser([
  ['sigemu posix', 'timer.posix'], ['kernel setitimer', 'timer.kernel'], ['sigemu Emscripten', 'timer.emscripten'],
  ['sigemu WASI', 'timer.wasi'], ['setTimeout chain (idle)', 'timer.settimeout'],
]), 'ms'), true);

const imgDir = `${docsRoot}/docs/img`;
for (const p of plots.filter((q) => q.docs)) {
  mkdirSync(imgDir, { recursive: true });
  copyFileSync(`${outDir}/${p.file}`, `${imgDir}/bench-${p.file}`);
}
console.log(`results: ${docsRoot}/bench/results.json; plots: ${plots.map((p) => `${outDir}/${p.file}`).join(', ')}`);

// ---- docs/bench.md and README.md: the section between the markers -----------
// rel: the file's path in the repository; read from the docs tree when an
// earlier generator already wrote it there, else from the repository.
function updateSection(rel, imgPrefix) {
  const file = `${docsRoot}/${rel}`;
  const from = existsSync(file) ? file : `${root}/${rel}`;
  if (!existsSync(from)) return;
  const doc = readFileSync(from, 'utf8');
  const begin = '<!-- bench:begin -->', end = '<!-- bench:end -->';
  const a = doc.indexOf(begin), b = doc.indexOf(end);
  if (a < 0 || b <= a) return;
  const body = [
    begin,
    `Measured ${when} with \`make bench\` on: ${mach.nproc} CPUs (${mach.cpu}), ${mach.memory_gib} GiB RAM, ${mach.os}, Node ${mach.node}; load average at the end ${mach.loadavg.join(' / ')}.`,
    '',
    md,
    '',
    `${counts.pass ?? 0} pass, ${counts.FAIL ?? 0} FAIL, ${counts.report ?? 0} report-only, ${counts['n/a'] ?? 0} not available.`,
    '',
    ...plots.filter((p) => p.docs).map((p) => `![${p.file}](${imgPrefix}bench-${p.file})`),
    end,
  ].join('\n');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, doc.slice(0, a) + body + doc.slice(b + end.length));
  console.log(`updated ${file}`);
}
updateSection('docs/bench.md', 'img/');
updateSection('README.md', 'docs/img/');
