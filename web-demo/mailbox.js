// mailbox.js — commands from the page to a worker that is busy in wasm.
//
// A worker running a long wasm call never returns to its event loop, so a
// postMessage from the page waits until the call ends. Signals do not have
// that problem (they go through sigemu's control block), but the demo's
// other buttons (alarm, setitimer, block/unblock) should act during the
// computation too, as they would in a program with its own command channel.
// So in SAB mode the page also writes commands into this small ring in a
// SharedArrayBuffer, and the worker drains it after every row it computes.
// One writer (the page), one reader (the worker).
//
// Layout: Int32 head, tail (indices, only ever increase), then SLOTS slots
// of 4 Float64: op, a, b, id.
const SLOTS = 64;
const HEADER = 8; // bytes: head, tail

export const OPS = Object.freeze({ alarm: 1, itimer: 2, block: 3, unblock: 4, raise: 5 });
const OP_NAMES = Object.fromEntries(Object.entries(OPS).map(([k, v]) => [v, k]));

export class Mailbox {
  constructor(sab = new SharedArrayBuffer(HEADER + SLOTS * 32)) {
    this.sab = sab;
    this.idx = new Int32Array(sab, 0, 2);
    this.slot = new Float64Array(sab, HEADER, SLOTS * 4);
  }

  /** Page side: queue {op, a, b, id}. False when the ring is full. */
  put({ op, a = 0, b = 0, id = 0 }) {
    const code = OPS[op];
    if (!code) throw new RangeError(`unknown mailbox op ${op}`);
    const head = Atomics.load(this.idx, 0);
    const tail = Atomics.load(this.idx, 1);
    if (tail - head >= SLOTS) return false;
    const s = (tail % SLOTS) * 4;
    this.slot[s] = code;
    this.slot[s + 1] = a;
    this.slot[s + 2] = b;
    this.slot[s + 3] = id;
    Atomics.store(this.idx, 1, tail + 1); // publish after the slot is written
    return true;
  }

  /** Worker side: every queued command, oldest first. */
  take() {
    const out = [];
    let head = Atomics.load(this.idx, 0);
    const tail = Atomics.load(this.idx, 1);
    for (; head < tail; head++) {
      const s = (head % SLOTS) * 4;
      out.push({ op: OP_NAMES[this.slot[s]], a: this.slot[s + 1], b: this.slot[s + 2], id: this.slot[s + 3] });
    }
    Atomics.store(this.idx, 0, head);
    return out;
  }
}
