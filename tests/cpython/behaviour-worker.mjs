// tests/cpython/behaviour-worker.mjs — runs one wasm interpreter for
// behaviour.mjs in a worker thread and reports to it: {line} per stdout line,
// {err} per stderr line, {channel} once it is known how signals can reach
// the interpreter, {status} at the end.
import { parentPort, workerData } from 'node:worker_threads';

import { SignalHost } from '../../js/src/host.js';
import { describe, runPython } from '../../python/python.mjs';

import { openSync } from 'node:fs';

const { dir, args, handle, pyodideBuffer, stdoutFile, stderrFile } = workerData;
const info = describe(dir);
const post = (m) => parentPort.postMessage(m);
const opts = {
  print: (line) => post({ line }),
  printErr: (err) => post({ err }),
};
if (handle) opts.host = new SignalHost({ handle });
if (info.target === 'emscripten' && pyodideBuffer) {
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
if (info.target === 'wasi') {
  // runWasi adds sigemu's imports only when the module asks for them.
  opts.onStart = (host) => post({ channel: host ? 'SignalController' : 'none (pure WASI module: no sigemu imports)' });
  // node:wasi writes to file descriptors, not to callbacks: the parent
  // thread reads these files as they grow.
  opts.stdout = openSync(stdoutFile, 'w');
  opts.stderr = openSync(stderrFile, 'w');
}
const status = await runPython(dir, args, opts);
post({ status });
