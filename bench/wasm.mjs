// wasm.mjs — the WebAssembly benchmarks, driven from Node's main thread:
// idle check cost, raise -> handler and ITIMER_REAL accuracy for every wasm
// build; interrupt latency (SAB, shared-memory and message modes) next to
// its floors and to Pyodide's interrupt buffer; wake latency of sigwait and
// sleep next to a bare Atomics.wait; CPU burnt per second of waiting;
// sustained delivery. Prints "@@ {json}" records (bench/bench_util.h) for
// bench/report.mjs; a build that is missing gives a record with "na": why.
//
// How the latency figures hold on a shared, loaded machine:
//   - rounds: every contender of a figure (sigemu's modes, the bare
//     mechanisms, Pyodide) runs a block of trials in every round, in a
//     rotating order, so that load from other processes hits all of them
//     alike; a contender waits in Atomics.wait between its blocks and takes
//     no CPU then. The wake contenders alternate trial by trial.
//   - kept trials: the driver reads the scheduler's statistics of its own
//     thread and of the worker's (/proc/self/task/TID/schedstat: time spent
//     waiting for a CPU) around every trial. A trial during which either
//     thread waited for a CPU measured the scheduler, not the mechanism, and
//     is not kept (for a wake, the woken thread may wait up to WAKE_RQ_US
//     for a CPU, what a wake-up costs on this VM's idle CPU). Percentiles
//     are over kept trials; every record says how many it kept of how many.
//   - interference: /proc/stat and /proc/self/stat around every block give
//     the CPU other processes used meanwhile; a block where they used more
//     than BUSY_SHARE of the machine counts as a busy round (reported).
//   - lost deliveries: every trial waits for its acknowledgement with a
//     timeout (longer while the signal is visibly still pending), so a lost
//     one cannot hang the run; the count of signals sent minus handler runs
//     is reported for every contender.
//
// Usage: node bench/wasm.mjs [--trials N] [--rounds R] [--only name,...]
//          [--ids id,...]   (only these latency contenders; env BENCH_RAW=1
//          adds every trial, [µs, driver's and worker's CPU waits], to the
//          records)
//   env BENCH_EM, BENCH_EM_PTHREAD, BENCH_WASI: build dirs (bench/run.sh);
//   BENCH_PYODIDE: the folder holding pyodide.mjs (else the peer is n/a).
import { execFileSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, readlinkSync, readSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { CTL, CTL_BYTES } from './bench-ctl.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const TRIALS = Number(opt('--trials', 10000));
const ROUNDS = Math.max(1, Number(opt('--rounds', 20)));
const ONLY = opt('--only', '').split(',').filter(Boolean);
const IDS = opt('--ids', '').split(',').filter(Boolean); // only these contenders
const want = (name) => ONLY.length === 0 || ONLY.includes(name);

const emDir = process.env.BENCH_EM ?? `${root}/build/emscripten/bench`;
const emPtDir = process.env.BENCH_EM_PTHREAD ?? `${root}/build/emscripten-pthread/bench`;
const wasiDir = process.env.BENCH_WASI ?? `${root}/build/wasi/bench`;
const pyodideDir = process.env.BENCH_PYODIDE ?? '';

const SIGINT = 2, SIGUSR1 = 10;
/** A trial whose ack has not come after SOFT_MS is looked at again: while
 *  its signal is still visibly pending the wait goes on up to HARD_MS; once
 *  taken, the ack has GRACE_MS more before the trial counts as lost. */
const SOFT_MS = 200, HARD_MS = 10000, GRACE_MS = 500;
/** The sender spins on the ack for SPIN_MS (a precise time), then sleeps on
 *  it (the worker notifies each ack). */
const SPIN_MS = 1;
/** The longest wait for a CPU a woken thread may have in a kept wake trial. */
const WAKE_RQ_US = 50;
/** A block during which other processes used more than this share of the
 *  machine's CPUs is a busy round. */
const BUSY_SHARE = 0.1;

function record(obj) { console.log('@@ ' + JSON.stringify(obj)); }
function na(id, why) { record({ id, na: why }); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// A deadline for a race: unref'd, so that it never keeps Node alive itself.
const after = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms).unref());
function spinUs(us) {
  const end = performance.now() + us / 1000;
  while (performance.now() < end);
}
/* The gap before a trial is spun, not slept: a sender woken from a sleep
 * is often put on the receiver's CPU, and then takes it from the receiver
 * for the whole trial. */
const gapUs = spinUs;
function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
}
const median = (v) => quantile([...v].sort((a, b) => a - b), 0.5);

let controllerMod = null;
async function SignalController() {
  controllerMod ??= await import('../js/src/controller.js');
  return controllerMod.SignalController;
}

// ---- the machine: scheduler statistics and other processes' CPU ----------------
/** Time (ns) a thread of this process has spent waiting for a CPU. */
class RunQueueWait {
  #fd = -1; #buf = Buffer.alloc(96);
  constructor(tid) {
    try { if (tid > 0) this.#fd = openSync(`/proc/self/task/${tid}/schedstat`, 'r'); } catch { /* not Linux */ }
  }
  get ok() { return this.#fd >= 0; }
  /** ns waited so far, or -1 (no statistics, or the thread has ended). */
  read() {
    if (this.#fd < 0) return -1;
    try {
      const n = readSync(this.#fd, this.#buf, 0, this.#buf.length, 0);
      const s = this.#buf.toString('latin1', 0, n);
      const a = s.indexOf(' ');
      return Number(s.slice(a + 1, s.indexOf(' ', a + 1)));
    } catch { return -1; }
  }
}
const NCPU = os.cpus().length;
/* The sender on CPU 0, every receiver on CPU 1 (taskset): left to itself,
 * a loaded machine's scheduler often puts the two on one CPU, and then a
 * spinning sender keeps the receiver from running at all. Returns whether
 * the thread was pinned. */
function pin(tid, cpu) {
  if (NCPU < 2 || !(tid > 0)) return false;
  try {
    execFileSync('taskset', ['-p', '-c', String(cpu), String(tid)], { stdio: 'ignore' });
    return true;
  } catch { return false; }
}
const driverTid = (() => {
  try { return Number(readlinkSync('/proc/thread-self').split('/').pop()); } catch { return 0; }
})();
const PINNED = pin(driverTid, 0);
const driverWait = new RunQueueWait(driverTid);
let CLK_TCK = 100;
try { CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100; } catch { /* keep 100 */ }
/** CPU ticks of the whole machine (busy, steal included) and of this process. */
function machineSample() {
  let busy = NaN, self = NaN;
  try {
    const f = readFileSync('/proc/stat', 'latin1').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal ...
    busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0);
    const st = readFileSync('/proc/self/stat', 'latin1');
    const g = st.slice(st.lastIndexOf(')') + 2).split(' ');
    self = Number(g[11]) + Number(g[12]); // utime, stime
  } catch { /* not Linux */ }
  return { busy, self, t: performance.now() };
}
/** Share of the machine's CPUs that other processes used between a and b. */
function otherShare(a, b) {
  const secs = (b.t - a.t) / 1000;
  if (!(secs > 0) || Number.isNaN(a.busy)) return NaN;
  const other = (b.busy - a.busy) - (b.self - a.self);
  return Math.max(0, other / CLK_TCK / (secs * NCPU));
}

// ---- workers ------------------------------------------------------------------
/** Start a worker; returns helpers around its shared control block. */
function startWorker(data, transfer = []) {
  const ackSab = new SharedArrayBuffer(CTL_BYTES);
  const ack = new Int32Array(ackSab);
  const f64 = new Float64Array(ackSab);
  const w = new Worker(`${here}/bench-worker.mjs`, {
    workerData: { ...data, ack: ackSab }, transferList: transfer,
  });
  let handleResolve, wordResolve;
  let finished = false; // the program ended: a mark that has not come never will
  const handle = new Promise((r) => { handleResolve = r; });
  const word = new Promise((r) => { wordResolve = r; });
  const done = new Promise((resolvePromise) => {
    const end = (st) => { finished = true; resolvePromise(st); };
    w.on('message', (m) => {
      if (m.handle) handleResolve(m.handle);
      if ('word' in m) wordResolve(m);
      if ('status' in m) end(m.status);
    });
    w.on('error', (e) => { console.error('worker error:', e); end(98); });
    w.on('exit', (c) => end(c === 0 ? 0 : 97));
  });
  async function until(pred, timeoutMs) {
    const end = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > end || finished) return pred();
      await sleep(1);
    }
    return true;
  }
  /* A mark is waited for asleep (waitAsync), not polled: the idle-CPU rows
   * measure the whole process while the driver waits here. */
  async function mark(k, timeoutMs = 60000) {
    const end = Date.now() + timeoutMs;
    while (Atomics.load(ack, CTL.MARKS) < k + 1) {
      if (Date.now() > end || finished) return Atomics.load(ack, CTL.MARKS) >= k + 1;
      const cur = Atomics.load(ack, CTL.MARKS);
      const slice = Math.min(200, Math.max(1, end - Date.now()));
      const r = Atomics.waitAsync(ack, CTL.MARKS, cur, slice);
      // A pending waitAsync does not keep Node's event loop alive; a timer does.
      if (r.async) await Promise.race([r.value, sleep(slice)]);
    }
    return true;
  }
  const cpu = (k) => f64[CTL.F64 + 2 * k];
  const wall = (k) => f64[CTL.F64 + 2 * k + 1];
  const wk = { w, ack, handle, word, done, mark, until, cpu, wall, rq: null, get finished() { return finished; } };
  wk.acks = () => Atomics.load(ack, CTL.ACKS);
  wk.busy = () => Atomics.load(ack, CTL.BUSY) === 1;
  /** Start a block of `goal` acks; resolves when the program is in it. */
  wk.startBlock = async (goal) => {
    Atomics.store(ack, CTL.GOAL, goal);
    Atomics.add(ack, CTL.SEQ, 1);
    Atomics.notify(ack, CTL.SEQ);
    return until(() => Atomics.load(ack, CTL.BUSY) === 1, 30000);
  };
  wk.stop = async () => {
    Atomics.store(ack, CTL.GOAL, 0);
    Atomics.add(ack, CTL.SEQ, 1);
    Atomics.notify(ack, CTL.SEQ);
    await Promise.race([done, after(5000)]);
    await w.terminate();
  };
  wk.attachStats = () => {
    const tid = Atomics.load(ack, CTL.TID);
    wk.rq = new RunQueueWait(tid);
    if (PINNED) pin(tid, 1);
  };
  return wk;
}

// ---- one trial ------------------------------------------------------------------
/**
 * Send one signal through c.kill() and time its ack, from this thread
 * (precisely for the first SPIN_MS; a trial longer than that is one during
 * which the receiver did not run, and is not kept anyway).
 * c: { wk, kill(), pending() } (pending: whether the signal is visibly not
 * yet taken; null when that cannot be seen). Returns
 * { us, drv, rq } (µs; the driver's and the worker's waits for a CPU during
 * the trial, µs, -1 when unknown) or { lost: true }.
 */
function trial(c) {
  const drv0 = driverWait.read(), rq0 = c.wk.rq ? c.wk.rq.read() : -1;
  const before = c.wk.acks();
  const t0 = performance.now();
  c.kill();
  let t1;
  for (;;) {
    t1 = performance.now();
    if (c.wk.acks() !== before) break;
    const el = t1 - t0;
    if (el < SPIN_MS) continue;
    // Past SPIN_MS the receiver is not running (the machine is busy):
    // sleep until its ack rather than take a CPU from it.
    if (el > SOFT_MS) {
      const pend = c.pending ? c.pending() : true;
      if (pend ? el > HARD_MS : el > SOFT_MS + GRACE_MS) return { lost: true };
    }
    Atomics.wait(c.wk.ack, CTL.ACKS, before, 10);
  }
  const drv1 = driverWait.read(), rq1 = c.wk.rq ? c.wk.rq.read() : -1;
  return {
    us: (t1 - t0) * 1000,
    drv: drv0 >= 0 && drv1 >= 0 ? (drv1 - drv0) / 1000 : -1,
    rq: rq0 >= 0 && rq1 >= 0 ? (rq1 - rq0) / 1000 : -1,
  };
}

/** A contender's results, filled round after round. */
function tally(id, extra = {}) {
  return { id, extra, all: [], kept: [], sent: 0, acked: 0, timeouts: 0, blocks: 0, busyBlocks: 0, shares: [], broken: null };
}
const RAW = process.env.BENCH_RAW === '1'; // every trial in the record (debugging)
function addTrial(t, r, keep) {
  t.sent++;
  if (RAW) (t.raw ??= []).push(r.lost ? [-1, -1, -1] : [Math.round(r.us * 100) / 100, r.drv, r.rq]);
  if (r.lost) { t.timeouts++; return; }
  t.all.push(r.us);
  if (keep(r)) t.kept.push(r.us);
}
// -1: no scheduler statistics here (not Linux): every trial is kept.
const keepBusy = (r) => r.drv <= 0 && r.rq <= 0;
const keepWake = (r) => r.drv <= 0 && r.rq <= WAKE_RQ_US;

function emit(t, unit = 'us') {
  if (t.broken && !t.all.length) { na(t.id, t.broken); return; }
  const kept = [...t.kept].sort((a, b) => a - b);
  const all = [...t.all].sort((a, b) => a - b);
  const r2 = (x) => Math.round(x * 100) / 100;
  record({
    id: t.id, unit,
    p50: quantile(kept, 0.5), p90: quantile(kept, 0.9), p99: quantile(kept, 0.99), max: kept[kept.length - 1],
    n: kept.length, trials: t.sent, lost: Math.max(0, t.sent - t.acked), timeouts: t.timeouts,
    all: { p50: quantile(all, 0.5), p99: quantile(all, 0.99), n: all.length },
    rounds: t.blocks, busy_rounds: t.busyBlocks,
    other_cpu: t.shares.length ? Math.round(median(t.shares) * 1000) / 1000 : null,
    keep: t.keepRule, ...(t.broken ? { broken: t.broken } : {}), ...t.extra,
    samples: t.kept.map(r2), ...(t.raw ? { raw: t.raw } : {}),
  });
}

// ---- builds ---------------------------------------------------------------
const builds = [
  { name: 'emscripten', runner: 'emscripten', path: `${emDir}/bench_wasm.js` },
  { name: 'emscripten-pthread', runner: 'emscripten', path: `${emPtDir}/bench_wasm.js` },
  { name: 'wasi', runner: 'wasi', path: `${wasiDir}/bench_wasm.wasm` },
  { name: 'wasi-pure', runner: 'wasi', path: `${wasiDir}/bench_wasm_pure.wasm` },
];
const have = (b) => existsSync(b.path) && existsSync(`${root}/js/src/host.js`);
const build = (name) => builds.find((b) => b.name === name);

async function runSimple(b, args) {
  const wk = startWorker({ runner: b.runner, path: b.path, args });
  const st = await Promise.race([wk.done, after(120000, 'timeout')]);
  await wk.w.terminate();
  return st;
}

// 1, 2, 5: check cost, raise, timer: the C program prints its own records.
async function simpleBenches() {
  for (const b of builds) {
    if (!have(b)) {
      for (const m of ['check', 'raise', 'timer'])
        if (b.name !== 'wasi-pure' || m === 'check') na(`${m}.${b.name}`, `not built: ${b.path}`);
      continue;
    }
    const modes = b.name === 'wasi-pure' ? ['check'] : ['check', 'raise', 'timer'];
    for (const m of modes) {
      if (!want(m)) continue;
      const st = await runSimple(b, [m]);
      if (st !== 0) na(`${m}.${b.name}`, `program failed (status ${st})`);
    }
  }
  if (want('timer')) await setTimeoutChain();
}

// The JS baseline of the timer: a setTimeout chain on an idle thread (on a
// busy one it would never fire at all).
async function setTimeoutChain() {
  const iv = 10, periods = 200;
  const start = performance.now();
  const ticks = [];
  await new Promise((done) => {
    const step = () => {
      ticks.push(performance.now());
      if (ticks.length >= periods) return done();
      setTimeout(step, iv);
    };
    setTimeout(step, iv);
  });
  const late = [];
  for (let k = 0; k < ticks.length; k++) {
    const due = k === 0 ? start + iv : ticks[k - 1] + iv; // what was asked
    late.push(ticks[k] - due);
  }
  late.sort((a, b) => a - b);
  const drift = ticks[ticks.length - 1] - (start + periods * iv);
  record({
    id: 'timer.settimeout', unit: 'ms', p50: quantile(late, 0.5), p99: quantile(late, 0.99),
    drift, fired: ticks.length, periods, interval: iv,
    series: ticks.map((t, k) => Math.round((t - start - (k + 1) * iv) * 1000) / 1000),
    note: 'setTimeout chain (idle thread); lateness vs the requested delay, series vs the absolute schedule',
  });
}

// ---- 3: interrupt latency in a busy loop, in rounds ---------------------------------
const PY_ROUNDS = `
import signal, bench
n = 0
def h(s, f):
    global n
    bench.ack()
    n += 1
signal.signal(signal.SIGINT, h)
bench.mark(0)
x = 0
while True:
    goal = bench.round()
    if goal <= 0:
        break
    n = 0
    while n < goal:
        x += 1
bench.mark(1)
`;

/** The contenders of the busy-loop latency: [id, how to start it]. */
function busyContenders() {
  return [
    { id: 'latency.sab', build: 'emscripten', mode: 'sab', args: ['rounds'], note: 'sigemu SAB mode, Emscripten' },
    { id: 'latency.wasi-sab', build: 'wasi', mode: 'sab', args: ['rounds'], note: 'sigemu SAB mode, WASI with the JS imports' },
    { id: 'latency.message', build: 'emscripten', mode: 'message', args: ['rounds'], note: 'sigemu message mode (no SAB)' },
    { id: 'latency.shared', build: 'emscripten-pthread', mode: 'shared', args: ['rounds'], note: 'sigemu shared-memory mode, Emscripten -pthread' },
    { id: 'latency.pyodide', pyodide: true, note: 'Pyodide interrupt buffer, Python busy loop' },
    { id: 'floor.poll', build: 'emscripten', mode: 'peek', args: ['bare-poll'], note: 'no sigemu: the work loop reads a SAB word through one host call per SIGEMU_POLL_INTERVAL_NS' },
    { id: 'floor.spin', build: 'emscripten-pthread', mode: 'word', args: ['bare-spin'], note: 'no sigemu: a loop watching a plain int in shared linear memory' },
    { id: 'floor.spinwork', build: 'emscripten-pthread', mode: 'word', args: ['bare-spinwork'], note: 'no sigemu: the same with the ~100 ns of work between two looks' },
  ];
}

/** Start one contender; resolves to { wk, kill, pending } or { na }. */
async function startBusy(c) {
  if (c.pyodide) {
    if (!pyodideDir || !existsSync(`${pyodideDir}/pyodide.mjs`))
      return { na: 'pyodide not installed (npm install pyodide into build/bench/pyodide)' };
    const ib = new Int32Array(new SharedArrayBuffer(4));
    const wk = startWorker({ runner: 'pyodide', pyodideDir, script: PY_ROUNDS, handle: { kind: 'buffer', sab: ib.buffer } });
    if (!(await wk.mark(0, 120000))) { await wk.w.terminate(); return { na: 'pyodide did not start' }; }
    return { wk, kill: () => Atomics.store(ib, 0, SIGINT), pending: () => Atomics.load(ib, 0) !== 0 };
  }
  const b = build(c.build);
  if (!have(b)) return { na: `not built: ${b.path}` };
  const SC = await SignalController();
  let ctl = null, transfer = [], handle = null;
  if (c.mode === 'sab' || c.mode === 'message') {
    ctl = SC.create({ mode: c.mode });
    handle = ctl.handle;
    transfer = ctl.transfer;
  }
  const wk = startWorker({ runner: b.runner, path: b.path, args: c.args, handle }, transfer);
  if (!(await wk.mark(0, 60000))) { await wk.w.terminate(); return { na: 'module did not start' }; }
  if (c.mode === 'shared') {
    const h = await Promise.race([wk.handle, after(5000, null)]);
    if (!h || h.kind !== 'shared') {
      await wk.w.terminate();
      return { na: `the module offered no shared-memory handle (got ${h?.kind ?? 'none'})` };
    }
    ctl = SC.from(h);
  }
  if (c.mode === 'word') {
    const m = await Promise.race([wk.word, after(5000, null)]);
    if (!m) { await wk.w.terminate(); return { na: 'the module named no word' }; }
    const v = new Int32Array(m.memory instanceof WebAssembly.Memory ? m.memory.buffer : m.memory);
    const i = m.word >> 2;
    return { wk, kill: () => Atomics.add(v, i, 1), pending: null };
  }
  if (c.mode === 'peek') {
    return { wk, kill: () => Atomics.store(wk.ack, CTL.PEEK, 1), pending: () => Atomics.load(wk.ack, CTL.PEEK) !== 0 };
  }
  const pending = ctl.mode === 'message' ? null : () => ctl.undelivered !== 0n;
  return { wk, kill: () => ctl.kill(SIGINT), pending };
}

/** One block of n trials of contender c (started and idle); the tally t. */
async function block(c, t, n, gap) {
  if (!(await c.wk.startBlock(n))) { t.broken = 'the program did not start a block'; return false; }
  spinUs(1000); // in its loop, warm
  const acks0 = c.wk.acks();
  const m0 = machineSample();
  for (let i = 0; i < n; i++) {
    gapUs(gap[0] + Math.random() * (gap[1] - gap[0]));
    addTrial(t, trial(c), keepBusy);
  }
  // A lost one leaves the loop short of its goal: send more (untimed)
  // until it has had all its acks, then wait for it to be back waiting.
  for (let extra = 0; c.wk.acks() - acks0 < n; extra++) {
    if (extra >= 50 || c.wk.finished) { t.broken = 'the program did not finish a block'; return false; }
    t.sent++;
    trial(c);
  }
  if (!(await c.wk.until(() => !c.wk.busy(), HARD_MS))) {
    t.broken = 'the program did not go back to waiting after a block';
    return false;
  }
  const m1 = machineSample();
  t.acked += c.wk.acks() - acks0;
  const share = otherShare(m0, m1);
  t.blocks++;
  if (Number.isFinite(share)) {
    t.shares.push(share);
    if (share > BUSY_SHARE) t.busyBlocks++;
  }
  return true;
}

async function interruptLatency() {
  const list = busyContenders().filter((c) => !IDS.length || IDS.includes(c.id));
  const live = [];
  for (const c of list) {
    const s = await startBusy(c);
    if (s.na) { na(c.id, s.na); continue; }
    Object.assign(c, s);
    c.wk.attachStats();
    c.t = tally(c.id, { note: c.note });
    c.t.keepRule = 'no wait for a CPU by the sending or the receiving thread during the trial';
    live.push(c);
  }
  const gap = [20, 120];
  // A warm-up block each (V8 tiers the wasm loops up; Pyodide warms its
  // caches), not counted.
  for (const c of live) {
    const warm = tally(c.id);
    await block(c, warm, 50, gap);
    if (warm.broken) c.t.broken = warm.broken;
  }
  const per = Math.ceil(TRIALS / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < live.length; k++) {
      const c = live[(r + k) % live.length];
      if (c.t.broken) continue;
      await block(c, c.t, per, gap);
    }
  }
  for (const c of live) {
    await c.wk.stop();
    emit(c.t);
  }
  record({ id: 'latency.interval', poll_interval_ns: pollIntervalNs() });
}

/** SIGEMU_POLL_INTERVAL_NS as the header says. */
function pollIntervalNs() {
  try {
    const m = /define SIGEMU_POLL_INTERVAL_NS (\d+)/.exec(readFileSync(`${root}/include/sigemu.h`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch { return null; }
}

// Pyodide's time.sleep(1) under an interrupt, and its CPU while sleeping
// (the peers of 4).
async function pyodideSleep() {
  const ids = ['wake.pyodide-sleep', 'idlecpu.pyodide'];
  if (!pyodideDir || !existsSync(`${pyodideDir}/pyodide.mjs`)) {
    for (const id of ids) na(id, 'pyodide not installed (npm install pyodide into build/bench/pyodide)');
    return;
  }
  const sab = new SharedArrayBuffer(4);
  const ib = new Int32Array(sab);
  // time.sleep(1) three times, each interrupted 100 ms in (marks 4..6 say
  // "about to sleep"); then one undisturbed sleep(1) between marks 7 and 8
  // (marks only ever grow: the driver waits for "at least k").
  const sleeper = `
import signal, time, bench
def h(s, f):
    bench.ack()
signal.signal(signal.SIGINT, h)
bench.mark(0)
for i in range(3):
    bench.mark(4 + i)
    time.sleep(1)
    for _ in range(1000):
        pass
bench.mark(7)
time.sleep(1)
bench.mark(8)
`;
  const wk = startWorker({ runner: 'pyodide', pyodideDir, script: sleeper, handle: { kind: 'buffer', sab } });
  if (!(await wk.mark(0, 120000))) { na(ids[0], 'pyodide did not start'); na(ids[1], 'pyodide did not start'); }
  else {
    const lat = [];
    for (let i = 0; i < 3; i++) {
      await wk.mark(4 + i, 10000);
      const before = wk.acks();
      await sleep(100);
      const t0 = performance.now();
      Atomics.store(ib, 0, SIGINT);
      while (wk.acks() === before && performance.now() - t0 < 3000) await sleep(0);
      lat.push((performance.now() - t0) * 1000);
    }
    lat.sort((a, b) => a - b);
    record({ id: ids[0], unit: 'us', p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), n: lat.length, samples: lat,
      note: 'time.sleep(1) interrupted 100 ms in: the handler runs when the sleep ends' });
    if (!(await wk.mark(8, 10000))) na(ids[1], 'pyodide did not finish its sleep');
    else record({ id: ids[1], unit: 'ms', ours: wk.cpu(8) - wk.cpu(7), wall: wk.wall(8) - wk.wall(7),
      note: 'process CPU during time.sleep(1) in a worker' });
  }
  await Promise.race([wk.done, after(5000)]);
  await wk.w.terminate();
}

// ---- 4: wake latency, trial by trial, and CPU per second waited --------------------
async function waits() {
  const b = build('emscripten');
  const SC = await SignalController();
  const n = TRIALS;
  const live = [];
  {
    const sab = new SharedArrayBuffer(32);
    const v = new Int32Array(sab);
    const wk = startWorker({ runner: 'atomics', args: [n], handle: { sab } });
    if (await wk.mark(0, 30000)) {
      live.push({ id: 'wake.atomics', wk, kill: () => { Atomics.add(v, 2, 1); Atomics.notify(v, 2); },
        blocked: () => Atomics.load(v, 6) === 1, pending: null, note: 'bare Atomics.wait woken by Atomics.notify' });
    } else { na('wake.atomics', 'worker did not start'); await wk.w.terminate(); }
  }
  for (const [mode, id] of [['sigwait', 'wake.sigwait'], ['sleep', 'wake.sleep']]) {
    if (!have(b)) { na(id, `not built: ${b.path}`); continue; }
    const ctl = SC.create({ mode: 'sab' });
    const wk = startWorker({ runner: b.runner, path: b.path, args: [mode, String(n)], handle: ctl.handle });
    if (!(await wk.mark(0, 60000))) { na(id, 'module did not start'); await wk.w.terminate(); continue; }
    live.push({ id, wk, kill: () => ctl.kill(SIGUSR1), blocked: () => ctl.blocked,
      pending: () => ctl.undelivered !== 0n, note: `sigemu_${mode} in a worker (Emscripten, SAB mode)` });
  }
  for (const c of live) {
    c.wk.attachStats();
    c.t = tally(c.id, { note: c.note });
    c.t.keepRule = `no wait for a CPU by the sending thread, at most ${WAKE_RQ_US} µs by the woken one`;
    c.acks0 = c.wk.acks();
  }
  // Trial by trial: A, B, C, then the next order, so that each contender
  // meets the same moments of load.
  const orders = [[0, 1, 2], [1, 2, 0], [2, 0, 1], [0, 2, 1], [2, 1, 0], [1, 0, 2]];
  let m0 = machineSample();
  for (let i = 0; i < n; i++) {
    const ord = orders[i % orders.length];
    for (const k of ord) {
      const c = live[k];
      if (!c || c.t.broken) continue;
      const end = performance.now() + 2000;
      while (!c.blocked() && performance.now() < end) gapUs(20);
      gapUs(20 + Math.random() * 30); // let it settle into the wait
      addTrial(c.t, trial(c), keepWake);
    }
    if ((i + 1) % Math.ceil(n / ROUNDS) === 0) {
      const m1 = machineSample();
      const share = otherShare(m0, m1);
      for (const c of live) {
        c.t.blocks++;
        if (Number.isFinite(share)) { c.t.shares.push(share); if (share > BUSY_SHARE) c.t.busyBlocks++; }
      }
      m0 = m1;
    }
  }
  for (const c of live) {
    // A lost wake leaves the worker one wait short: wake it until it ends.
    for (let extra = 0; c.wk.acks() - c.acks0 < n && extra < 50; extra++) {
      c.t.sent++;
      trial(c);
    }
    await c.wk.mark(1, HARD_MS);
    c.t.acked = c.wk.acks() - c.acks0;
    await Promise.race([c.wk.done, after(5000)]);
    await c.wk.w.terminate();
    emit(c.t);
  }
  await idleCpu(SC);
}

// CPU per second waited: sigemu_sleep(1.0) in a worker (Emscripten, WASI)
// and the floor, a bare Atomics.wait of 1 s, in three interleaved rounds;
// the median of each (ms of process CPU per second of wall time).
async function idleCpu(SC) {
  const kinds = [
    { id: 'idlecpu.atomics', data: () => ({ runner: 'idle' }), note: 'process CPU during a bare Atomics.wait of 1 s in a worker (main thread idle)' },
    ...['emscripten', 'wasi'].map((bn) => ({
      id: `idlecpu.${bn}`, b: build(bn),
      data: () => ({ runner: build(bn).runner, path: build(bn).path, args: ['idle'], handle: SC.create({ mode: 'sab' }).handle }),
      note: 'process CPU during sigemu_sleep(1.0) in a worker (main thread idle)',
    })),
  ];
  const per = new Map(kinds.map((k) => [k.id, []]));
  for (let round = 0; round < 3; round++) {
    for (const k of kinds) {
      if (k.b && !have(k.b)) continue;
      const wk = startWorker(k.data());
      if (await wk.mark(1, 60000)) per.get(k.id).push({ cpu: wk.cpu(1) - wk.cpu(0), wall: wk.wall(1) - wk.wall(0) });
      await Promise.race([wk.done, after(5000)]);
      await wk.w.terminate();
    }
  }
  for (const k of kinds) {
    const v = per.get(k.id);
    if (!v.length) { na(k.id, k.b && !have(k.b) ? `not built: ${k.b.path}` : 'the worker did not finish its wait'); continue; }
    const perSec = v.map((x) => x.cpu * 1000 / (x.wall || 1000));
    record({ id: k.id, unit: 'ms', ours: median(perSec), runs: perSec.map((x) => Math.round(x * 100) / 100), note: k.note });
  }
}

// 7 in wasm: four sender workers, each with its own SignalController on the
// module's SAB block, cycling through four kinds while the module computes.
async function sustained() {
  const b = build('emscripten');
  const id = 'sustained.emscripten';
  if (!have(b)) { na(id, `not built: ${b.path}`); return; }
  const SC = await SignalController();
  const ctl = SC.create({ mode: 'sab' });
  const wk = startWorker({ runner: b.runner, path: b.path, args: ['count', '1000'], handle: ctl.handle });
  if (!(await wk.mark(0, 60000))) { na(id, 'module did not start'); await wk.w.terminate(); return; }
  const senders = [];
  const sentSab = new SharedArrayBuffer(CTL_BYTES);
  for (let i = 0; i < 4; i++) {
    const w = new Worker(`${here}/bench-worker.mjs`, {
      workerData: { runner: 'sender', handle: ctl.handle, args: [1, 10, 15, 28], offset: i, ack: sentSab, watch: wk.ack.buffer },
    });
    senders.push(new Promise((r) => { w.on('exit', r); w.on('error', r); }));
  }
  await wk.mark(1, 60000);
  await Promise.all(senders);
  await Promise.race([wk.done, after(5000)]);
  await wk.w.terminate();
  record({ id: 'sustained.emscripten.sent', sent: Atomics.load(new Int32Array(sentSab), CTL.ACKS) });
}

record({ id: 'machine.stats', schedstat: driverWait.ok, pinned: PINNED, ncpu: NCPU, clk_tck: CLK_TCK, trials: TRIALS, rounds: ROUNDS });
if (!existsSync(`${root}/js/src/host.js`)) {
  // Every row this driver makes, so that the table says why it is empty.
  const why = 'the JS package (js/src/host.js) is not there yet';
  for (const b of ['emscripten', 'emscripten-pthread', 'wasi', 'wasi-pure'])
    for (const m of b === 'wasi-pure' ? ['check'] : ['check', 'raise', 'timer']) na(`${m}.${b}`, why);
  for (const c of busyContenders()) na(c.id, why);
  for (const id of ['wake.sigwait', 'wake.sleep', 'wake.atomics', 'idlecpu.emscripten', 'idlecpu.wasi', 'sustained.emscripten'])
    na(id, why);
} else {
  if (want('check') || want('raise') || want('timer')) await simpleBenches();
  if (want('latency')) await interruptLatency();
  if (want('wait')) await waits();
  if (want('pyodide')) await pyodideSleep();
  if (want('sustained')) await sustained();
}
