// wasm.mjs — the WebAssembly benchmarks, driven from Node's main thread:
// idle check cost, raise -> handler and ITIMER_REAL accuracy for every wasm
// build; interrupt latency (SAB, shared-memory and message modes) next to
// Pyodide's interrupt buffer; wake latency of sigwait and sleep next to a
// bare Atomics.wait and to Pyodide's time.sleep; CPU burnt per second of
// waiting. Prints "@@ {json}" records (bench/bench_util.h) for
// bench/report.mjs; a build that is missing gives a record with "na": why.
//
// Usage: node bench/wasm.mjs [--trials N] [--only name,...]
//   env BENCH_EM, BENCH_EM_PTHREAD, BENCH_WASI: build dirs (bench/run.sh);
//   BENCH_PYODIDE: the folder holding pyodide.mjs (else the peer is n/a).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const TRIALS = Number(opt('--trials', 1000));
const ONLY = opt('--only', '').split(',').filter(Boolean);
const want = (name) => ONLY.length === 0 || ONLY.includes(name);

const emDir = process.env.BENCH_EM ?? `${root}/build/emscripten/bench`;
const emPtDir = process.env.BENCH_EM_PTHREAD ?? `${root}/build/emscripten-pthread/bench`;
const wasiDir = process.env.BENCH_WASI ?? `${root}/build/wasi/bench`;
const pyodideDir = process.env.BENCH_PYODIDE ?? '';

const SIGINT = 2, SIGUSR1 = 10;

function record(obj) { console.log('@@ ' + JSON.stringify(obj)); }
function na(id, why) { record({ id, na: why }); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// A deadline for a race: unref'd, so that it never keeps Node alive itself.
const after = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms).unref());
function spinUs(us) {
  const end = performance.now() + us / 1000;
  while (performance.now() < end);
}
function quantile(v, q) {
  if (!v.length) return NaN;
  const c = [...v].sort((a, b) => a - b);
  return c[Math.min(c.length - 1, Math.round(q * (c.length - 1)))];
}
const median = (v) => quantile(v, 0.5);

let controllerMod = null;
async function SignalController() {
  controllerMod ??= await import('../js/src/controller.js');
  return controllerMod.SignalController;
}

/** Start a worker; returns helpers around its shared ack block. */
function startWorker(data, transfer = []) {
  const ackSab = new SharedArrayBuffer(256);
  const ack = new Int32Array(ackSab);
  const f64 = new Float64Array(ackSab);
  const w = new Worker(`${here}/bench-worker.mjs`, {
    workerData: { ...data, ack: ackSab }, transferList: transfer,
  });
  let handleResolve;
  let finished = false; // the program ended: a mark that has not come never will
  const handle = new Promise((r) => { handleResolve = r; });
  const done = new Promise((resolvePromise) => {
    const end = (st) => { finished = true; resolvePromise(st); };
    w.on('message', (m) => {
      if (m.handle) handleResolve(m.handle);
      if ('status' in m) end(m.status);
    });
    w.on('error', (e) => { console.error('worker error:', e); end(98); });
    w.on('exit', (c) => end(c === 0 ? 0 : 97));
  });
  async function mark(k, timeoutMs = 60000) {
    const end = Date.now() + timeoutMs;
    while (Atomics.load(ack, 1) < k + 1) {
      if (Date.now() > end || finished) return Atomics.load(ack, 1) >= k + 1;
      const cur = Atomics.load(ack, 1);
      const slice = Math.min(200, Math.max(1, end - Date.now()));
      const r = Atomics.waitAsync(ack, 1, cur, slice);
      // A pending waitAsync does not keep Node's event loop alive; a timer does.
      if (r.async) await Promise.race([r.value, sleep(slice)]);
    }
    return true;
  }
  const cpu = (k) => f64[2 + 2 * k];
  const wall = (k) => f64[3 + 2 * k];
  return { w, ack, handle, done, mark, cpu, wall };
}

/** Send one signal per trial and time the ack, from this thread. */
function trials(wk, kill, n, { blocked = null, gapUs = [50, 400], timeoutMs = 2000 } = {}) {
  const lat = [];
  let lost = 0;
  for (let i = 0; i < n; i++) {
    if (blocked) {
      const end = performance.now() + timeoutMs;
      while (!blocked() && performance.now() < end);
      spinUs(20); // let it settle into the wait
    } else {
      spinUs(gapUs[0] + Math.random() * (gapUs[1] - gapUs[0]));
    }
    const before = Atomics.load(wk.ack, 0);
    const t0 = performance.now();
    kill();
    let t1;
    for (;;) {
      t1 = performance.now();
      if (Atomics.load(wk.ack, 0) !== before) break;
      if (t1 - t0 > timeoutMs) { lost++; break; }
    }
    if (Atomics.load(wk.ack, 0) !== before) lat.push((t1 - t0) * 1000); // µs
    if (lost > 5) break;
  }
  return { lat, lost };
}

function latencyRecord(id, r, extra = {}) {
  const { lat, lost } = r;
  record({
    id, unit: 'us', p50: median(lat), p99: quantile(lat, 0.99), max: Math.max(...lat),
    n: lat.length, lost, samples: lat.map((x) => Math.round(x * 100) / 100), ...extra,
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
  const drift = ticks[ticks.length - 1] - (start + periods * iv);
  record({
    id: 'timer.settimeout', unit: 'ms', p50: median(late), p99: quantile(late, 0.99),
    drift, fired: ticks.length, periods, interval: iv,
    series: ticks.map((t, k) => Math.round((t - start - (k + 1) * iv) * 1000) / 1000),
    note: 'setTimeout chain (idle thread); lateness vs the requested delay, series vs the absolute schedule',
  });
}

// 3: interrupt latency in a busy loop, per delivery mode.
async function interruptLatency() {
  const modes = [
    { id: 'latency.sab', build: 'emscripten', mode: 'sab' },
    { id: 'latency.shared', build: 'emscripten-pthread', mode: 'shared' },
    { id: 'latency.message', build: 'emscripten', mode: 'message' },
    { id: 'latency.wasi-sab', build: 'wasi', mode: 'sab' },
  ];
  for (const m of modes) {
    const b = build(m.build);
    if (!have(b)) { na(m.id, `not built: ${b.path}`); continue; }
    const SC = await SignalController();
    let ctl = null, transfer = [], handle = null;
    if (m.mode !== 'shared') {
      ctl = SC.create({ mode: m.mode });
      handle = ctl.handle;
      transfer = ctl.transfer;
    }
    const wk = startWorker({ runner: b.runner, path: b.path, args: ['busy', String(TRIALS)], handle }, transfer);
    if (!(await wk.mark(0, 30000))) { na(m.id, 'module did not start'); await wk.w.terminate(); continue; }
    if (m.mode === 'shared') {
      const h = await Promise.race([wk.handle, after(5000, null)]);
      if (!h || h.kind !== 'shared') {
        na(m.id, `the module offered no shared-memory handle (got ${h?.kind ?? 'none'})`);
        await wk.w.terminate();
        continue;
      }
      ctl = SC.from(h);
    }
    await sleep(50);
    const r = trials(wk, () => ctl.kill(SIGINT), TRIALS);
    latencyRecord(m.id, r, { mode: m.mode, build: m.build });
    const st = await Promise.race([wk.done, after(5000, 'timeout')]);
    if (st !== 0) console.error(`${m.id}: worker ended with ${st}`);
    await wk.w.terminate();
  }
}

// Pyodide's interrupt buffer on a Python busy loop (the peer of 3), its
// time.sleep(1) under an interrupt, and its CPU while sleeping (peer of 4).
async function pyodidePeer() {
  const ids = ['latency.pyodide', 'wake.pyodide-sleep', 'idlecpu.pyodide'];
  if (!pyodideDir || !existsSync(`${pyodideDir}/pyodide.mjs`)) {
    for (const id of ids) na(id, 'pyodide not installed (npm install pyodide into build/bench/pyodide)');
    return;
  }
  const sab = new SharedArrayBuffer(4);
  const ib = new Int32Array(sab);
  const busy = `
import signal, bench
n = 0
def h(s, f):
    global n
    bench.ack()
    n += 1
signal.signal(signal.SIGINT, h)
bench.mark(0)
x = 0
while n < ${TRIALS}:
    x += 1
bench.mark(1)
`;
  let wk = startWorker({ runner: 'pyodide', pyodideDir, script: busy, handle: { kind: 'buffer', sab } });
  if (!(await wk.mark(0, 60000))) { na(ids[0], 'pyodide did not start'); }
  else {
    await sleep(50);
    const r = trials(wk, () => { Atomics.store(ib, 0, SIGINT); }, TRIALS);
    latencyRecord(ids[0], r, { mode: 'interrupt buffer' });
  }
  await Promise.race([wk.done, after(5000)]);
  await wk.w.terminate();

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
  Atomics.store(ib, 0, 0);
  wk = startWorker({ runner: 'pyodide', pyodideDir, script: sleeper, handle: { kind: 'buffer', sab } });
  if (!(await wk.mark(0, 60000))) { na(ids[1], 'pyodide did not start'); na(ids[2], 'pyodide did not start'); }
  else {
    const lat = [];
    for (let i = 0; i < 3; i++) {
      await wk.mark(4 + i, 10000);
      const before = Atomics.load(wk.ack, 0);
      await sleep(100);
      const t0 = performance.now();
      Atomics.store(ib, 0, SIGINT);
      while (Atomics.load(wk.ack, 0) === before && performance.now() - t0 < 3000) await sleep(0);
      lat.push((performance.now() - t0) * 1000);
    }
    record({ id: ids[1], unit: 'us', p50: median(lat), p99: quantile(lat, 0.99), n: lat.length, samples: lat,
      note: 'time.sleep(1) interrupted 100 ms in: the handler runs when the sleep ends' });
    if (!(await wk.mark(8, 10000))) na(ids[2], 'pyodide did not finish its sleep');
    else record({ id: ids[2], unit: 'ms', ours: wk.cpu(8) - wk.cpu(7), wall: wk.wall(8) - wk.wall(7),
      note: 'process CPU during time.sleep(1) in a worker' });
  }
  await Promise.race([wk.done, after(5000)]);
  await wk.w.terminate();
}

// 4: wake latency of sigwait and sleep (a worker asleep, woken by kill), the
// bare Atomics.wait floor, and CPU burnt during a 1 s sleep.
async function waits() {
  const b = build('emscripten');
  const SC = await SignalController();
  // The floor.
  {
    const ctl = { sab: new SharedArrayBuffer(32) };
    const v = new Int32Array(ctl.sab);
    const wk = startWorker({ runner: 'atomics', args: [Math.min(TRIALS, 500)], handle: { sab: ctl.sab } });
    await wk.mark(0);
    const r = trials(wk, () => { Atomics.add(v, 2, 1); Atomics.notify(v, 2); }, Math.min(TRIALS, 500),
      { blocked: () => Atomics.load(v, 6) === 1 });
    latencyRecord('wake.atomics', r, { note: 'bare Atomics.wait woken by Atomics.notify' });
    await Promise.race([wk.done, after(5000)]);
    await wk.w.terminate();
  }
  for (const [mode, id] of [['sigwait', 'wake.sigwait'], ['sleep', 'wake.sleep']]) {
    if (!have(b)) { na(id, `not built: ${b.path}`); continue; }
    const n = Math.min(TRIALS, 500);
    const ctl = SC.create({ mode: 'sab' });
    const wk = startWorker({ runner: b.runner, path: b.path, args: [mode, String(n)], handle: ctl.handle });
    if (!(await wk.mark(0, 30000))) { na(id, 'module did not start'); await wk.w.terminate(); continue; }
    const r = trials(wk, () => ctl.kill(SIGUSR1), n, { blocked: () => ctl.blocked });
    latencyRecord(id, r, { build: b.name });
    const st = await Promise.race([wk.done, after(5000, 'timeout')]);
    if (st !== 0) console.error(`${id}: worker ended with ${st}`);
    await wk.w.terminate();
  }
  // CPU per second waited.
  for (const bn of ['emscripten', 'wasi']) {
    const bb = build(bn);
    const id = `idlecpu.${bn}`;
    if (!have(bb)) { na(id, `not built: ${bb.path}`); continue; }
    const ctl = SC.create({ mode: 'sab' });
    const wk = startWorker({ runner: bb.runner, path: bb.path, args: ['idle'], handle: ctl.handle });
    if (!(await wk.mark(1, 30000))) { na(id, 'module did not finish'); await wk.w.terminate(); continue; }
    record({ id, unit: 'ms', ours: wk.cpu(1) - wk.cpu(0), wall: wk.wall(1) - wk.wall(0),
      note: 'process CPU during sigemu_sleep(1.0) in a worker (main thread idle)' });
    await Promise.race([wk.done, after(5000)]);
    await wk.w.terminate();
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
  if (!(await wk.mark(0, 30000))) { na(id, 'module did not start'); await wk.w.terminate(); return; }
  const senders = [];
  const sentSab = new SharedArrayBuffer(8);
  for (let i = 0; i < 4; i++) {
    const w = new Worker(`${here}/bench-worker.mjs`, {
      workerData: { runner: 'sender', handle: ctl.handle, args: [1, 10, 15, 28], offset: i, ack: sentSab, watch: wk.ack.buffer },
    });
    senders.push(new Promise((r) => { w.on('exit', r); w.on('error', r); }));
  }
  await wk.mark(1, 30000);
  await Promise.all(senders);
  await Promise.race([wk.done, after(5000)]);
  await wk.w.terminate();
  record({ id: 'sustained.emscripten.sent', sent: Atomics.load(new Int32Array(sentSab), 0) });
}

if (!existsSync(`${root}/js/src/host.js`)) {
  // Every row this driver makes, so that the table says why it is empty.
  const why = 'the JS package (js/src/host.js) is not there yet';
  for (const b of ['emscripten', 'emscripten-pthread', 'wasi', 'wasi-pure'])
    for (const m of b === 'wasi-pure' ? ['check'] : ['check', 'raise', 'timer']) na(`${m}.${b}`, why);
  for (const id of ['latency.sab', 'latency.shared', 'latency.message', 'latency.wasi-sab',
    'wake.sigwait', 'wake.sleep', 'idlecpu.emscripten', 'idlecpu.wasi', 'sustained.emscripten'])
    na(id, why);
} else {
  // The peer right after the figures it is the peer of, so that both meet
  // the same load; then the rest.
  if (want('check') || want('raise') || want('timer')) await simpleBenches();
  if (want('latency')) await interruptLatency();
  if (want('pyodide')) await pyodidePeer();
  if (want('wait')) await waits();
  if (want('sustained')) await sustained();
}
