// meter.js — the workers' CPU meter (worker.js, py-worker.js): a
// Float64Array [busySince, busyTotal, asleepSince, asleepTotal] in ms, on
// performance.timeOrigin + now(), the clock the page reads it with (shared
// through a SharedArrayBuffer when the page is cross-origin isolated).
export const now = () => performance.timeOrigin + performance.now();

/** Run fn, adding its duration to meter[at + 1]; meter[at] = its start meanwhile. */
export function timed(meter, at, fn) {
  meter[at] = now();
  try {
    return fn();
  } finally {
    meter[at + 1] += now() - meter[at];
    meter[at] = 0;
  }
}
export const BUSY = 0, ASLEEP = 2;
