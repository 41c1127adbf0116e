// hostcore.test.mjs — the module side's shared mechanics (hostcore.js):
// one control-block layout for C and JS, one copy in the Emscripten library
// (its generated block is up to date), and a host timer that reaches delays
// past setTimeout's 2^31-1 ms limit without spinning, in SignalHost and in
// the library's built-in host, on a virtual clock.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';

import * as control from '../src/control.js';
import { SignalHost } from '../src/host.js';
import { MAX_TIMER_MS } from '../src/hostcore.js';
import { generate, refreshed } from '../tools/gen-library.mjs';
import { ROOT } from './helpers/matrix.mjs';

test('control.js has the C layout (platform/wasm/wasm.h), word for word', () => {
  const h = readFileSync(resolve(ROOT, 'platform/wasm/wasm.h'), 'utf8');
  const words = [...h.matchAll(/SIGEMU__CTL_(\w+) = (\d+)/g)];
  assert.ok(words.length >= 8, 'enum not found in wasm.h');
  for (const [, name, n] of words) assert.equal(control[`CTL_${name}`], Number(n), `CTL_${name}`);
  const magic = /SIGEMU__CTL_MAGIC_VALUE (0x[0-9a-f]+)/i.exec(h);
  assert.equal(control.CTL_MAGIC_VALUE, Number(magic[1]));
});

test('library_sigemu.js embeds the current control.js and hostcore.js (node js/tools/gen-library.mjs)', () => {
  const { lib, next } = refreshed(generate());
  assert.equal(lib, next, 'the generated block is out of date');
  assert.doesNotMatch(lib.replace(generate(), ''), /BITS0 = 0|0x4d454753|1296385875/,
    'control-block numbers written by hand outside the generated block');
});

// postSignal notifies only while a sleeper is counted in BLOCKED: a worker
// that takes signals and sleeps between them (sleepOn with the token read
// before it looks, as the module does) must never sleep through one. Each
// sleep may last 30 s; every signal has to be taken within 20 s (generous:
// the machine may be loaded; a missed notify costs the whole 30 s).
test('postSignal wakes every sleeper though it notifies only while one is counted', async () => {
  const { Worker } = await import('node:worker_threads');
  const v = control.newControlBlock();
  const acks = new Int32Array(new SharedArrayBuffer(8));
  const N = 2000;
  const src = `
    const { workerData } = require('node:worker_threads');
    (async () => {
      const { sleepOn, waitToken } = await import(${JSON.stringify(new URL('../src/hostcore.js', import.meta.url).href)});
      const v = new Int32Array(workerData.sab), acks = new Int32Array(workerData.acks);
      for (let n = 0; n < ${N};) {
        const token = waitToken(v, 0);
        const bits = Atomics.exchange(v, 0, 0);
        if (bits) { n++; Atomics.add(acks, 0, 1); Atomics.notify(acks, 0); continue; }
        const t0 = Date.now();
        sleepOn(v, 0, 30000, [], token);
        if (Date.now() - t0 >= 25000 && Atomics.load(v, 0)) Atomics.add(acks, 1, 1); // slept through one
      }
    })();`;
  const w = new Worker(src, { eval: true, workerData: { sab: v.buffer, acks: acks.buffer } });
  try {
    for (let i = 0; i < N; i++) {
      // Vary the moment: sometimes the worker is asleep, sometimes about to be.
      const spinUntil = performance.now() + (i % 7) * 0.01;
      while (performance.now() < spinUntil);
      control.postSignal(v, 0, 2);
      const r = Atomics.wait(acks, 0, i, 20000);
      assert.ok(r !== 'timed-out' || Atomics.load(acks, 0) > i, `signal ${i} not taken within 20 s`);
    }
    assert.equal(Atomics.load(acks, 1), 0, 'a sleep went on past a pending signal');
    assert.equal(Atomics.load(v, control.CTL_BLOCKED), 0, 'every sleeper counted itself out');
  } finally {
    await w.terminate();
  }
});

// The sender bumps the wake word only while a sleeper is counted in, so a
// sleeper counts itself in before it looks: a signal posted after the
// sleeper's token was read and while it looks at its sources (the source's
// ready() posts it, deterministically inside that window) must end the
// sleep at once, not after its timeout.
test('a signal posted while sleepOn looks at its sources ends the sleep at once', async () => {
  const { sleepOn, waitToken } = await import('../src/hostcore.js');
  const v = control.newControlBlock();
  const token = waitToken(v, 0);
  let posted = 0;
  const src = { notifies: true, ready() { if (!posted++) control.postSignal(v, 0, 2); return false; }, take() {} };
  const t0 = performance.now();
  sleepOn(v, 0, 5000, [src], token);
  const ms = performance.now() - t0;
  assert.equal(posted >= 1, true, 'the source was not asked');
  assert.ok(ms < 2500, `slept ${ms.toFixed(0)} ms past a signal posted before it slept`);
  assert.equal(Atomics.load(v, control.CTL_BLOCKED), 0, 'counted itself out');
});

// ---- a virtual clock that keeps setTimeout's overflow rule ------------------
function virtualClock() {
  let now = 0, seq = 0;
  const timers = new Map();
  const clock = {
    calls: 0,
    now: () => now,
    setTimeout(fn, ms) {
      clock.calls++;
      // Node and browsers: a delay past 2^31-1 (or below 1) becomes 1 ms.
      const d = !(ms >= 1 && ms <= MAX_TIMER_MS) ? 1 : ms;
      const id = { id: ++seq, unref() {} };
      timers.set(id, { due: now + d, fn });
      return id;
    },
    clearTimeout(id) { timers.delete(id); },
    /** Run timers in due order up to now + ms; stops early after maxRuns. */
    advance(ms, maxRuns = 1000) {
      const end = now + ms;
      for (let runs = 0; runs < maxRuns; runs++) {
        let next = null;
        for (const [id, t] of timers) if (t.due <= end && (!next || t.due < next[1].due)) next = [id, t];
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].due;
        next[1].fn();
      }
      now = Math.max(now, end);
    },
  };
  return clock;
}

function withClock(fn) {
  const c = virtualClock();
  const saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, now: performance.now };
  globalThis.setTimeout = c.setTimeout;
  globalThis.clearTimeout = c.clearTimeout;
  performance.now = c.now;
  try {
    fn(c, globalThis);
  } finally {
    globalThis.setTimeout = saved.setTimeout;
    globalThis.clearTimeout = saved.clearTimeout;
    performance.now = saved.now;
  }
}

// The library's built-in host, evaluated as Emscripten would link it.
function libraryMinimalHost() {
  let lib = null;
  const ctx = vm.createContext({
    addToLibrary: (o) => { lib = o; }, Atomics, SharedArrayBuffer, Int32Array, Math, process,
    performance: { now: () => performance.now() },
    setTimeout: (...a) => globalThis.setTimeout(...a),
    clearTimeout: (...a) => globalThis.clearTimeout(...a),
  });
  vm.runInContext(readFileSync(resolve(ROOT, 'js/src/library_sigemu.js'), 'utf8'), ctx);
  ctx.SIGEMU = lib.$SIGEMU;
  ctx.sigemuCore = lib.$sigemuCore;
  return vm.runInContext(`(${lib.$sigemuMinimalHost.toString()})()`, ctx);
}

const LONG = 2 ** 31 + 5000; // ms: 24.9 days, past setTimeout's limit

for (const [name, make] of [['SignalHost', () => new SignalHost()], ['the library\'s built-in host', libraryMinimalHost]]) {
  test(`${name}: a timer past 2^31-1 ms fires at its deadline, not after 1 ms, and does not spin`, () => {
    withClock((clock) => {
      const host = make();
      let fired = 0;
      host.arm(LONG, () => { fired++; });
      clock.advance(1000);
      assert.equal(fired, 0, 'fired after 1 ms (setTimeout overflow)');
      clock.advance(LONG - 1000 - 2);
      assert.equal(fired, 0, 'fired before its deadline');
      assert.ok(clock.calls <= 3, `${clock.calls} setTimeout calls: the host spins`);
      clock.advance(10);
      assert.equal(fired, 1);
      // Re-arming at the same deadline keeps the timer; cancel stops it.
      host.arm(LONG, () => { fired++; });
      const calls = clock.calls;
      host.arm(LONG, () => { fired++; });
      assert.equal(clock.calls, calls, 're-arming at the same deadline made a new timer');
      host.arm(-1);
      clock.advance(LONG * 2);
      assert.equal(fired, 1, 'a cancelled timer fired');
    });
  });
}
