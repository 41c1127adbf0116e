// bench-worker.mjs — one program under test, run inside a Node worker for
// bench/wasm.mjs: an Emscripten or WASI build of bench/bench_wasm.c (with
// sigemu's SignalHost attached), Pyodide running a Python loop (the peer),
// a bare Atomics.wait loop (the floor of any wake-up), or a sender of the
// sustained-delivery benchmark.
//
// Shared with the driver (workerData.ack, a SharedArrayBuffer; the CTL
// indices of bench-ctl.mjs):
//   Int32 ACKS    +1 each time a handler (or a woken wait) acknowledges
//   Int32 MARKS   k+1 after mark(k) (0: ready, 1: done)
//   Int32 GOAL, SEQ  a block of trials: the driver writes GOAL (acks the
//                 block takes; 0 ends the program) and bumps SEQ
//   Int32 BUSY    1 while the program is in a block, 0 while it waits for one
//   Int32 TID     this thread's Linux thread id (the driver reads its
//                 scheduler statistics), 0 where there is none
//   Int32 PEEK    SAB mode's floor: set by the driver, taken by the program
//   Float64 [F64 + 2k], [F64 + 2k + 1]: process CPU ms, performance.now() at mark k
// The driver spins on ACKS from the sending thread, so every latency is
// measured with a single clock.
import { readlinkSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

import { CTL } from './bench-ctl.mjs';

const { runner, path, args = [], handle = null, ack: ackSab, pyodideDir, script } = workerData;
const ack = new Int32Array(ackSab);
const f64 = new Float64Array(ackSab);

/** This thread's id, from /proc/thread-self (Linux); 0 elsewhere. */
function threadId() {
  try { return Number(readlinkSync('/proc/thread-self').split('/').pop()) || 0; } catch { return 0; }
}
Atomics.store(ack, CTL.TID, threadId());

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
function benchAck() {
  Atomics.add(ack, CTL.ACKS, 1);
  Atomics.notify(ack, CTL.ACKS); // a driver that stopped spinning sleeps on it
}
let host = null;
function benchMark(k) {
  f64[CTL.F64 + 2 * k] = cpuMs();
  f64[CTL.F64 + 2 * k + 1] = performance.now();
  // The module's own handle (shared-memory mode exists only after init).
  if (k === 0 && host) parentPort.postMessage({ handle: host.handle() });
  Atomics.store(ack, CTL.MARKS, k + 1);
  Atomics.notify(ack, CTL.MARKS);
}
/** Wait for the driver's next block; its number of acks (0: the end). */
let seenSeq = 0;
function benchRound() {
  Atomics.store(ack, CTL.BUSY, 0);
  Atomics.notify(ack, CTL.BUSY);
  for (;;) {
    const s = Atomics.load(ack, CTL.SEQ);
    if (s !== seenSeq) { seenSeq = s; break; }
    Atomics.wait(ack, CTL.SEQ, s, 1000);
  }
  const goal = Atomics.load(ack, CTL.GOAL);
  Atomics.store(ack, CTL.BUSY, 1);
  return goal;
}
/** SAB mode's floor: the word the driver sets, taken with one exchange. */
function benchPeek() { return Atomics.exchange(ack, CTL.PEEK, 0); }
const print = (s) => writeSync(1, s + '\n');

let status = 0;
try {
  if (runner === 'emscripten') {
    const { runEmscripten } = await import('../js/src/emscripten.js');
    const { SignalHost } = await import('../js/src/host.js');
    host = new SignalHost(handle ? { handle } : {});
    status = await runEmscripten(path, {
      args, host, print,
      onStart(h, Module) {
        Module.benchAck = benchAck;
        Module.benchMark = benchMark;
        Module.benchRound = benchRound;
        Module.benchPeek = benchPeek;
        // The floors of shared-memory mode: where the plain word lives.
        Module.benchWord = (addr) => parentPort.postMessage({ word: addr, memory: h.handle().memory });
      },
    });
  } else if (runner === 'wasi') {
    const { WASI } = await import('node:wasi');
    const { readFileSync } = await import('node:fs');
    const { sigemuImports, needsSigemuImports } = await import('../js/src/wasi.js');
    const { SignalHost } = await import('../js/src/host.js');
    const module = await WebAssembly.compile(readFileSync(path));
    const wasi = new WASI({ version: 'preview1', args: [path, ...args], env: {}, returnOnExit: true });
    let instance = null;
    const imports = {
      wasi_snapshot_preview1: wasi.wasiImport,
      bench: { ack: benchAck, mark: benchMark, round: benchRound },
    };
    if (needsSigemuImports(module)) {
      host = new SignalHost(handle ? { handle } : {});
      imports.sigemu = sigemuImports(host, () => instance);
    }
    instance = await WebAssembly.instantiate(module, imports);
    host?._init({ memory: instance.exports.memory });
    status = wasi.start(instance);
    host?.close();
  } else if (runner === 'pyodide') {
    const { loadPyodide } = await import(`${pyodideDir}/pyodide.mjs`);
    const py = await loadPyodide({ indexURL: pyodideDir + '/' });
    if (handle?.kind === 'buffer') py.setInterruptBuffer(new Int32Array(handle.sab));
    py.registerJsModule('bench', { ack: benchAck, mark: benchMark, round: benchRound });
    py.runPython(script);
  } else if (runner === 'sender') {
    // One of the sustained-delivery senders: kill() as fast as it can,
    // cycling through the kinds, until the module marks "done".
    const { SignalController } = await import('../js/src/controller.js');
    const ctl = SignalController.from(handle);
    const watch = new Int32Array(workerData.watch);
    const kinds = args;
    let sent = 0;
    for (let i = workerData.offset ?? 0; Atomics.load(watch, CTL.MARKS) < 2; i++) {
      // The module may close its block (it is done) before this thread
      // sees its "done" mark: a refused kill ends the run, it is not sent.
      try { ctl.kill(kinds[i % kinds.length]); } catch (e) {
        if (/closed/.test(e.message)) break;
        throw e;
      }
      sent++;
    }
    Atomics.add(ack, CTL.ACKS, sent);
  } else if (runner === 'atomics') {
    // The floor of a wake: asleep in Atomics.wait, woken by Atomics.notify
    // on word 2 of the handle's buffer (word 6 says "asleep"), n times.
    const n = args[0];
    const w = new Int32Array(handle.sab);
    benchMark(0);
    for (let i = 0; i < n; i++) {
      const seen = Atomics.load(w, 2);
      Atomics.store(w, 6, 1);
      Atomics.wait(w, 2, seen, 10000);
      Atomics.store(w, 6, 0);
      benchAck();
    }
    benchMark(1);
  } else if (runner === 'idle') {
    // The floor of the CPU a wait costs: one Atomics.wait of 1 s.
    const w = new Int32Array(new SharedArrayBuffer(4));
    benchMark(0);
    Atomics.wait(w, 0, 0, 1000);
    benchMark(1);
  }
} catch (e) {
  writeSync(2, `bench-worker (${runner} ${path ?? ''} ${args.join(' ')}): ${e?.stack ?? e}\n`);
  status = 99;
}
parentPort.postMessage({ status });
