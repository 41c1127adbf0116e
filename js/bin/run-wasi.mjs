#!/usr/bin/env node
// run-wasi.mjs PROGRAM.wasm [ARGS...] — run a WASI program under node:wasi
// (with sigemu's host imports when it asks for them) and exit with its
// status. The current directory is preopened as ".".
import { runWasi } from '../src/wasi.js';

const [path, ...args] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: run-wasi.mjs PROGRAM.wasm [ARGS...]\n');
  process.exit(2);
}
const status = await runWasi(path, { args, env: process.env, preopens: { '.': '.' } });
process.exit(status);
