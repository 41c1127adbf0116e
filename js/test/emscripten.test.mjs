// emscripten.test.mjs — the Emscripten backend without -pthread (SAB mode,
// message mode, Pyodide-style buffer), module on the main thread and in a
// worker. Needs build/emscripten (make build-all).
import { resolve } from 'node:path';
import { buildDir, defineMatrix } from './helpers/matrix.mjs';

defineMatrix('emscripten', {
  program: resolve(buildDir('emscripten'), 'tests/wasm/wasm_scenarios.js'),
  flavour: 'emscripten',
  signalMode: 'sab',
});
