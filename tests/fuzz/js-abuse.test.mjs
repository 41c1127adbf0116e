// js-abuse.test.mjs — the JS host under abuse (robustness issue, JS part).
// The sigemu npm package (js/) sits between untrusted senders (a page, other
// workers, whatever can write into a SharedArrayBuffer or post on a port)
// and a wasm program that must only ever see valid signals. This file
// abuses every way in and checks what the program and the process observe:
//   - SignalController.kill() with bad values throws RangeError / TypeError
//     (types/index.d.ts, docs/wasm.md) and leaves the control block as it was;
//   - malformed / hostile messages in message mode are ignored with exactly
//     one warning, the program keeps running and later real signals arrive;
//   - garbage bits written straight into the control block: the reserved
//     32/33 never reach the program, valid bits do;
//   - a Pyodide-style buffer with garbage values: dropped and reset to 0;
//   - a controller closed, or the module's worker terminated, while the
//     module waits (sigwait, sigtimedwait, sigemu_sleep, pause): no hang, no
//     exception escaping, kill() afterwards as documented.
// Program-level runs use tests/fuzz/js/abuse_prog.c (built on demand by
// tests/fuzz/js/build.mjs against build/emscripten and build/wasi; skipped
// with the reason when those are missing) and run each abuse in a fresh
// process (tests/fuzz/js/driver.mjs), killed after a timeout.
//
// Run: node --test tests/fuzz/js-abuse.test.mjs (from the repo root, or via
// tests/fuzz/run.sh test).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, test } from 'node:test';

import { SignalController, SignalHost } from '../../js/src/index.js';
import { CTL_BITS0, CTL_BITS1, CTL_CLOSED, CTL_MAGIC, CTL_WORDS } from '../../js/src/control.js';
import { ROOT, buildAll } from './js/build.mjs';

// ---- process-level guards ------------------------------------------------
// Anything that escapes to the process fails the test during which it came.
const escaped = [];
process.on('uncaughtException', (e) => escaped.push(`uncaughtException: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => escaped.push(`unhandledRejection: ${e?.stack ?? e}`));
afterEach(() => {
  const e = escaped.splice(0);
  assert.deepEqual(e, [], 'an exception or rejection escaped to the process');
});

const T = { timeout: 30000 };
const take = (host) => { const b = new Uint32Array(2); host.poll(b); return [...b]; };
const snapshot = (c) => [...new Int32Array(c.handle.sab).slice(0, CTL_WORDS)];

/** Values kill() must refuse, with the error class the docs promise. */
const BAD_NUMBERS = [0, 65, 128, 2 ** 31, 2 ** 32 + 2, 2 ** 53, -1, -0, -(2 ** 31), 32, 33,
  2.5, 2 + 1e-9, NaN, Infinity, -Infinity];
const BAD_NAMES = ['SIGFOO', '', 'SIG', 'sig', '2', ' SIGINT', 'SIGINT ', 'SIGINT\0',
  'SIGRTMIN+31', 'SIGRTMAX-31', 'SIGRTMIN-1', 'SIGRTMIN+1e1', 'SIGRTMIN+99999999999999999999',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'SIG__PROTO__', 'x'.repeat(1 << 20)];
const BAD_TYPES = [null, undefined, true, {}, [], [2], ['SIGINT'], 2n, Symbol('SIGINT'),
  new Number(2), new String('SIGINT'), () => 2, { valueOf: () => 2, toString: () => 'SIGINT' },
  Object.create(null)];

function expectRefused(c, sig) {
  const before = snapshot(c);
  const cls = typeof sig === 'number' || typeof sig === 'string' ? RangeError : TypeError;
  assert.throws(() => c.kill(sig), cls, `kill(${describeValue(sig)})`);
  assert.deepEqual(snapshot(c), before, `kill(${describeValue(sig)}) changed the control block`);
}
function describeValue(v) {
  try { return typeof v === 'string' ? JSON.stringify(v.slice(0, 20)) : String(v); } catch { return typeof v; }
}

// ---- the controller alone --------------------------------------------------
describe('SignalController.kill with bad input', () => {
  test('numbers out of range, non-integers, NaN, Infinity: RangeError, block unchanged', T, () => {
    const c = SignalController.create({ mode: 'sab' });
    for (const n of BAD_NUMBERS) expectRefused(c, n);
    assert.equal(c.sent, 0);
    assert.equal(c.undelivered, 0n);
    // A valid kill afterwards sets exactly its own bit.
    assert.equal(c.kill(2), 2);
    assert.equal(c.undelivered, 1n << 1n);
    assert.deepEqual(take(new SignalHost({ handle: c.handle })), [2, 0]);
  });

  test('names that do not exist: RangeError, block unchanged', T, () => {
    const c = SignalController.create({ mode: 'sab' });
    for (const s of BAD_NAMES) expectRefused(c, s);
    assert.equal(c.kill('sigusr1'), 10, 'names are case-insensitive (documented)');
    assert.equal(c.undelivered, 1n << 9n);
  });

  test('signals of the wrong type: TypeError, block unchanged', T, () => {
    const c = SignalController.create({ mode: 'sab' });
    for (const v of BAD_TYPES) expectRefused(c, v);
    assert.equal(c.sent, 0);
    assert.equal(c.undelivered, 0n);
  });

  test('message mode refuses the same values and posts nothing', T, () => {
    const c = SignalController.create({ mode: 'message' });
    const warnings = [];
    const host = new SignalHost({ handle: c.handle, warn: (s) => warnings.push(s) });
    for (const v of [...BAD_NUMBERS, ...BAD_NAMES, ...BAD_TYPES])
      assert.throws(() => c.kill(v), typeof v === 'number' || typeof v === 'string' ? RangeError : TypeError);
    assert.deepEqual(take(host), [0, 0], 'a refused kill reached the module');
    c.kill('SIGTERM');
    assert.deepEqual(take(host), [1 << 14, 0]);
    assert.deepEqual(warnings, []);
    c.close();
  });

  test('a closed controller throws on kill (every mode); a closed module makes kill throw', T, () => {
    for (const mode of ['sab', 'message']) {
      const c = SignalController.create({ mode });
      const host = new SignalHost({ handle: c.handle });
      c.close();
      c.close(); // twice is fine
      assert.throws(() => c.kill(2), /SignalController is closed/);
      assert.throws(() => c.kill('SIGFOO'), /closed/, 'closed is reported before validation');
      assert.deepEqual(take(host), [0, 0]);
    }
    const c = SignalController.create({ mode: 'sab' });
    new SignalHost({ handle: c.handle }).close();
    const before = snapshot(c);
    assert.throws(() => c.kill(2), /closed its control block/);
    assert.deepEqual(snapshot(c), before);
  });

  test('a polluted Object.prototype cannot make kill() write outside the bit words', T, () => {
    // kill('SIGFOO') looks names up in an alias table; with SIGFOO on
    // Object.prototype the lookup must still fail, and nothing past
    // BITS0/BITS1 may be touched.
    const c = SignalController.create({ mode: 'sab' });
    const before = snapshot(c);
    Object.prototype.SIGFOO = 99; // eslint-disable-line no-extend-native
    Object.prototype.SIGBAR = 33; // eslint-disable-line no-extend-native
    let r1, r2;
    try {
      r1 = (() => { try { return c.kill('SIGFOO'); } catch (e) { return e; } })();
      r2 = (() => { try { return c.kill('SIGBAR'); } catch (e) { return e; } })();
    } finally {
      delete Object.prototype.SIGFOO;
      delete Object.prototype.SIGBAR;
    }
    assert.deepEqual(snapshot(c), before,
      `the control block changed (kill('SIGFOO') returned ${describeValue(r1)}, kill('SIGBAR') ${describeValue(r2)})`);
    assert.ok(r1 instanceof RangeError, `kill('SIGFOO') returned ${describeValue(r1)}`);
    assert.ok(r2 instanceof RangeError, `kill('SIGBAR') returned ${describeValue(r2)}`);
  });
});

// ---- the control block written by someone else -----------------------------
describe('SAB control block abuse, seen through SignalHost.poll', () => {
  test('garbage outside the bit words is never taken as signals', T, () => {
    const c = SignalController.create({ mode: 'sab' });
    const host = new SignalHost({ handle: c.handle });
    const v = new Int32Array(c.handle.sab);
    for (let i = 2; i < CTL_WORDS; i++) if (i !== CTL_MAGIC && i !== CTL_CLOSED) v[i] = -1;
    assert.deepEqual(take(host), [0, 0]);
    c.kill(64);
    assert.deepEqual(take(host), [0, 0x80000000], 'a valid kill still arrives, alone');
  });

  test('a block whose magic was overwritten is refused by from(); the old controller still works', T, () => {
    const c = SignalController.create({ mode: 'sab' });
    const host = new SignalHost({ handle: c.handle });
    const v = new Int32Array(c.handle.sab);
    v[CTL_MAGIC] = 0x12345678;
    assert.throws(() => SignalController.from(c.handle), TypeError);
    c.kill(15);
    assert.deepEqual(take(host), [1 << 14, 0]);
  });

  test('SignalHost.attach refuses a sab handle without a usable control block', T, () => {
    // SignalController's constructor checks this; the host must too, or the
    // bad block is only noticed inside the program's poll (a RangeError /
    // TypeError thrown into the wasm code; see the program-level test).
    const bad = [new SharedArrayBuffer(4), new ArrayBuffer(32), 42, 'x', null];
    const accepted = [];
    for (const sab of bad) {
      const host = new SignalHost();
      try {
        host.attach({ kind: 'sab', sab });
        accepted.push(describeValue(sab));
      } catch (e) {
        assert.ok(e instanceof TypeError, `attach(${describeValue(sab)}) threw ${e}`);
      }
    }
    assert.deepEqual(accepted, [], 'attach accepted these sab handles');
  });

  test('SignalHost.attach refuses a message handle whose port is not a port', T, () => {
    const accepted = [];
    for (const port of [{}, 42, 'port', { postMessage() {} }]) {
      const host = new SignalHost();
      try {
        host.attach({ kind: 'message', port });
        accepted.push(describeValue(port));
      } catch (e) {
        assert.ok(e instanceof TypeError, `attach threw ${e}`);
      }
    }
    assert.deepEqual(accepted, [], 'attach accepted these ports');
  });
});

// ---- message mode, in process ------------------------------------------------
describe('message mode with hostile messages (SignalHost alone)', () => {
  test('one warning for any number of malformed messages, through the warn hook', T, () => {
    const raw = new MessageChannel();
    const warnings = [];
    const host = new SignalHost({ handle: { kind: 'message', port: raw.port2 }, warn: (s) => warnings.push(s) });
    const cyclic = {}; cyclic.self = cyclic;
    for (const m of [null, 'x', [], {}, cyclic, { sigemu: 1, type: 'kill', sig: 2n },
      { sigemu: 1, type: 'kill', sig: NaN }, { sigemu: 1, type: 'kill', sig: 65 }])
      raw.port1.postMessage(m);
    raw.port1.postMessage({ sigemu: 1, type: 'kill', sig: 2 });
    assert.deepEqual(take(host), [2, 0]);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /malformed signal message/);
    raw.port1.close();
  });

  test('without a warn hook the one warning goes to console.warn', T, () => {
    const raw = new MessageChannel();
    const seen = [];
    const orig = console.warn;
    console.warn = (...a) => seen.push(a.join(' '));
    try {
      const host = new SignalHost({ handle: { kind: 'message', port: raw.port2 } });
      for (let i = 0; i < 5; i++) raw.port1.postMessage({ sigemu: 1, type: 'kill', sig: -i });
      assert.deepEqual(take(host), [0, 0]);
    } finally {
      console.warn = orig;
      raw.port1.close();
    }
    assert.equal(seen.length, 1, seen.join('\n'));
  });

  test('__proto__ / constructor keys neither deliver nor pollute', T, () => {
    const raw = new MessageChannel();
    const host = new SignalHost({ handle: { kind: 'message', port: raw.port2 }, warn: () => {} });
    raw.port1.postMessage(JSON.parse('{"__proto__": {"sigemu": 1, "type": "kill", "sig": 15}}'));
    raw.port1.postMessage(JSON.parse('{"constructor": {"prototype": {"sigemu": 1}}}'));
    raw.port1.postMessage({ __proto__: { sigemu: 1, type: 'kill', sig: 15 } });
    assert.deepEqual(take(host), [0, 0]);
    assert.equal(({}).sigemu, undefined);
    assert.equal(host.acceptMessage(JSON.parse('{"__proto__": {"sigemu": 1, "type": "kill", "sig": 15}, "sigemu": 1}')), true);
    assert.deepEqual(take(host), [0, 0], 'an own __proto__ key is not a kill message');
    raw.port1.close();
  });

  test('a polluted Object.prototype does not turn plain messages into kills', T, () => {
    // Only a message's own properties may make it a kill message.
    const raw = new MessageChannel();
    const host = new SignalHost({ handle: { kind: 'message', port: raw.port2 }, warn: () => {} });
    raw.port1.postMessage({});
    raw.port1.postMessage({ hello: 'world' });
    let bits;
    Object.assign(Object.prototype, { sigemu: 1, type: 'kill', sig: 15 }); // eslint-disable-line no-extend-native
    try {
      bits = take(host);
    } finally {
      delete Object.prototype.sigemu;
      delete Object.prototype.type;
      delete Object.prototype.sig;
      raw.port1.close();
    }
    assert.deepEqual(bits, [0, 0], 'plain objects were taken as SIGTERM');
  });

  test('acceptMessage: the signal delivered is the one validated (accessor properties)', T, () => {
    // A message routed by the app may have accessors; validation and
    // delivery must read sig once, so a value that changes between the
    // two can never deliver an unvalidated signal (here 1.5 -> SIGHUP).
    const host = new SignalHost({ warn: () => {} });
    let reads = 0;
    host.acceptMessage({ sigemu: 1, type: 'kill', get sig() { return reads++ ? 1.5 : 2; } });
    const bits = take(host);
    assert.ok(bits[0] === 2 || bits[0] === 0, `delivered bits ${bits} (expected SIGINT or nothing)`);
    assert.equal(bits[1], 0);
  });

  test('acceptMessage with a throwing getter leaves the host working', T, () => {
    const warnings = [];
    const host = new SignalHost({ warn: (s) => warnings.push(s) });
    const evil = { sigemu: 1, type: 'kill', get sig() { throw new Error('boom'); } };
    try { host.acceptMessage(evil); } catch { /* the app's own object threw in the app's call */ }
    assert.deepEqual(take(host), [0, 0]);
    assert.equal(host.acceptMessage({ sigemu: 1, type: 'kill', sig: 10 }), true);
    assert.deepEqual(take(host), [1 << 9, 0]);
    assert.ok(warnings.length <= 1);
  });
});

// ---- Pyodide-style buffer, in process ----------------------------------------
describe('Pyodide-style interrupt buffer with garbage (SignalHost alone)', () => {
  test('bad values are dropped and reset to 0; 2 still delivers SIGINT', T, () => {
    const buf = new Int32Array(new SharedArrayBuffer(4));
    const host = new SignalHost({ interruptBuffer: buf, warn: () => {} });
    for (const v of [-1, 65, 1000, 32, 33, 0x7fffffff, -0x80000000]) {
      buf[0] = v;
      assert.deepEqual(take(host), [0, 0], `value ${v} delivered something`);
      assert.equal(buf[0], 0, `value ${v} was not reset`);
    }
    buf[0] = 0;
    assert.deepEqual(take(host), [0, 0]);
    buf[0] = 2;
    assert.deepEqual(take(host), [2, 0]);
    assert.equal(buf[0], 0);
  });

  test('setInterruptBuffer refuses what is not an Int32Array with a slot', T, () => {
    const host = new SignalHost();
    for (const b of [null, [2], new Uint32Array(1), new Int32Array(0), new SharedArrayBuffer(4), {}, 2])
      assert.throws(() => host.setInterruptBuffer(b), TypeError);
    assert.deepEqual(take(host), [0, 0]);
  });
});

// ---- the real program ---------------------------------------------------------
const progs = await buildAll();
const DRIVER = resolve(ROOT, 'tests/fuzz/js/driver.mjs');

/** One abuse run in a fresh process; killed after timeoutMs. */
function drive(cfg, timeoutMs = 25000) {
  return new Promise((res) => {
    const t0 = Date.now();
    const p = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', DRIVER, JSON.stringify(cfg)],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
    let out = '', err = '', timedOut = false;
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { timedOut = true; p.kill('SIGKILL'); }, timeoutMs);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      const m = /^@@result (.*)$/m.exec(out);
      const r = m ? JSON.parse(m[1]) : {};
      const stdout = out.replace(/^@@result .*\n?/m, '');
      const line = (k) => (new RegExp(`^${k}=(.*)$`, 'm').exec(stdout) ?? [])[1] ?? null;
      res({ ...r, code, signal, timedOut, ms: Date.now() - t0, stdout, stderr: err, line,
        hasResult: !!m, why: `exit ${code}${signal ? ` (${signal})` : ''}${timedOut ? ', TIMED OUT' : ''}\nstdout:\n${out}\nstderr:\n${err}` });
    });
  });
}

/** The driver process ended by itself, cleanly, and nothing escaped. */
function clean(r) {
  assert.equal(r.timedOut, false, `the run hung: ${r.why}`);
  assert.ok(r.hasResult, `no result line: ${r.why}`);
  assert.equal(r.code, 0, `driver exit: ${r.why}`);
  assert.deepEqual(r.uncaught, [], r.why);
  assert.equal(r.error, null, `the program saw an exception: ${r.why}`);
}
function programOk(r) {
  clean(r);
  assert.equal(r.line('result'), 'ok', r.why);
  assert.equal(r.status, 0, r.why);
  assert.equal(r.line('nonzero') ?? '0', '0', r.why);
}

const VALID_ALL = [];
for (let s = 1; s <= 64; s++) if (s !== 32 && s !== 33) VALID_ALL.push(s);

for (const flavour of ['emscripten', 'wasi']) {
  const built = progs[flavour];
  const title = flavour === 'wasi' ? 'WASI with host imports' : 'Emscripten';
  describe(`${title}: the program under abuse (module in a worker)`, { concurrency: 2 }, () => {
    const go = (args, action, extra = {}) => drive({ flavour, program: built.path, args, action, ...extra });
    const t = (name, fn) => test(name, T, async (ctx) => {
      if (built.skip) { ctx.skip(built.skip); return; }
      await fn();
    });

    t('malformed messages: ignored with one warning, real signals after them are pending', async () => {
      const r = await go(['pending'], 'messages');
      programOk(r);
      assert.equal(r.info.alive, true, 'the module never polled');
      assert.equal(r.info.getterThrew, true, 'a throwing getter throws in the sender, while cloning');
      assert.equal(r.line('pending'), '2,10,12', r.why);
      assert.equal(r.warnings.length, 1, r.warnings.join('\n'));
      assert.match(r.warnings[0], /malformed signal message/);
      assert.equal(r.polluted, false, 'a __proto__ key polluted the module realm');
    });

    t('malformed messages: handlers run once each for the real signals only', async () => {
      const r = await go(['handlers'], 'messages');
      programOk(r);
      assert.equal(r.line('calls'), '2:1,10:1,12:1', r.why);
      assert.equal(r.warnings.length, 1, r.warnings.join('\n'));
    });

    t('garbage in the control block: 32/33 and the counter words ignored, bits 0 and 63 delivered', async () => {
      const r = await go(['pending'], 'sab-garbage');
      programOk(r);
      assert.equal(r.line('pending'), '1,12,64', r.why);
      assert.deepEqual(r.warnings, []);
    });

    t('all ones but SIGKILL/SIGSTOP: pending is the valid signals, SIGCONT cancelled', async () => {
      const r = await go(['pending'], 'sab-all-ones', { spareKillStop: true });
      programOk(r);
      const pending = r.line('pending').split(',').map(Number);
      // The host's signals are taken in ascending order, so SIGTSTP, SIGTTIN
      // and SIGTTOU come after SIGCONT and discard it (Linux: a stop signal
      // discards a pending SIGCONT, and SIGCONT the pending stop signals).
      assert.deepEqual(pending, VALID_ALL.filter((s) => s !== 9 && s !== 19 && s !== 18), r.why);
    });

    t('all ones: SIGKILL among them ends the program with status 137, nothing escapes', async () => {
      const r = await go(['pending'], 'sab-all-ones');
      clean(r);
      assert.equal(r.status, 137, r.why);
      assert.equal(r.line('result'), null, 'the program went on after SIGKILL');
    });

    t('Pyodide buffer garbage (-1, 65, 1000, 32, 33, ±2^31): dropped, reset; 2 delivers SIGINT', async () => {
      const r = await go(['pending'], 'pyodide-garbage');
      programOk(r);
      assert.deepEqual(r.info.resets, [true, true, true, true, true, true, true, true], 'a value was not reset to 0');
      assert.equal(r.line('pending'), '2,12', r.why);
    });

    t('a waiting module woken by garbage only keeps waiting; a real SIGUSR1 ends the wait', async () => {
      const r = await go(['sigwait'], 'garbage-during-wait');
      programOk(r);
      assert.equal(r.info.blocked, true, 'the module never blocked');
      assert.equal(r.info.stillBlocked, true, 'garbage ended the wait');
      assert.equal(r.info.bufferReset, true);
      assert.match(r.stdout, /^r=0 \(SIGEMU_OK\) sig=10 /m, r.why);
    });

    t('controller closed during sigtimedwait(1.5 s): the wait ends by its timeout; kill() then throws', async () => {
      const r = await go(['sigtimedwait', '1500'], 'close-during-wait');
      programOk(r);
      assert.equal(r.info.blocked, true, 'the module never blocked');
      assert.match(r.info.killAfterClose, /SignalController is closed/);
      assert.match(r.info.msgKillAfterClose, /SignalController is closed/);
      const m = /^r=(-?\d+) \((\w+)\) sig=0 ms=(\d+)/m.exec(r.stdout);
      assert.ok(m, r.why);
      assert.equal(m[2], 'SIGEMU_EAGAIN', r.why);
      assert.ok(+m[3] >= 1400 && +m[3] < 10000, `waited ${m[3]} ms`);
    });

    t('controller closed during sigemu_sleep(1 s): the sleep ends at its deadline', async () => {
      const r = await go(['sleep', '1000'], 'close-during-wait');
      programOk(r);
      assert.equal(r.info.blocked, true, 'the module never blocked');
      const m = /^r=0 \(SIGEMU_OK\) calls=0 ms=(\d+)/m.exec(r.stdout);
      assert.ok(m, r.why);
      assert.ok(+m[1] >= 950 && +m[1] < 10000, `slept ${m[1]} ms`);
    });

    t('controller closed during sigwait: still waiting (close only stops that sender); another controller ends it', async () => {
      const r = await go(['sigwait'], 'close-during-wait', { thenKill: true });
      programOk(r);
      assert.equal(r.info.stillBlocked, true, 'closing the controller ended the wait');
      assert.match(r.info.killAfterClose, /SignalController is closed/);
      assert.match(r.stdout, /^r=0 \(SIGEMU_OK\) sig=10 /m, r.why);
    });

    t('controller closed during pause: same, the handler runs once when another controller sends', async () => {
      const r = await go(['pause'], 'close-during-wait', { thenKill: true });
      programOk(r);
      assert.equal(r.info.stillBlocked, true);
      assert.match(r.stdout, /^r=0 \(SIGEMU_OK\) calls=1 /m, r.why);
    });

    t('worker terminated while blocked in sigwait: no exception, kill() on the orphan works, the process exits', async () => {
      const r = await go(['sigwait'], 'terminate-during-wait');
      clean(r);
      assert.equal(r.info.blocked, true, 'the module never blocked');
      assert.ok(r.info.terminateMs < 5000, `terminate took ${r.info.terminateMs} ms`);
      assert.equal(r.info.killAfterTerminate, 10, `kill() on the orphan: ${r.info.killAfterTerminate}`);
      assert.equal(r.info.msgKillAfterTerminate, 10);
      assert.equal(r.line('result'), null, 'the program finished although terminated');
    });

    for (const badAttach of ['small-sab', 'not-a-port']) {
      t(`a bad handle given to SignalHost.attach (${badAttach}) never throws into the program`, async () => {
        // Either attach() refuses it (TypeError), or the program runs
        // undisturbed; today neither happens: the poll import throws.
        const r = await go(['pending'], 'messages', { badAttach });
        if (r.attachError) assert.match(r.attachError, /^TypeError/);
        programOk(r);
        assert.equal(r.line('pending'), '2,10,12', r.why);
      });
    }
  });
}
