// tests/cpython/behaviour-worker.mjs — runs one wasm interpreter for
// behaviour.mjs in a worker thread. The interpreter writes to the process's
// fds 1 and 2; the worker reports {channel} once it is known how signals
// can reach the interpreter, and {status} at the end.
import { parentPort, workerData } from 'node:worker_threads';

import { SignalHost } from '../../js/src/host.js';
import { describe, runPython } from '../../python/python.mjs';

const { dir, args, handle, pyodideBuffer, env, sharedHandle } = workerData;
const info = describe(dir);
const post = (m) => parentPort.postMessage(m);
const opts = {};
if (env) opts.env = env;
if (handle) opts.host = new SignalHost({ handle });
if (info.target.startsWith('emscripten') && pyodideBuffer) {
  // CPython's own hook (Python/emscripten_signal.c), as Pyodide uses it.
  opts.module = {
    onRuntimeInitialized() {
      const flag = this._Py_EMSCRIPTEN_SIGNAL_HANDLING;
      if (typeof flag !== 'number') { post({ channel: 'none (no Py_EMSCRIPTEN_SIGNAL_HANDLING)' }); return; }
      this.Py_EmscriptenSignalBuffer = pyodideBuffer;
      this.HEAP8[flag] = 1;
      post({ channel: 'Pyodide interrupt buffer' });
    },
  };
}
if (sharedHandle) {
  // Emscripten -pthread: the module's own block, known once sigemu_init ran.
  opts.onStart = (host) => post({ channel: 'SignalController', handle: host.handle() });
}
if (info.target === 'wasi') {
  // runWasi adds sigemu's imports only when the module asks for them.
  opts.onStart = (host) => post({ channel: host ? 'SignalController'
    : env?.SIGEMU_SIGNAL_FILE ? 'signal file (SIGEMU_SIGNAL_FILE)' : 'none (pure WASI module: no sigemu imports)' });
}
const status = await runPython(dir, args, opts);
post({ status });
