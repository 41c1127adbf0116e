#!/usr/bin/env node
// tests/cpython/behaviour.mjs — Python behaviour tests on CPython builds.
//
//   node tests/cpython/behaviour.mjs [--json OUT] [--only NAME] BUILD_DIR...
//
// Each test is a script in tests/cpython/behaviour/ that prints `PASS ...`
// when the behaviour it checks happened. A header line
//   # harness: send=SIGINT after=2 max_cpu=0.05 timeout=20
// asks the harness to send a signal from outside `after` seconds after the
// script printed READY, and to check that the process used at most
// `max_cpu` of one core between READY and the send (a sleep or wait that
// spins fails). How the signal is sent depends on the build:
//   native            kill(2) to the interpreter's process (the oracle)
//   *-sigemu          sigemu's SignalController (SAB control block)
//   emscripten-stock  CPython's own Emscripten hook, the Pyodide-style
//                     interrupt buffer (Module.Py_EmscriptenSignalBuffer)
//   wasi-stock        nothing can reach a pure WASI module: the test fails
// wasm interpreters run in a worker thread (so that this thread can send
// while Python computes); the CPU figure is this process's (the sending
// thread is idle), or the child's from /proc for native.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { SignalController } from '../../js/src/controller.js';
import { signalNumber } from '../../js/src/signals.js';
import { describe } from '../../python/python.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const testDir = join(here, 'behaviour');
const now = () => performance.now() / 1000;

function parseArgs(argv) {
  const o = { json: null, only: null, child: null, builds: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') o.json = argv[++i];
    else if (argv[i] === '--child') { o.child = [argv[i + 1], argv[i + 2]]; i += 2; }
    else if (argv[i] === '--only') o.only = argv[++i];
    else o.builds.push(argv[i]);
  }
  return o;
}

/** The tests and their `# harness:` settings. */
function loadTests(only) {
  return readdirSync(testDir).filter((f) => f.endsWith('.py')).sort()
    .filter((f) => !only || basename(f, '.py') === only)
    .map((f) => {
      const path = join(testDir, f);
      const text = readFileSync(path, 'utf8');
      const m = text.match(/^# harness:(.*)$/m);
      const opts = { timeout: 20 };
      for (const kv of (m ? m[1].trim().split(/\s+/) : [])) {
        const [k, v] = kv.split('=');
        opts[k] = k === 'send' ? v : Number(v);
      }
      const summary = text.split('\n').filter((l) => l.startsWith('# ') && !l.startsWith('# harness:'))
        .map((l) => l.slice(2)).join(' ');
      return { name: basename(f, '.py'), path, summary, ...opts };
    });
}

/** CPU seconds used by process `pid` so far (Linux /proc), or null. */
function childCpu(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime+stime, USER_HZ 100
  } catch { return null; }
}
const selfCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

/**
 * Start one interpreter on `script`. Returns { lines, stderr, done (promise of
 * status or 'timeout'), send(sig) -> channel name or throws, cpu() }.
 */
function start(info, script) {
  const lines = [];
  const errLines = [];
  const listeners = [];
  const onLine = (l) => { lines.push(l); for (const f of listeners) f(l); };
  if (info.target === 'native') {
    const child = spawn(join(info.builddir, 'python'), [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) { onLine(buf.slice(0, i)); buf = buf.slice(i + 1); }
    });
    child.stderr.on('data', (d) => errLines.push(...String(d).split('\n')));
    const done = new Promise((res) => child.on('exit', (code, sig) => res(sig ? `signal ${sig}` : code)));
    return {
      lines, errLines, listeners, done,
      channel: 'kill(2)',
      send: (sig) => child.kill(sig),
      cpu: () => childCpu(child.pid),
      stop: () => child.kill('SIGKILL'),
    };
  }
  // wasm: in a worker
  let channel = 'none';
  let ctl = null;
  let buffer = null;
  const data = { dir: info.builddir, args: [script] };
  if (info.flavour === 'sigemu') {
    ctl = SignalController.create({ mode: 'sab' });
    data.handle = ctl.handle;
    channel = info.target === 'wasi' ? 'pending' : 'SignalController';
  } else if (info.target === 'emscripten') {
    buffer = new Int32Array(new SharedArrayBuffer(4));
    data.pyodideBuffer = buffer;
    channel = 'pending';
  }
  let tail = null;
  if (info.target === 'wasi') {
    const tmp = mkdtempSync(join(tmpdir(), 'sigemu-py-'));
    data.stdoutFile = join(tmp, 'stdout');
    data.stderrFile = join(tmp, 'stderr');
    writeFileSync(data.stdoutFile, '');
    writeFileSync(data.stderrFile, '');
    const pos = { out: 0, err: 0 };
    let partial = '';
    const poll = () => {
      const out = readFileSync(data.stdoutFile);
      if (out.length > pos.out) {
        partial += out.subarray(pos.out).toString();
        pos.out = out.length;
        let i;
        while ((i = partial.indexOf('\n')) >= 0) { onLine(partial.slice(0, i)); partial = partial.slice(i + 1); }
      }
      const err = readFileSync(data.stderrFile);
      if (err.length > pos.err) { errLines.push(...err.subarray(pos.err).toString().split('\n')); pos.err = err.length; }
    };
    tail = { poll, timer: setInterval(poll, 20), dir: tmp };
  }
  const worker = new Worker(join(here, 'behaviour-worker.mjs'), { workerData: data, transferList: ctl?.transfer ?? [] });
  const done = new Promise((res) => {
    worker.on('message', (m) => {
      if (m.line !== undefined) onLine(m.line);
      else if (m.err !== undefined) errLines.push(m.err);
      else if (m.channel !== undefined) channel = m.channel;
      else if (m.status !== undefined) finish(m.status);
    });
    worker.on('error', (e) => { errLines.push(String(e?.stack ?? e)); finish('worker error'); });
    worker.on('exit', (code) => finish(`worker exit ${code}`));
    function finish(status) {
      if (tail) { tail.poll(); clearInterval(tail.timer); rmSync(tail.dir, { recursive: true, force: true }); tail = null; }
      res(status);
    }
  });
  return {
    lines, errLines, listeners, done,
    get channel() { return channel; },
    send(sig) {
      if (channel === 'SignalController') ctl.kill(sig);
      else if (channel === 'Pyodide interrupt buffer') Atomics.store(buffer, 0, signalNumber(sig));
      else throw new Error(`no channel can send ${sig} into this interpreter (${channel})`);
    },
    cpu: selfCpu,
    stop: () => worker.terminate(),
  };
}

async function runOne(info, test) {
  const t0 = now();
  const p = start(info, test.path);
  const r = { test: test.name, status: 'fail', detail: '', seconds: 0 };
  let timer;
  const timeout = new Promise((res) => { timer = setTimeout(() => res('timeout'), test.timeout * 1000); });
  let sentAt = null;
  let cpuFrac = null;
  let sendError = null;
  if (test.send) {
    p.listeners.push((line) => {
      if (line !== 'READY') return;
      const readyAt = now();
      const cpu0 = p.cpu();
      setTimeout(() => {
        const cpu1 = p.cpu();
        const t = now();
        if (cpu0 !== null && cpu1 !== null) cpuFrac = (cpu1 - cpu0) / (t - readyAt);
        try { p.send(test.send); sentAt = t; } catch (e) { sendError = e.message; p.stop(); }
      }, (test.after ?? 1) * 1000);
    });
  }
  const status = await Promise.race([p.done, timeout]);
  clearTimeout(timer);
  if (status === 'timeout') p.stop();
  r.seconds = Number((now() - t0).toFixed(2));
  const pass = p.lines.find((l) => l.startsWith('PASS'));
  const fail = p.lines.find((l) => l.startsWith('FAIL'));
  const errTail = p.errLines.filter((l) => l.trim()).slice(-3).join(' | ');
  if (sentAt !== null && pass) r.after_send_ms = Number(((now() - sentAt) * 1000).toFixed(0));
  if (cpuFrac !== null) r.cpu = Number(cpuFrac.toFixed(3));
  if (sendError) r.detail = sendError;
  else if (status === 'timeout') r.detail = `no result within ${test.timeout} s${errTail ? ': ' + errTail : ''}`;
  else if (fail) r.detail = fail;
  else if (status !== 0) r.detail = `exit status ${status}${errTail ? ': ' + errTail : ''}`;
  else if (!pass) r.detail = `no PASS line${errTail ? ': ' + errTail : ''}`;
  else if (test.max_cpu !== undefined && cpuFrac !== null && cpuFrac > test.max_cpu)
    r.detail = `${pass.slice(5)}, but used ${(cpuFrac * 100).toFixed(1)} % CPU while waiting (limit ${test.max_cpu * 100} %)`;
  else { r.status = 'pass'; r.detail = pass.slice(5); }
  if (test.send) r.channel = p.channel;
  if (cpuFrac !== null && r.status === 'pass' && test.max_cpu !== undefined)
    r.detail += ` (CPU while waiting ${(cpuFrac * 100).toFixed(1)} %)`;
  return r;
}

// Each (build, test) runs in a child Node process: a wasm thread stuck in a
// host call (a WASI sleep that never ends) cannot be terminated from
// JavaScript, but a process can be killed.
function runChild(dir, test) {
  return new Promise((res) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(import.meta.url), '--child', dir, test.name],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let result = null;
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^@@RESULT (.*)$/m);
      if (m && !result) { result = JSON.parse(m[1]); child.kill('SIGKILL'); }
    });
    const hard = setTimeout(() => child.kill('SIGKILL'), (test.timeout + 15) * 1000);
    child.on('exit', () => {
      clearTimeout(hard);
      res(result ?? { test: test.name, status: 'fail', detail: `harness process died (${out.slice(-200)})` });
    });
  });
}

const opts = parseArgs(process.argv.slice(2));
if (opts.child) {
  const [dir, name] = opts.child;
  const [test] = loadTests(name);
  const r = await runOne(describe(resolve(dir)), test);
  process.stdout.write(`@@RESULT ${JSON.stringify(r)}\n`);
  // Do not wait for a worker stuck in a host call: the parent kills us.
} else {
  if (!opts.builds.length) {
    process.stderr.write('usage: behaviour.mjs [--json OUT] [--only NAME] BUILD_DIR...\n');
    process.exit(2);
  }
  const tests = loadTests(opts.only);
  const results = [];
  for (const dir of opts.builds) {
    const info = describe(resolve(dir));
    const name = info.target === 'native' ? 'native' : `${info.target}-${info.flavour}`;
    for (const test of tests) {
      const r = await runChild(resolve(dir), test);
      r.build = name;
      results.push(r);
      console.log(`${r.status === 'pass' ? 'ok    ' : 'FAIL  '} ${name.padEnd(18)} ${test.name.padEnd(18)} ${r.detail}`);
    }
  }
  if (opts.json) {
    mkdirSync(dirname(opts.json), { recursive: true });
    writeFileSync(opts.json, JSON.stringify({ tests: tests.map(({ name, summary }) => ({ name, summary })), results }, null, 1));
  }
}
