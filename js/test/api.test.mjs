// api.test.mjs — the JS package alone (no wasm): names, validation, the
// control block protocol, message validation and the Pyodide buffer, as the
// module side sees them through SignalHost.poll.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SignalController, SignalHost, signalName, signalNumber } from '../src/index.js';
import { CTL_BITS0, CTL_MAGIC, CTL_MAGIC_VALUE, CTL_POLLS, CTL_SEQ } from '../src/control.js';

const take = (host) => { const b = new Uint32Array(2); host.poll(b); return b; };

test('signal names and numbers (Linux numbering)', () => {
  assert.equal(signalNumber('SIGINT'), 2);
  assert.equal(signalNumber('term'), 15);
  assert.equal(signalNumber('SIGRTMIN+2'), 36);
  assert.equal(signalNumber('SIGIOT'), 6);
  assert.equal(signalName(64), 'SIGRTMAX');
  for (const bad of [0, 32, 33, 65, -1, 2.5]) assert.throws(() => signalNumber(bad), RangeError);
  assert.throws(() => signalNumber('SIGNOPE'), RangeError);
  assert.throws(() => signalNumber({}), TypeError);
});

test('kill sets the bit, bumps the counters; bad input changes nothing', () => {
  const c = SignalController.create({ mode: 'sab' });
  const v = new Int32Array(c.handle.sab);
  assert.throws(() => c.kill(99), RangeError);
  assert.throws(() => c.kill('SIGFOO'), RangeError);
  assert.equal(v[CTL_SEQ], 0);
  assert.equal(c.kill('SIGINT'), 2);
  assert.equal(c.kill(64), 64);
  assert.equal(v[CTL_BITS0], 2);
  assert.equal(c.undelivered, (1n << 1n) | (1n << 63n));
  assert.equal(c.sent, 2);
  const host = new SignalHost({ handle: c.handle });
  const b = take(host);
  assert.deepEqual([...b], [2, 0x80000000]);
  assert.equal(c.undelivered, 0n);
  assert.equal(v[CTL_POLLS], 1);
  assert.deepEqual([...take(host)], [0, 0], 'taken once');
});

test('shared-memory mode: one atomic on the flag word for signals 1..31, the block for the rest', () => {
  // The module's memory as the -pthread build lays it out: the flag word,
  // then the control block in the second half of its 64-byte line.
  const mem = new SharedArrayBuffer(256);
  const v = new Int32Array(mem);
  const tripped = 64, ctl = tripped + 32;
  v[(ctl >> 2) + CTL_MAGIC] = CTL_MAGIC_VALUE;
  v[tripped >> 2] = 1; // the module's own bit (FLAG_CORE), set before
  const c = SignalController.from({ kind: 'shared', memory: mem, ctl, tripped });
  assert.throws(() => c.kill(0), RangeError);
  assert.equal(v[tripped >> 2], 1, 'bad input changes nothing');
  assert.equal(c.kill('SIGINT'), 2);
  assert.equal(v[tripped >> 2], 1 | (1 << 2), 'signal s is bit s of the flag word');
  assert.equal(v[(ctl >> 2) + CTL_BITS0], 0);
  assert.equal(c.kill(31), 31);
  assert.equal(v[tripped >> 2] >>> 0, (1 | (1 << 2) | (1 << 31)) >>> 0);
  assert.equal(c.kill('SIGRTMIN'), 34);
  assert.equal(v[(ctl >> 2) + CTL_BITS0 + 1], 1 << 1, 'above 31: the block, as in SAB mode');
  assert.equal(c.undelivered, (1n << 1n) | (1n << 30n) | (1n << 33n));
  assert.equal(c.sent, 3);
  v[tripped >> 2] = 0; // the module took them
  v[(ctl >> 2) + CTL_BITS0 + 1] = 0;
  assert.equal(c.kill(40), 40);
  assert.equal(v[tripped >> 2], 1, 'a signal in the block flags the module with its own bit');
});

test('handles survive structured cloning; bad handles are refused', () => {
  const c = SignalController.create({ mode: 'sab' });
  const c2 = SignalController.from(structuredClone(c.handle));
  c2.kill(10);
  assert.equal(c.undelivered, 1n << 9n);
  assert.throws(() => SignalController.from({ kind: 'sab', sab: new SharedArrayBuffer(32) }), TypeError);
  assert.throws(() => SignalController.from({ kind: 'nope' }), TypeError);
  assert.throws(() => SignalController.from(null), TypeError);
  c.close();
  assert.throws(() => c.kill(2), /closed/);
});

test('a closed module makes kill fail', () => {
  const c = SignalController.create({ mode: 'sab' });
  const host = new SignalHost({ handle: c.handle });
  host.close();
  assert.throws(() => c.kill(2), /closed its control block/);
  assert.equal(c.sent, 0, 'a refused kill is not counted');
  assert.equal(c.undelivered, 0n, 'a refused kill sets no bit');
});

test('message mode: valid messages queue, malformed ones warn once', async () => {
  const c = SignalController.create({ mode: 'message' });
  const warnings = [];
  const host = new SignalHost({ handle: c.handle, warn: (s) => warnings.push(s) });
  c.kill('SIGUSR1');
  const raw = new MessageChannel();
  host.attach({ kind: 'message', port: raw.port2 });
  raw.port1.postMessage({ sigemu: 1, type: 'kill', sig: 33 });
  raw.port1.postMessage('junk');
  raw.port1.postMessage({ sigemu: 1, type: 'kill', sig: 12 });
  const b = take(host); // receiveMessageOnPort: no event-loop turn needed
  assert.deepEqual([...b], [(1 << 9) | (1 << 11), 0]);
  assert.equal(warnings.length, 1);
  raw.port1.close();
  c.close();
});

test('acceptMessage takes only sigemu messages', () => {
  const host = new SignalHost({ warn: () => {} });
  assert.equal(host.acceptMessage({ other: 1 }), false);
  assert.equal(host.acceptMessage({ sigemu: 1, type: 'kill', sig: 2 }), true);
  assert.deepEqual([...take(host)], [2, 0]);
});

test('Pyodide-style interrupt buffer: read resets to 0; bad values are dropped', () => {
  const buf = new Int32Array(new SharedArrayBuffer(4));
  const host = new SignalHost({ interruptBuffer: buf });
  buf[0] = 2;
  assert.deepEqual([...take(host)], [2, 0]);
  assert.equal(buf[0], 0);
  buf[0] = 1000;
  assert.deepEqual([...take(host)], [0, 0]);
  assert.equal(buf[0], 0);
  assert.throws(() => host.setInterruptBuffer([0]), TypeError);
});

test('block sleeps until kill, and returns at once when bits wait', () => {
  const c = SignalController.create({ mode: 'sab' });
  const host = new SignalHost({ handle: c.handle });
  let t = performance.now();
  assert.equal(host.block(30), 0);
  assert.ok(performance.now() - t >= 25, 'slept to the timeout');
  c.kill(2);
  t = performance.now();
  assert.equal(host.block(5000), 0);
  assert.ok(performance.now() - t < 1000, 'pending bits end the wait at once');
});
