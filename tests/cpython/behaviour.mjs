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
// `max_cpu` of one core between READY (+1 s when `after` >= 2) and the
// send (a sleep or wait that spins fails). How the signal is sent depends on the build:
//   native            kill(2) to the interpreter's process (the oracle)
//   *-sigemu          sigemu's SignalController (SAB control block)
//   emscripten-stock  CPython's own Emscripten hook, the Pyodide-style
//                     interrupt buffer (Module.Py_EmscriptenSignalBuffer)
//   wasi-stock        nothing can reach a pure WASI module: the test fails
//   wasi-sigemu-pure  sigemu's signal channel: the signal's number appended
//                     to the file SIGEMU_SIGNAL_FILE names (any WASI runtime)
// wasm interpreters run in a worker thread (so that this thread can send
// while Python computes); the CPU figure is this process's (the sending
// thread is idle), or the child's from /proc for native.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
 * Start one interpreter on `script`, its stdout and stderr being this
 * process's (the parent reads them and sends each line back: `onLine`,
 * `onErr`). Returns { lines, errLines, listeners, done (promise of the
 * status), channel, send(sig) (throws when nothing can reach it), cpu(), stop() }.
 */
function start(info, script) {
  const p = { lines: [], errLines: [], listeners: [] };
  p.onLine = (l) => { p.lines.push(l); for (const f of p.listeners) f(l); };
  p.onErr = (l) => p.errLines.push(l);
  if (info.target === 'native') {
    // Its output is read here: 'close' comes after the last line.
    const child = spawn(join(info.builddir, 'python'), [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    lines(child.stdout, p.onLine);
    lines(child.stderr, p.onErr);
    p.done = new Promise((res) => child.on('close', (code, sig) => res(sig ? `signal ${sig}` : code)));
    p.channel = 'kill(2)';
    p.send = (sig) => child.kill(sig);
    p.cpu = () => childCpu(child.pid);
    p.stop = () => child.kill('SIGKILL');
    return p;
  }
  // wasm: in a worker of this process, writing to its fds 1 and 2
  // (Emscripten's NODERAWFS and node:wasi both use the real descriptors).
  let ctl = null;
  let buffer = null;
  const data = { dir: info.builddir, args: [script] };
  p.channel = 'none';
  let signalFile = null;
  if (info.flavour === 'sigemu-pure') {
    // Pure WASI preview1: sigemu's channel is a file the host appends to.
    const tmp = mkdtempSync(join(tmpdir(), 'sigemu-chan-'));
    signalFile = join(tmp, 'signals');
    writeFileSync(signalFile, '');
    data.env = { SIGEMU_SIGNAL_FILE: signalFile };
    p.channel = 'signal file (SIGEMU_SIGNAL_FILE)';
    p.cleanup = () => rmSync(tmp, { recursive: true, force: true });
  } else if (info.flavour.startsWith('sigemu') && info.target === 'emscripten-pthread') {
    // A -pthread module keeps its control block in its own shared memory
    // ('shared' mode): the worker passes on the handle the module gives at
    // start, and the controller is made from it then.
    data.sharedHandle = true;
    p.channel = 'pending';
  } else if (info.flavour.startsWith('sigemu')) {
    ctl = SignalController.create({ mode: 'sab' });
    data.handle = ctl.handle;
    p.channel = info.target === 'wasi' ? 'pending' : 'SignalController';
  } else if (info.target.startsWith('emscripten')) {
    buffer = new Int32Array(new SharedArrayBuffer(4));
    data.pyodideBuffer = buffer;
    p.channel = 'pending';
  }
  // The worker's own console goes to streams read here, never to fds 1
  // and 2 (Emscripten closes those when the interpreter exits).
  const worker = new Worker(join(here, 'behaviour-worker.mjs'),
    { workerData: data, transferList: ctl?.transfer ?? [], stdout: true, stderr: true });
  for (const stream of [worker.stdout, worker.stderr]) {
    stream.on('data', (d) => p.errLines.push(...String(d).split('\n')));
  }
  p.done = new Promise((res) => {
    worker.on('message', (m) => {
      if (m.handle) ctl = new SignalController(m.handle);
      if (m.channel !== undefined) p.channel = m.channel;
      else if (m.status !== undefined) res(m.status);
    });
    worker.on('error', (e) => { p.errLines.push(String(e?.stack ?? e)); res('worker error'); });
    worker.on('exit', (code) => res(`worker exit ${code}`));
  });
  p.send = (sig) => {
    if (p.channel === 'SignalController') ctl.kill(sig);
    else if (signalFile && p.channel.startsWith('signal file')) appendFileSync(signalFile, `${signalNumber(sig)}\n`);
    else if (p.channel === 'Pyodide interrupt buffer') Atomics.store(buffer, 0, signalNumber(sig));
    else throw new Error(`no channel can send ${sig} into this interpreter (${p.channel})`);
  };
  p.cpu = selfCpu;
  p.stop = () => worker.terminate();
  // The interpreter's last lines may still be on their way through the
  // parent when its status arrives: ask the parent to pass on everything.
  p.settle = () => new Promise((res) => { p.onSettled = res; process.send({ settle: true }); });
  return p;
}

/** Calls f(line) for every line of a readable stream. */
function lines(stream, f) {
  let buf = '';
  stream.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) { f(buf.slice(0, i)); buf = buf.slice(i + 1); }
  });
  stream.on('end', () => { if (buf) f(buf); });
}

async function runOne(p, test) {
  const t0 = now();
  const r = { test: test.name, status: 'fail', detail: '', seconds: 0 };
  let timer;
  const timeout = new Promise((res) => { timer = setTimeout(() => res('timeout'), test.timeout * 1000); });
  let sentAt = null;
  let passAt = null;
  let cpuFrac = null;
  let sendError = null;
  p.listeners.push((line) => { if (line.startsWith('PASS') && passAt === null) passAt = now(); });
  if (test.send) {
    p.listeners.push((line) => {
      if (line !== 'READY') return;
      // The CPU window starts 1 s after READY (when `after` leaves 1 s of
      // it): Node's background threads still compile the module's hot code
      // at first, and they are the process's CPU, not the wait's.
      const after = test.after ?? 1;
      const skip = after >= 2 ? 1 : 0;
      let winAt = now(), cpu0 = p.cpu();
      if (skip) setTimeout(() => { winAt = now(); cpu0 = p.cpu(); }, skip * 1000);
      setTimeout(() => {
        const cpu1 = p.cpu();
        const t = now();
        if (cpu0 !== null && cpu1 !== null) cpuFrac = (cpu1 - cpu0) / (t - winAt);
        try { p.send(test.send); sentAt = t; } catch (e) { sendError = e.message; p.stop(); }
      }, after * 1000);
    });
  }
  const status = await Promise.race([p.done, timeout]);
  clearTimeout(timer);
  if (status !== 'timeout' && p.settle) await p.settle();
  if (status === 'timeout') p.stop();
  r.seconds = Number((now() - t0).toFixed(2));
  const pass = p.lines.find((l) => l.startsWith('PASS'));
  const fail = p.lines.find((l) => l.startsWith('FAIL'));
  // The last thing the interpreter said on stderr (its exception), not Node's warnings.
  const said = p.errLines.map((l) => l.trim())
    .filter((l) => l && !l.startsWith('(node:') && !l.startsWith('(Use `node')).at(-1);
  const because = said ? `: ${said}` : '';
  if (sentAt !== null && passAt !== null) r.after_send_ms = Number(((passAt - sentAt) * 1000).toFixed(1));
  if (cpuFrac !== null) r.cpu = Number(cpuFrac.toFixed(3));
  const tooBusy = test.max_cpu !== undefined && cpuFrac !== null && cpuFrac > test.max_cpu;
  if (sendError) r.detail = sendError;
  else if (status === 'timeout') r.detail = `no result within ${test.timeout} s${because}`;
  else if (fail) r.detail = fail;
  else if (status !== 0) r.detail = `exit status ${status}${because}`;
  else if (!pass) r.detail = `no PASS line${because}`;
  else if (tooBusy) r.detail = `${pass.slice(5)}, but the wait used more than ${test.max_cpu * 100} % CPU`;
  else { r.status = 'pass'; r.detail = pass.slice(5); }
  const notes = [];
  if (sentAt !== null) notes.push(`${test.send} sent ${test.after ?? 1} s after READY`);
  if (cpuFrac !== null && test.max_cpu !== undefined) notes.push(`CPU while waiting ${(cpuFrac * 100).toFixed(1)} %`);
  if (notes.length) r.detail += ` (${notes.join(', ')})`;
  if (test.send) r.channel = p.channel;
  p.cleanup?.();
  return r;
}

// Each (build, test) runs in a child Node process: a wasm thread stuck in a
// host call (a WASI sleep that never ends) cannot be terminated from
// JavaScript, but a process can be killed. The interpreter writes to the
// child's stdout and stderr (Emscripten closes them when it exits); this
// process reads them and sends every line back over the IPC channel,
// which is also where the child's result comes from.
function runChild(dir, test) {
  return new Promise((res) => {
    const child = spawn(process.execPath,
      ['--disable-warning=ExperimentalWarning', fileURLToPath(import.meta.url), '--child', dir, test.name],
      { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let result = null;
    const tail = [];
    let lastData = performance.now();
    const forward = (stream, key) => {
      stream.on('data', () => { lastData = performance.now(); });
      lines(stream, (line) => {
        tail.push(line);
        if (tail.length > 5) tail.shift();
        if (child.connected) child.send({ [key]: line });
      });
    };
    forward(child.stdout, 'line');
    forward(child.stderr, 'err');
    child.on('message', async (m) => {
      if (m.settle) {
        // Everything the interpreter wrote is in the pipes by now: pass it
        // on until they have been quiet for 200 ms.
        while (performance.now() - lastData < 200) await new Promise((r) => setTimeout(r, 50));
        if (child.connected) child.send({ settled: true });
      } else if (m.result && !result) { result = m.result; child.kill('SIGKILL'); }
    });
    const hard = setTimeout(() => child.kill('SIGKILL'), (test.timeout + 15) * 1000);
    child.on('exit', () => {
      clearTimeout(hard);
      res(result ?? { test: test.name, status: 'fail', detail: `harness process died: ${tail.join(' | ')}` });
    });
  });
}

const opts = parseArgs(process.argv.slice(2));
if (opts.child) {
  const [dir, name] = opts.child;
  const [test] = loadTests(name);
  const p = start(describe(resolve(dir)), test.path);
  process.on('message', (m) => {
    if (m.line !== undefined) p.onLine(m.line);
    else if (m.err !== undefined) p.onErr(m.err);
    else if (m.settled) p.onSettled?.();
  });
  const r = await runOne(p, test);
  process.send({ result: r });
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
      const mark = { pass: 'ok    ', 'n/a': 'n/a   ' }[r.status] ?? 'FAIL  ';
      console.log(`${mark} ${name.padEnd(18)} ${test.name.padEnd(18)} ${r.detail}`);
    }
  }
  if (opts.json) {
    mkdirSync(dirname(opts.json), { recursive: true });
    writeFileSync(opts.json, JSON.stringify({ tests: tests.map(({ name, summary }) => ({ name, summary })), results }, null, 1));
  }
}
