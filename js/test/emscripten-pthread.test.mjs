// emscripten-pthread.test.mjs — the Emscripten backend built with -pthread:
// the controller writes the shared-memory control block and sigemu__tripped
// directly. Needs build/emscripten-pthread (tests/wasm/run.sh builds it).
import { resolve } from 'node:path';
import { buildDir, defineMatrix } from './helpers/matrix.mjs';

defineMatrix('emscripten -pthread', {
  program: resolve(buildDir('emscripten-pthread'), 'tests/wasm/wasm_scenarios.js'),
  flavour: 'emscripten',
  signalMode: 'shared',
});
