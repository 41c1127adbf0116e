// hostcore.js — the module side's mechanics that need no import: taking the
// bits of a control block, sleeping on its wake word and waking it, the host
// timer, the CPU clock. SignalHost (host.js) is built on them, and the
// Emscripten library (library_sigemu.js) embeds this file and control.js for
// its built-in host (a generated block: js/tools/gen-library.mjs), so each
// exists once. Written for Emscripten's JS optimizer too: ES2021, no class
// fields, no imports (the generator drops the import line below).
import { CTL_BITS0, CTL_BITS1, CTL_BLOCKED, CTL_POLLS, CTL_WAKE } from './control.js';

export const IS_NODE = typeof process === 'object' && !!(process.versions && process.versions.node);
export const IS_BROWSER_MAIN = typeof window === 'object' && typeof document === 'object' &&
  typeof importScripts !== 'function';
/** Longest sleep while a source that cannot wake us is attached (ms). */
export const SLICE_MS = 10;
/** Longest delay setTimeout takes: a longer one fires after ~1 ms. */
export const MAX_TIMER_MS = 0x7fffffff;

/** Take the bits of the block at view[base] into out[0..1] (exchange, never read-then-clear). */
export function takeBlock(view, base, out) {
  out[0] = (out[0] | Atomics.exchange(view, base + CTL_BITS0, 0)) >>> 0;
  out[1] = (out[1] | Atomics.exchange(view, base + CTL_BITS1, 0)) >>> 0;
  Atomics.add(view, base + CTL_POLLS, 1);
}

/** Whether the block at view[base] holds a signal not yet taken. */
export function blockReady(view, base) {
  return (Atomics.load(view, base + CTL_BITS0) | Atomics.load(view, base + CTL_BITS1)) !== 0;
}

/** Whether this thread may sleep in Atomics.wait. */
export function canBlockHere() {
  return !IS_BROWSER_MAIN && typeof Atomics.wait === 'function';
}

/** The wake word's value now: the token a waiter reads before it looks at
 *  its conditions, so that a wake in between is not lost. */
export function waitToken(view, base) {
  return Atomics.load(view, base + CTL_WAKE);
}

/**
 * Sleep on the wake word of the block at view[base] until woken or
 * timeoutMs (< 0: no limit); with token, only while the wake word still
 * holds it. sources: extra sources ({ready(), notifies}); one that cannot
 * notify cuts the sleep into SLICE_MS slices. Returns 0.
 */
export function sleepOn(view, base, timeoutMs, sources, token) {
  const seen = token === undefined ? Atomics.load(view, base + CTL_WAKE) : token | 0;
  // Counted in before it looks: postSignal sets the bit, then bumps the wake
  // word only if it sees a sleeper counted. Either it sees this one (the
  // wait below returns at once), or this count came after its bit (the look
  // below finds it).
  Atomics.add(view, base + CTL_BLOCKED, 1);
  let t = timeoutMs < 0 ? Infinity : timeoutMs;
  let ready = blockReady(view, base);
  for (const s of sources) {
    if (ready) break;
    ready = s.ready();
    if (!s.notifies) t = Math.min(t, SLICE_MS);
  }
  if (!ready) Atomics.wait(view, base + CTL_WAKE, seen, t);
  Atomics.sub(view, base + CTL_BLOCKED, 1);
  return 0;
}

/** End a sleep on the block at view[base] (any thread that shares it). */
export function wakeBlock(view, base) {
  Atomics.add(view, base + CTL_WAKE, 1);
  Atomics.notify(view, base + CTL_WAKE);
}

/** Process CPU time in ms (Node), or -1 (browsers). */
export function processCpuMs() {
  if (!IS_NODE) return -1;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * The one host timer of a module: arm(ms, cb) (re)arms it, arm(-1) cancels.
 * A delay past MAX_TIMER_MS is reached in steps (setTimeout would fire it
 * after ~1 ms, and a re-arming caller would spin). The timer is unref()ed:
 * it alone does not keep a finished Node program alive. The globals are
 * looked up at each call, so a test may replace them with a virtual clock.
 */
export class HostTimer {
  constructor() {
    this.timer = null;
    this.at = -1;
  }

  arm(ms, cb) {
    if (ms < 0) {
      this.cancel();
      return;
    }
    const at = performance.now() + ms;
    // The kit re-arms at every poll: keep a timer that is already right.
    if (this.timer && Math.abs(at - this.at) < 1) return;
    this.cancel();
    this.at = at;
    this.start(ms, cb);
  }

  start(ms, cb) {
    const step = Math.min(ms, MAX_TIMER_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      const left = this.at - performance.now();
      if (step < ms && left >= 1) {
        this.start(left, cb); // not there yet: the next step
        return;
      }
      this.at = -1;
      cb();
    }, step);
    if (this.timer && this.timer.unref) this.timer.unref();
  }

  cancel() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.at = -1;
  }
}
