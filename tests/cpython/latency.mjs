#!/usr/bin/env node
// tests/cpython/latency.mjs — interrupt latency of CPython on wasm: SIGINT
// sent by the host -> KeyboardInterrupt caught in a busy Python loop, next
// to Pyodide's interrupt buffer measured in the same run.
//
//   node tests/cpython/latency.mjs [--trials N] [--out DIR] [--pyodide DIR] [BUILD_DIR...]
//
// BUILD_DIRs are products of python/build.sh (default: the ones under
// build/cpython/ among emscripten-sigemu, wasi-sigemu, emscripten-stock);
// --pyodide is the folder holding pyodide.mjs (default $BENCH_PYODIDE, else
// build/bench/pyodide/node_modules/pyodide). Writes DIR/latency.json and
// DIR/latency.md (default build/cpython/latency) and prints the table.
//
// How: tests/cpython/latency.py runs in a worker and catches
// KeyboardInterrupts in `while True: pass`, noting each on its monotonic
// clock; this thread sends SIGINT N times, each after the module has taken
// the one before (the control block's bit, or the buffer back at 0) and a
// pause of 3-10 ms. A catch answers every send before it not yet
// answered, and its latency counts from the oldest of them; the others
// are "merged" (sent again before the first had raised: one
// KeyboardInterrupt for two SIGINTs, as with a real kernel). Latency = catch time - send time on
// one clock: the
// wasm builds' CLOCK_MONOTONIC is the process's hrtime (node:wasi, and
// Emscripten 3.1.6 in Node), the same as process.hrtime here; Pyodide's
// clock is its worker's performance.now(), so its script notes
// performance.timeOrigin + performance.now(), as this thread does.
// Channels: sigemu builds, sigemu's SignalController; Emscripten stock,
// CPython's own hook (Module.Py_EmscriptenSignalBuffer, checked every 50th
// eval-breaker check) fed the Pyodide way; Pyodide, setInterruptBuffer.
// Each runner is measured in a child process (Emscripten closes fds 0-2
// when the interpreter exits).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const script = join(here, 'latency.py');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SIGINT = 2;

function parseArgs(argv) {
  const o = { trials: Number(process.env.CPY_LATENCY_TRIALS ?? 300), out: join(root, 'build/cpython/latency'),
    pyodide: process.env.BENCH_PYODIDE || join(root, 'build/bench/pyodide/node_modules/pyodide'),
    builds: [], child: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--trials') o.trials = Number(argv[++i]);
    else if (argv[i] === '--out') o.out = resolve(argv[++i]);
    else if (argv[i] === '--pyodide') o.pyodide = argv[++i] ? resolve(argv[i]) : '';
    else if (argv[i] === '--child') { o.child = JSON.parse(argv[++i]); }
    else o.builds.push(resolve(argv[i]));
  }
  if (!o.builds.length) {
    o.builds = ['emscripten-sigemu', 'wasi-sigemu', 'emscripten-stock']
      .map((b) => join(root, 'build/cpython', b));
  }
  return o;
}

// ---- the worker that runs Pyodide (CPython builds use behaviour-worker.mjs)
async function pyodideWorker({ dir, sab, stopSab }) {
  const { loadPyodide } = await import(pathToFileURL(join(dir, 'pyodide.mjs')).href);
  const py = await loadPyodide({ indexURL: dir + '/' });
  py.setInterruptBuffer(new Int32Array(sab));
  py.FS.mkdirTree('/sigemu');
  py.FS.writeFile('/sigemu/latency.py', readFileSync(script, 'utf8'));
  py.runPython("import sys; sys.path.insert(0, '/sigemu')");
  const run = py.pyimport('latency').run;
  const stop = new Int32Array(stopSab);
  const times = run(() => performance.timeOrigin + performance.now(),
    () => parentPort.postMessage({ ready: true }), () => Atomics.load(stop, 0) !== 0);
  parentPort.postMessage({ times: times.toJs() });
}

// ---- one runner, in a child process: { kind: 'cpython'|'pyodide', dir }
async function measure({ kind, dir, trials }) {
  const tmp = mkdtempSync(join(tmpdir(), 'sigemu-latency-'));
  const outPath = join(tmp, 'times.json');
  const readyPath = join(tmp, 'ready');
  const stopPath = join(tmp, 'stop');
  let stop;
  let worker;
  let send;
  let taken;
  let hostNow;
  let channel;
  let ready = false;
  let times = null;
  if (kind === 'pyodide') {
    const sab = new SharedArrayBuffer(4);
    const ib = new Int32Array(sab);
    const stopSab = new SharedArrayBuffer(4);
    stop = () => Atomics.store(new Int32Array(stopSab), 0, 1);
    worker = new Worker(fileURLToPath(import.meta.url), { workerData: { pyodide: { dir, sab, stopSab } } });
    send = () => Atomics.store(ib, 0, SIGINT);
    taken = () => Atomics.load(ib, 0) === 0;
    hostNow = () => performance.timeOrigin + performance.now();
    channel = 'Pyodide interrupt buffer (setInterruptBuffer)';
  } else {
    const { describe } = await import('../../python/python.mjs');
    const info = describe(dir);
    const data = { dir: info.builddir, args: [script, outPath, readyPath, stopPath] };
    stop = () => writeFileSync(stopPath, '');
    let transferList = [];
    if (info.flavour.startsWith('sigemu')) {
      if (info.flavour === 'sigemu-pure') return { na: 'pure WASI: no channel into the module from this host' };
      const { SignalController } = await import('../../js/src/controller.js');
      const ctl = SignalController.create({ mode: 'sab' });
      data.handle = ctl.handle;
      transferList = ctl.transfer;
      send = () => ctl.kill(SIGINT);
      taken = () => ctl.undelivered === 0n;
      channel = 'sigemu SignalController (SharedArrayBuffer)';
    } else if (info.target.startsWith('emscripten')) {
      const buf = new Int32Array(new SharedArrayBuffer(4));
      data.pyodideBuffer = buf;
      send = () => Atomics.store(buf, 0, SIGINT);
      taken = () => Atomics.load(buf, 0) === 0;
      channel = "CPython's own Emscripten hook, fed like Pyodide's interrupt buffer";
    } else {
      return { na: 'stock WASI: nothing outside the module can send it a signal' };
    }
    hostNow = () => Number(process.hrtime.bigint()) / 1e6;
    worker = new Worker(join(here, 'behaviour-worker.mjs'), { workerData: data, transferList, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
  }
  let status = null;
  const errors = [];
  const done = new Promise((res) => {
    worker.on('message', (m) => {
      if (m.ready) ready = true;
      else if (m.times) { times = m.times; res(0); }
      else if (m.status !== undefined) res(m.status);
    });
    worker.on('error', (e) => { errors.push(String(e?.stack ?? e)); res('worker error'); });
    worker.on('exit', (code) => res(`worker exit ${code}`));
  });
  done.then((s) => { status = s; });
  const t0 = Date.now();
  while (!ready && status === null && !(kind === 'cpython' && existsSync(readyPath))) {
    if (Date.now() - t0 > 120000) break;
    await sleep(5);
  }
  if (status !== null || (Date.now() - t0 > 120000)) {
    await worker.terminate();
    return { na: `the interpreter did not start (${status ?? 'no ready within 120 s'}) ${errors.join(' ')}`.trim() };
  }
  await sleep(50);
  const sent = [];
  for (let i = 0; i <= trials; i++) {
    await sleep(3 + Math.random() * 7);
    if (i === trials) { stop(); await sleep(20); } // the last one ends the run
    sent.push(hostNow());
    send();
    const s0 = Date.now();
    while (!taken()) {
      if (Date.now() - s0 > 10000) { await worker.terminate(); return { na: `SIGINT ${i + 1} not taken within 10 s` }; }
      await sleep(1);
    }
  }
  sent.pop();
  const st = await Promise.race([done, sleep(30000).then(() => 'timeout')]);
  await worker.terminate();
  if (kind === 'cpython' && existsSync(outPath)) times = JSON.parse(readFileSync(outPath, 'utf8'));
  rmSync(tmp, { recursive: true, force: true });
  if (!times) return { na: `no results (status ${st}) ${errors.join(' ')}`.trim() };
  if (times.length && times[0] < sent[0]) return { na: 'a catch before the first send: the clocks disagree' };
  // Each catch answers every send before it not yet answered; its latency
  // is counted from the oldest of them (the one that waited longest), the
  // others were merged into it.
  const lat = [];
  let merged = 0;
  let i = 0;
  for (const t of times) {
    const first = i;
    while (i < sent.length && sent[i] <= t) i++;
    if (i === first) continue; // nothing outstanding: not ours
    lat.push(t - sent[first]);
    merged += i - first - 1;
  }
  const lost = sent.length - i;
  return { channel, samples_ms: lat, merged, lost };
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

function runChild(spec) {
  return new Promise((res) => {
    const child = spawn(process.execPath, ['--no-experimental-fetch', '--disable-warning=ExperimentalWarning',
      fileURLToPath(import.meta.url), '--child', JSON.stringify(spec)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let result = null;
    let err = '';
    child.stderr.on('data', (d) => { err = (err + d).slice(-2000); });
    child.on('message', (m) => { result = m; child.kill('SIGKILL'); });
    const hard = setTimeout(() => child.kill('SIGKILL'), 600000);
    child.on('exit', (code, sig) => {
      clearTimeout(hard);
      res(result ?? { na: `measuring process ended (${sig ?? code}): ${err.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

if (!isMainThread) {
  await pyodideWorker(workerData.pyodide);
} else {
  const o = parseArgs(process.argv.slice(2));
  if (o.child) {
    const r = await measure(o.child).catch((e) => ({ na: String(e?.stack ?? e) }));
    if (process.send) process.send(r); else console.log(JSON.stringify(r));
  } else {
    const rows = [];
    for (const dir of o.builds) {
      const name = dir.split('/').at(-1);
      if (!existsSync(join(dir, 'sigemu-python.json'))) { rows.push({ runner: name, na: 'not built (make python)' }); continue; }
      rows.push({ runner: `CPython 3.11.2 ${name}`, ...(await runChild({ kind: 'cpython', dir, trials: o.trials })) });
    }
    if (o.pyodide && existsSync(join(o.pyodide, 'pyodide.mjs'))) {
      const version = JSON.parse(readFileSync(join(o.pyodide, 'package.json'), 'utf8')).version;
      rows.push({ runner: `Pyodide ${version}`, ...(await runChild({ kind: 'pyodide', dir: o.pyodide, trials: o.trials })) });
    } else {
      rows.push({ runner: 'Pyodide', na: `not installed (${o.pyodide || 'no --pyodide'}; make bench installs it)` });
    }
    for (const r of rows) {
      if (!r.samples_ms) continue;
      const s = r.samples_ms;
      Object.assign(r, { n: s.length, p50_ms: quantile(s, 0.5), p99_ms: quantile(s, 0.99), max_ms: Math.max(...s) });
    }
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const fmt = (x) => x.toFixed(3);
    const md = ['| runner | channel | n | merged | p50 (ms) | p99 (ms) | max (ms) |', '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map((r) => (r.samples_ms
        ? `| ${r.runner} | ${r.channel} | ${r.n} | ${r.merged}${r.lost ? ` (+${r.lost} never answered)` : ''} | ${fmt(r.p50_ms)} | ${fmt(r.p99_ms)} | ${fmt(r.max_ms)} |`
        : `| ${r.runner} | n/a: ${r.na} | | | | | |`)),
      '', `SIGINT from the host -> KeyboardInterrupt caught in \`while True: pass\`, ${o.trials} sends each`
        + ' (merged: a SIGINT sent again before the first raised),'
        + ` one run (\`node tests/cpython/latency.mjs\`; load average ${load}).`];
    mkdirSync(o.out, { recursive: true });
    writeFileSync(join(o.out, 'latency.json'), JSON.stringify({ trials: o.trials, load, rows }, null, 1));
    writeFileSync(join(o.out, 'latency.md'), md.join('\n') + '\n');
    console.log(md.join('\n'));
  }
}
