// bench-worker.mjs — one program under test, run inside a Node worker for
// bench/wasm.mjs: an Emscripten or WASI build of bench/bench_wasm.c (with
// sigemu's SignalHost attached), Pyodide running a Python loop (the peer),
// or a bare Atomics.wait loop (the floor of any wake-up).
//
// Shared with the driver (workerData.ack, a SharedArrayBuffer):
//   Int32 [0] acks: +1 each time a handler (or a woken wait) acknowledges
//   Int32 [1] marks: k+1 after mark(k) (0: ready, 1: done)
//   Float64 [2+2k], [3+2k]: process CPU ms and performance.now() at mark k
// The driver spins on [0] from the sending thread, so every latency is
// measured with a single clock.
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { runner, path, args = [], handle = null, ack: ackSab, pyodideDir, script } = workerData;
const ack = new Int32Array(ackSab);
const f64 = new Float64Array(ackSab);

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
function benchAck() { Atomics.add(ack, 0, 1); }
let host = null;
function benchMark(k) {
  f64[2 + 2 * k] = cpuMs();
  f64[3 + 2 * k] = performance.now();
  // The module's own handle (shared-memory mode exists only after init).
  if (k === 0 && host) parentPort.postMessage({ handle: host.handle() });
  Atomics.store(ack, 1, k + 1);
  Atomics.notify(ack, 1);
}
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
      bench: { ack: benchAck, mark: benchMark },
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
    py.registerJsModule('bench', { ack: benchAck, mark: benchMark });
    py.runPython(script);
  } else if (runner === 'sender') {
    // One of the sustained-delivery senders: kill() as fast as it can,
    // cycling through the kinds, until the module marks "done".
    const { SignalController } = await import('../js/src/controller.js');
    const ctl = SignalController.from(handle);
    const watch = new Int32Array(workerData.watch);
    const kinds = args;
    let sent = 0;
    for (let i = workerData.offset ?? 0; Atomics.load(watch, 1) < 2; i++) {
      ctl.kill(kinds[i % kinds.length]);
      sent++;
    }
    Atomics.add(ack, 0, sent);
  } else if (runner === 'atomics') {
    // The floor: a worker asleep in Atomics.wait, woken by Atomics.notify.
    const n = args[0];
    const w = new Int32Array(handle.sab);
    benchMark(0);
    for (let i = 0; i < n; i++) {
      const seen = Atomics.load(w, 2);
      Atomics.store(w, 6, 1);
      Atomics.wait(w, 2, seen, 5000);
      Atomics.store(w, 6, 0);
      benchAck();
    }
    benchMark(1);
  }
} catch (e) {
  writeSync(2, `bench-worker (${runner} ${path ?? ''} ${args.join(' ')}): ${e?.stack ?? e}\n`);
  status = 99;
}
parentPort.postMessage({ status });
