// scenario.mjs — runs one wasm scenario (tests/wasm/wasm_scenarios.c) in a
// fresh Node process, with the module either on the main thread (a sender
// worker sends) or in a worker (the main thread sends), in one delivery
// mode. Prints the module's output, then one line "@@result {json}" with
// its exit status and what the sender measured. Used by js/test/*.test.mjs
// through run() below; never imported by the package itself.
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

import { SignalController } from '../../src/controller.js';
import { runEmscripten } from '../../src/emscripten.js';
import { SignalHost } from '../../src/host.js';
import { runWasi } from '../../src/wasi.js';

const SELF = fileURLToPath(import.meta.url);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * From a test: run a scenario in a child process. cfg: { program, flavour
 * ('emscripten' | 'wasi'), scenario, placement ('main' | 'worker'), mode
 * ('sab' | 'shared' | 'message' | 'pyodide' | 'none'), action }.
 * Resolves { status, stdout, stderr, sender, result }.
 */
export function run(cfg, timeoutMs = 60000) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', SELF, JSON.stringify(cfg)],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      const m = /^@@result (.*)$/m.exec(out);
      const r = m ? JSON.parse(m[1]) : { status: null, sender: null };
      const stdout = out.replace(/^@@result .*\n?/m, '');
      const res = /^result=(.*)$/m.exec(stdout);
      resolve({ ...r, code, stdout, stderr: err, result: res ? res[1] : null });
    });
  });
}

// ---- inside the child ------------------------------------------------------

async function runModule(cfg, attach, onStart) {
  const host = new SignalHost({ handle: attach.handle, interruptBuffer: attach.buffer });
  const opts = {
    args: [cfg.scenario], host,
    onStart: (h) => {
      // The program's sigemu_init ran: senders without counters wait for it.
      Atomics.store(attach.started, 0, 1);
      onStart?.(h);
    },
  };
  if (attach.ready) {
    // The scenario prints "looping" / "waiting" once its handlers are in:
    // a sender with no poll counter to watch waits for that, not a guess.
    opts.print = (line) => {
      writeSync(1, line + '\n');
      if (line === 'looping' || line === 'waiting') Atomics.store(attach.ready, 0, 1);
    };
  }
  return cfg.flavour === 'wasi' ? runWasi(cfg.program, opts) : runEmscripten(cfg.program, opts);
}

/** The sending side's script: what it does and what it saw. */
async function send(cfg, ctx) {
  const info = {};
  const c = ctx.handle ? SignalController.from(ctx.handle) : null;
  const hasCounters = c && c.mode !== 'message';
  const waitAlive = async () => {
    if (hasCounters) info.alive = await c.until((x) => x.polls >= 2, 20000);
    else await waitReady();
  };
  // Without counters: the module's "looping" line (Emscripten), else its
  // sigemu_init (WASI: its output is not ours to watch) plus time to
  // install its handlers, however slow the machine is to start the module.
  const waitReady = async () => {
    const flag = ctx.ready ?? ctx.started;
    if (!flag) return sleep(400);
    const t0 = Date.now();
    while (Atomics.load(flag, 0) === 0 && Date.now() - t0 < 20000) await sleep(5);
    if (!ctx.ready) await sleep(200);
  };
  switch (cfg.action) {
    case 'sigint':
    case 'sigterm':
      await waitAlive();
      info.killedAt = Date.now();
      c.kill(cfg.action === 'sigint' ? 'SIGINT' : 15);
      break;
    case 'malformed+sigint': {
      await waitReady();
      const port = ctx.handle.port;
      for (const bad of ['hello', null, 42, { sigemu: 1, type: 'kill', sig: 99 },
        { sigemu: 1, type: 'kill', sig: 32 }, { sigemu: 1, type: 'nuke', sig: 2 }, { sig: 2 }])
        port.postMessage(bad);
      await sleep(100);
      c.kill('SIGINT');
      break;
    }
    case 'pyodide': {
      await waitReady();
      Atomics.store(ctx.buffer, 0, 2); // what Pyodide's page writes for SIGINT
      const t0 = Date.now();
      while (Atomics.load(ctx.buffer, 0) !== 0 && Date.now() - t0 < 20000) await sleep(2);
      info.reset = Atomics.load(ctx.buffer, 0) === 0;
      break;
    }
    case 'echo': {
      // ECHO_EACH of SIGUSR1 and of SIGRTMIN in turn, each once the module
      // took the one before (tests/wasm/wasm_scenarios.c, sc_echo).
      await waitAlive();
      const each = 3000, deadline = Date.now() + 50000;
      info.sent = 0;
      for (let i = 0; i < 2 * each && Date.now() < deadline; i++) {
        c.kill(i % 2 ? 'SIGRTMIN' : 'SIGUSR1');
        info.sent++;
        while (c.undelivered !== 0n && Date.now() < deadline) { /* the module polls */ }
      }
      break;
    }
    case 'usr1-when-blocked': {
      info.sawBlocked = hasCounters ? await c.until((x) => x.blocked, 20000) : (await waitReady(), null);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await sleep(1000);
      const d = process.cpuUsage(cpu0);
      info.cpuMs = (d.user + d.system) / 1000;
      info.wallMs = performance.now() - t0;
      info.stillBlocked = hasCounters ? c.blocked : null;
      c.kill('SIGUSR1');
      break;
    }
    default:
      break;
  }
  return info;
}

function startSender(cfg, ctx, transfer = []) {
  const w = new Worker(SELF, { workerData: { role: 'sender', cfg, ctx }, transferList: transfer,
    execArgv: ['--disable-warning=ExperimentalWarning'] });
  return new Promise((resolve) => {
    w.on('message', (m) => resolve(m.info));
    w.on('error', (e) => resolve({ error: String(e) }));
  });
}

async function child(cfg) {
  const attach = {}, ctx = {}, transfer = [];
  if (cfg.mode === 'sab') {
    const c = SignalController.create({ mode: 'sab' });
    attach.handle = c.handle;
    ctx.handle = c.handle;
  } else if (cfg.mode === 'message') {
    const ch = new MessageChannel();
    attach.handle = { kind: 'message', port: ch.port2 };
    ctx.handle = { kind: 'message', port: ch.port1 };
  } else if (cfg.mode === 'pyodide') {
    ctx.buffer = attach.buffer = new Int32Array(new SharedArrayBuffer(4));
  }
  if (cfg.flavour === 'emscripten') ctx.ready = attach.ready = new Int32Array(new SharedArrayBuffer(4));
  ctx.started = attach.started = new Int32Array(new SharedArrayBuffer(4));
  let status, sender = null;
  if (cfg.placement === 'main') {
    let senderDone = null;
    const needSender = cfg.action && cfg.action !== 'none';
    if (needSender && cfg.mode !== 'shared')
      senderDone = startSender(cfg, ctx, cfg.mode === 'message' ? [ctx.handle.port] : []);
    status = await runModule(cfg, attach, (h) => {
      if (needSender && cfg.mode === 'shared') senderDone = startSender(cfg, { handle: h.handle() });
    });
    if (senderDone) sender = await Promise.race([senderDone, sleep(5000).then(() => ({ timeout: true }))]);
  } else {
    const w = new Worker(SELF, {
      workerData: { role: 'module', cfg, attach },
      transferList: cfg.mode === 'message' ? [attach.handle.port] : [],
      execArgv: ['--disable-warning=ExperimentalWarning'],
    });
    let senderDone = null;
    if (cfg.mode !== 'shared' && cfg.action !== 'none') senderDone = send(cfg, ctx);
    status = await new Promise((resolve, reject) => {
      w.on('message', (m) => {
        if (m.type === 'handle' && cfg.action !== 'none') senderDone = send(cfg, { handle: m.handle });
        if (m.type === 'status') resolve(m.status);
      });
      w.on('error', reject);
    });
    if (senderDone) sender = await senderDone;
    await w.terminate();
  }
  process.stdout.write(`@@result ${JSON.stringify({ status, sender })}\n`);
  process.exit(0);
}

if (isMainThread && process.argv[2] && process.argv[1] === SELF) {
  await child(JSON.parse(process.argv[2]));
} else if (!isMainThread && workerData?.role === 'module') {
  const { cfg, attach } = workerData;
  const status = await runModule(cfg, attach, (h) => {
    if (cfg.mode === 'shared') parentPort.postMessage({ type: 'handle', handle: h.handle() });
  });
  parentPort.postMessage({ type: 'status', status });
} else if (!isMainThread && workerData?.role === 'sender') {
  const info = await send(workerData.cfg, workerData.ctx);
  parentPort.postMessage({ info });
}
