// wasi-run.mjs — runs a WASI (preview1) program under node:wasi for the
// parity suite: `node wasi-run.mjs prog.wasm ARGS...`. stdin/stdout/stderr
// are the process's own (the runner reads its scenario from stdin, "-"), and
// the program's exit status becomes node's, so a default action's 128+sig
// reaches run.sh as it does natively.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import process from 'node:process';

const [wasmPath, ...args] = process.argv.slice(2);
const wasi = new WASI({
  version: 'preview1',
  args: [wasmPath, ...args],
  env: {},
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const code = wasi.start(instance);
process.exitCode = code ?? 0;
