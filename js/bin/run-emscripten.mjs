#!/usr/bin/env node
// run-emscripten.mjs PROGRAM.js [ARGS...] — run an Emscripten program in
// this Node process (its .wasm beside it) with sigemu's host attached, and
// exit with its status. Works for -pthread builds too.
import { runEmscripten } from '../src/emscripten.js';

const [path, ...args] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: run-emscripten.mjs PROGRAM.js [ARGS...]\n');
  process.exit(2);
}
const status = await runEmscripten(path, { args });
process.exit(status);
