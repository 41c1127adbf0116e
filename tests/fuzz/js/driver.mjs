// driver.mjs — one abuse run in a fresh Node process, for
// tests/fuzz/js-abuse.test.mjs. The wasm program (abuse_prog.c, Emscripten or
// WASI with host imports) runs in a worker with a SignalHost fed by three
// sources at once: a SAB SignalController (also the test's window on the
// module: polls, blocked), a MessagePort (message mode) and a Pyodide-style
// interrupt buffer. The main thread plays the hostile party (cfg.action),
// then reports one line "@@result {json}": the program's exit status, the
// warnings the host printed, every uncaught exception or unhandled rejection
// in either thread, and what the abuser saw. The program's own output goes
// straight to fd 1 before it.
//
// A separate process per run, because the failures looked for are
// process-level: an exception escaping, a wait that never ends, a process
// that cannot exit. The test kills the process after a timeout.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

import { SignalController } from '../../../js/src/controller.js';
import { SignalHost } from '../../../js/src/host.js';
import { CTL_BITS0, CTL_BITS1, CTL_POLLS, CTL_SEQ, CTL_WAKE } from '../../../js/src/control.js';

const SELF = fileURLToPath(import.meta.url);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SIGUSR2 = 12; // the program's end marker

// ---- the module side (worker) ---------------------------------------------
async function moduleMain() {
  const { cfg, sab, port, buffer } = workerData;
  const uncaught = [];
  process.on('uncaughtException', (e) => uncaught.push(`worker uncaughtException: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => uncaught.push(`worker unhandledRejection: ${e?.stack ?? e}`));
  const warnings = [];
  const host = new SignalHost({
    handle: { kind: 'sab', sab },
    interruptBuffer: buffer,
    warn: (s) => { warnings.push(s); parentPort.postMessage({ type: 'warn', s }); },
  });
  host.attach({ kind: 'message', port });
  // A handle the host should refuse (cfg.badAttach): if attach() takes it,
  // the program runs with it and must still see no exception.
  let attachError = null;
  if (cfg.badAttach) {
    const bad = cfg.badAttach === 'small-sab' ? { kind: 'sab', sab: new SharedArrayBuffer(4) }
      : cfg.badAttach === 'array-buffer' ? { kind: 'sab', sab: new ArrayBuffer(32) }
        : { kind: 'message', port: {} };
    // (The host already adopted the good block, so a sab one becomes an
    // extra source, polled at every sigemu poll.)
    try { host.attach(bad); } catch (e) { attachError = `${e.constructor.name}: ${e.message}`; }
  }
  let status = null, error = null;
  try {
    const opts = { args: cfg.args, host };
    if (cfg.flavour === 'wasi') {
      const { runWasi } = await import('../../../js/src/wasi.js');
      status = await runWasi(cfg.program, opts);
    } else {
      const { runEmscripten } = await import('../../../js/src/emscripten.js');
      status = await runEmscripten(cfg.program, opts);
    }
  } catch (e) {
    error = String(e?.stack ?? e);
  }
  parentPort.postMessage({
    type: 'status', status, error, uncaught, attachError,
    // Did a message with a __proto__ key pollute this realm's prototypes?
    polluted: ({}).sigemu !== undefined || ({}).type !== undefined || ({}).sig !== undefined,
  });
}

// ---- the hostile party (main thread) ----------------------------------------

/** Messages no sender should post; each must be ignored by the module side. */
function garbageMessages() {
  const big = {};
  for (let i = 0; i < 100000; i++) big[`k${i}`] = i;
  const out = [
    null, undefined, 0, 2, -1, true, 'SIGINT', '', 'sigemu', [], [2], [1, 'kill', 2],
    {}, { sigemu: 1 }, { sigemu: 1, type: 'kill' }, { type: 'kill', sig: 2 },
    { sigemu: 2, type: 'kill', sig: 2 }, { sigemu: '1', type: 'kill', sig: 2 },
    { sigemu: true, type: 'kill', sig: 2 }, { sigemu: 1, type: 'KILL', sig: 2 },
    { sigemu: 1, type: 'raise', sig: 2 }, { sigemu: 1, type: ['kill'], sig: 2 },
    { sigemu: null, type: 'kill', sig: 2 },
    big, { pad: 'x'.repeat(4 << 20) }, { sigemu: 1, type: 'kill', sig: 99, pad: 'x'.repeat(1 << 20) },
    new Array(1 << 20).fill(7), new Uint8Array(1 << 16),
    JSON.parse('{"__proto__": {"sigemu": 1, "type": "kill", "sig": 15}}'),
    JSON.parse('{"constructor": {"prototype": {"sigemu": 1, "type": "kill", "sig": 15}}}'),
    { __proto__: { sigemu: 1, type: 'kill', sig: 15 } }, // prototype is not cloned
  ];
  for (const sig of [0, 65, 128, 2 ** 31, 2 ** 32 + 2, 2 ** 53, -1, -2, 32, 33, 2.5, 1e-9 + 2,
    NaN, Infinity, -Infinity, -0, '2', 'SIGINT', 'SIGFOO', '', null, true, [2], { n: 2 },
    2n, new Number(2), new String('2')])
    out.push({ sigemu: 1, type: 'kill', sig });
  return out;
}

async function abuse(cfg, ctx) {
  const { c, raw, port, buffer, w } = ctx;
  const info = {};
  // Waits end early when the module already ended (a broken run must fail
  // fast, not sit out the timeouts).
  const alive = async () => await c.until((x) => ctx.ended || x.polls >= 2, 15000) && !ctx.ended;
  const blocked = async () => await c.until((x) => ctx.ended || x.blocked, 15000) && !ctx.ended;
  const msg = SignalController.from({ kind: 'message', port });
  switch (cfg.action) {
    case 'messages': {
      info.alive = await alive();
      let posted = 0;
      for (const m of garbageMessages()) { port.postMessage(m); posted++; }
      info.posted = posted;
      // Getters run in the sender while cloning: a throwing one throws
      // there, and nothing is posted.
      try {
        port.postMessage({ sigemu: 1, type: 'kill', get sig() { throw new Error('getter boom'); } });
        info.getterThrew = false;
      } catch (e) { info.getterThrew = /getter boom/.test(String(e)); }
      msg.kill('SIGINT');
      msg.kill(10);
      for (const m of garbageMessages().slice(0, 20)) port.postMessage(m);
      msg.kill(SIGUSR2);
      break;
    }
    case 'sab-garbage': {
      info.alive = await alive();
      // The reserved 32 and 33 (bit 31 of word 0, bit 0 of word 1), with a
      // notify; then garbage in the counter words a naive taker could read
      // as more bits ("bits 65 and up").
      Atomics.or(raw, CTL_BITS0, 1 << 31);
      Atomics.or(raw, CTL_BITS1, 1);
      Atomics.add(raw, CTL_WAKE, 0x55555555);
      Atomics.notify(raw, CTL_WAKE);
      Atomics.store(raw, CTL_SEQ, -1);
      Atomics.store(raw, CTL_POLLS, 0x7fffffff);
      await sleep(50);
      Atomics.store(raw, CTL_POLLS, 0);
      await c.until((x) => ctx.ended || x.polls >= 2, 15000);
      // Then valid bits written by hand: bit 0 (SIGHUP), bit 31 of word 1 (64).
      Atomics.or(raw, CTL_BITS0, 1);
      Atomics.or(raw, CTL_BITS1, 1 << 31);
      c.kill(SIGUSR2);
      break;
    }
    case 'sab-all-ones': {
      info.alive = await alive();
      const spare = cfg.spareKillStop ? ~((1 << 8) | (1 << 18)) : -1; // SIGKILL, SIGSTOP
      Atomics.store(raw, CTL_BITS1, -1);
      Atomics.store(raw, CTL_BITS0, spare);
      Atomics.add(raw, CTL_WAKE, 1);
      Atomics.notify(raw, CTL_WAKE);
      break;
    }
    case 'pyodide-garbage': {
      info.alive = await alive();
      info.resets = [];
      for (const v of [-1, 65, 1000, 32, 33, 0x7fffffff, -0x80000000, 2]) {
        Atomics.store(buffer, 0, v);
        const t0 = Date.now();
        while (Atomics.load(buffer, 0) !== 0 && Date.now() - t0 < 10000) await sleep(2);
        info.resets.push(Atomics.load(buffer, 0) === 0);
      }
      c.kill(SIGUSR2);
      break;
    }
    case 'close-during-wait': {
      info.blocked = await blocked();
      c.close();
      msg.close();
      try { c.kill(10); info.killAfterClose = 'returned'; } catch (e) { info.killAfterClose = String(e); }
      try { msg.kill(10); info.msgKillAfterClose = 'returned'; } catch (e) { info.msgKillAfterClose = String(e); }
      if (cfg.thenKill) {
        await sleep(300);
        info.stillBlocked = c.blocked;
        // Another controller made from the same handle still reaches it.
        SignalController.from(c.handle).kill(10);
      }
      break;
    }
    case 'garbage-during-wait': {
      // A hostile party wakes the waiting module with nothing valid: the
      // reserved bits, a malformed message, a bad buffer value. The wait
      // must go on; then a real SIGUSR1 ends it.
      info.blocked = await blocked();
      Atomics.or(raw, CTL_BITS0, 1 << 31);
      Atomics.or(raw, CTL_BITS1, 1);
      Atomics.add(raw, CTL_WAKE, 1);
      Atomics.notify(raw, CTL_WAKE);
      port.postMessage({ sigemu: 1, type: 'kill', sig: 32 });
      port.postMessage('garbage');
      Atomics.store(buffer, 0, 1000);
      await sleep(300);
      info.stillBlocked = c.blocked;
      info.bufferReset = Atomics.load(buffer, 0) === 0;
      c.kill(10);
      break;
    }
    case 'terminate-during-wait': {
      info.blocked = await blocked();
      await sleep(50);
      const t0 = Date.now();
      const code = await w.terminate();
      info.terminateMs = Date.now() - t0;
      info.terminateCode = code;
      info.blockedAfterTerminate = c.blocked;
      try { info.killAfterTerminate = c.kill(10); } catch (e) { info.killAfterTerminate = String(e); }
      try { info.msgKillAfterTerminate = msg.kill(10); } catch (e) { info.msgKillAfterTerminate = String(e); }
      Atomics.store(buffer, 0, 2);
      c.close();
      await sleep(100);
      break;
    }
    default:
      throw new Error(`unknown action ${cfg.action}`);
  }
  return info;
}

async function main(cfg) {
  const uncaught = [];
  process.on('uncaughtException', (e) => uncaught.push(`main uncaughtException: ${e?.stack ?? e}`));
  process.on('unhandledRejection', (e) => uncaught.push(`main unhandledRejection: ${e?.stack ?? e}`));
  const c = SignalController.create({ mode: 'sab' });
  const raw = new Int32Array(c.handle.sab);
  const ch = new MessageChannel();
  const buffer = new Int32Array(new SharedArrayBuffer(4));
  const warnings = [];
  const w = new Worker(SELF, {
    workerData: { role: 'module', cfg, sab: c.handle.sab, port: ch.port2, buffer },
    transferList: [ch.port2],
    execArgv: ['--disable-warning=ExperimentalWarning'],
  });
  const done = new Promise((resolve) => {
    w.on('message', (m) => {
      if (m.type === 'warn') warnings.push(m.s);
      if (m.type === 'status') resolve(m);
    });
    w.on('error', (e) => resolve({ type: 'status', status: null, error: `worker error: ${e?.stack ?? e}`, uncaught: [] }));
    w.on('exit', (code) => resolve({ type: 'status', status: null, exited: code, uncaught: [] }));
  });
  const ctx = { c, raw, port: ch.port1, buffer, w, ended: false };
  done.then(() => { ctx.ended = true; });
  const info = await abuse(cfg, ctx);
  const r = await done;
  await w.terminate();
  ch.port1.close();
  const result = {
    status: r.status, error: r.error ?? null, attachError: r.attachError ?? null, exited: r.exited ?? null, polluted: r.polluted ?? null,
    warnings, info, uncaught: [...uncaught, ...(r.uncaught ?? [])],
  };
  // Let late events (a rejection from a dying worker) land before reporting.
  await sleep(50);
  result.uncaught = [...uncaught, ...(r.uncaught ?? [])];
  process.stdout.write(`@@result ${JSON.stringify(result)}\n`);
  // No process.exit(): the test checks that nothing keeps the process alive.
}

if (isMainThread && process.argv[1] === SELF) await main(JSON.parse(process.argv[2]));
else if (!isMainThread && workerData?.role === 'module') await moduleMain();
