// emscripten.js — run an Emscripten-built program (its .js and .wasm, a
// plain non-MODULARIZE build such as the presets make) inside this Node
// thread, with a SignalHost attached, and get its exit status.
//
// Why not `node prog.js`: the embedder must hand the module a Module object
// (sigemuHost, quit) before it starts, and Emscripten 3.1.6 output under
// Node 20 tries fetch() for the .wasm unless given the bytes. The script is
// evaluated as CommonJS with our Module passed in, which its
// `var Module = typeof Module != 'undefined' ? Module : {}` picks up.
import { readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import vm from 'node:vm';

import { SignalHost } from './host.js';

/**
 * Run the program at jsPath. Resolves to its exit status: the status it
 * exited with, 128+sig when a default action killed it, 134 on abort().
 *   opts.args: argv[1..]; opts.host: a SignalHost (else one is made from
 *   opts.handle / opts.controller / opts.interruptBuffer);
 *   opts.print / opts.printErr: line sinks (default: synchronous writes to
 *   fds 1 and 2, so output is never lost when a worker ends);
 *   opts.onStart(host, Module): called when the program's sigemu_init ran
 *   (host.handle() then names the block a SignalController can use);
 *   opts.module: more properties of the Module object (preRun,
 *   onRuntimeInitialized, ...), set before the program starts.
 */
export function runEmscripten(jsPath, opts = {}) {
  const file = resolve(jsPath);
  const host = opts.host ?? new SignalHost(opts);
  return new Promise((resolvePromise, reject) => {
    let done = false;
    const savedExitCode = process.exitCode;
    const finish = (status) => {
      if (done) return;
      done = true;
      process.exitCode = savedExitCode;
      host.close();
      resolvePromise(status);
    };
    const Module = {
      arguments: opts.args ?? [],
      thisProgram: file,
      sigemuHost: host,
      print: opts.print ?? ((s) => writeSync(1, s + '\n')),
      printErr: opts.printErr ?? ((s) => writeSync(2, s + '\n')),
      // Emscripten 3.1.6 ends through Module.quit; later versions no longer
      // read it (3.1.69) and report a status through onExit only when the
      // runtime really exits, so main's return is caught at postRun below.
      quit(status, toThrow) {
        // Emscripten ends with quit(1, err) when JS code inside the program
        // throws: say so, or it looks exactly like the program returning 1.
        if (toThrow && !(toThrow.name === 'ExitStatus' || 'status' in toThrow))
          (opts.printErr ?? ((s) => writeSync(2, s + '\n')))(
            `sigemu: exception in the program: ${toThrow?.stack ?? toThrow}`);
        finish(status);
        throw toThrow;
      },
      onExit(status) { finish(status); },
      onAbort() { finish(134); },
      // After main: its status is what Emscripten's Node quit path stored in
      // process.exitCode. Nothing stored means main unwound into the event
      // loop (the program lives on): wait for onExit then.
      postRun() {
        if (done || process.exitCode === undefined) return;
        finish(Number(process.exitCode));
      },
    };
    Object.assign(Module, opts.module);
    process.exitCode = undefined;
    if (opts.onStart) host.onInit = () => opts.onStart(host, Module);
    const wasmPath = file.replace(/\.js$/, '.wasm');
    try {
      Module.wasmBinary = readFileSync(wasmPath);
    } catch { /* single-file build: the wasm is inside the .js */ }
    const src = readFileSync(file, 'utf8');
    const wrapper = vm.runInThisContext(
      `(function (require, module, exports, __filename, __dirname, Module) {${src}\n})`,
      { filename: file });
    const mod = { exports: {} };
    try {
      wrapper(createRequire(file), mod, mod.exports, file, dirname(file), Module);
    } catch (e) {
      if (done) return;
      reject(e);
    }
  });
}
