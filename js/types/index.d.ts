// index.d.ts — 'sigemu' (src/index.js): everything but the Node runner
// runEmscripten, which is 'sigemu/emscripten'.
export * from './signals.js';
export * from './controller.js';
export * from './host.js';
export * from './wasi.js';
export * as control from './control.js';
