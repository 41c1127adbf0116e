// index.js — the sigemu npm package: send signals to a WebAssembly program
// built with sigemu, from the page, the Node main thread or any worker.
//   SignalController  the sending side (kill, close), shareable by handle
//   SignalHost        the module side, given to the Emscripten glue
//                     (Module.sigemuHost) or to the WASI imports
//   sigemuImports / runWasi        WASI with host imports, node:wasi runner
//   runEmscripten                  Node runner for Emscripten programs
// Browsers and bundlers: nothing here imports a node: module (runWasi
// fetches node:wasi when called); the Node-only runner runEmscripten lives in
// its own entry point, 'sigemu/emscripten', exported under the "node"
// condition only.
export { SignalController } from './controller.js';
export { SignalHost } from './host.js';
export { sigemuImports, needsSigemuImports, runWasi, IMPORT_MODULE } from './wasi.js';
export { signalNumber, signalName, isValidSignal, MAX_SIGNAL } from './signals.js';
export * as control from './control.js';
