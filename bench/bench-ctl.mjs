// bench-ctl.mjs — the layout of the SharedArrayBuffer a benchmark driver
// (bench/wasm.mjs) shares with each worker (bench/bench-worker.mjs), which
// describes it.
export const CTL = { ACKS: 0, MARKS: 1, GOAL: 2, SEQ: 3, BUSY: 4, TID: 5, PEEK: 6, F64: 8 };
export const CTL_BYTES = 512;
