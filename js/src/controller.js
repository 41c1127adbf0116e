// controller.js — SignalController: the sending side. The page, the Node main
// thread or any worker holds one and calls kill(); the module (in a worker,
// or on the main thread while another thread sends) takes the signals at its
// next sigemu_check().
//
// Three delivery modes, by what the two sides share:
//   'sab'     a SharedArrayBuffer control block; the module polls it about
//             every SIGEMU_POLL_INTERVAL_NS of checks and a blocked wait
//             wakes at once;
//   'shared'  (Emscripten -pthread) the control block in the module's own
//             shared linear memory, plus its sigemu__tripped word, so the
//             module's inline check goes slow at once with no host call;
//   'message' no SharedArrayBuffer (a page that is not cross-origin
//             isolated): kill() posts a message on a MessagePort; the module
//             side queues it and hands it over at the next poll (in Node even
//             during a busy loop, via receiveMessageOnPort).
import {
  CTL_BITS0, CTL_BLOCKED, CTL_MAGIC, CTL_MAGIC_VALUE, CTL_POLLS,
  CTL_SEQ, CTL_WORDS, flagHostBits, killMessage, newControlBlock, postSignal,
} from './control.js';
import { signalNumber } from './signals.js';

export class SignalController {
  #mode; #view = null; #base = 0; #tripped = -1; #port = null; #handle;
  #closed = false;

  constructor(handle) {
    if (!handle || typeof handle !== 'object') throw new TypeError('expected a sigemu handle');
    this.#handle = handle;
    this.#mode = handle.kind;
    if (handle.kind === 'sab') {
      if (!(handle.sab instanceof SharedArrayBuffer) || handle.sab.byteLength < CTL_WORDS * 4)
        throw new TypeError('sab handle without a control block');
      this.#view = new Int32Array(handle.sab);
      if (this.#view[CTL_MAGIC] !== CTL_MAGIC_VALUE) throw new TypeError('not a sigemu control block');
    } else if (handle.kind === 'shared') {
      const buf = handle.memory instanceof WebAssembly.Memory ? handle.memory.buffer : handle.memory;
      if (!(buf instanceof SharedArrayBuffer)) throw new TypeError('shared handle without shared memory');
      if (handle.ctl % 4 || handle.tripped % 4) throw new TypeError('misaligned control block');
      this.#view = new Int32Array(buf);
      this.#base = handle.ctl >> 2;
      this.#tripped = handle.tripped >> 2;
      if (this.#view[this.#base + CTL_MAGIC] !== CTL_MAGIC_VALUE) throw new TypeError('not a sigemu control block');
    } else if (handle.kind === 'message') {
      if (!handle.port || typeof handle.port.postMessage !== 'function') throw new TypeError('message handle without a port');
      this.#port = handle.port;
    } else {
      throw new TypeError(`unknown sigemu handle kind: ${handle.kind}`);
    }
  }

  /**
   * A new controller with its own channel. mode: 'auto' (SAB when the
   * runtime has SharedArrayBuffer, else messages), 'sab' or 'message'.
   */
  static create({ mode = 'auto' } = {}) {
    if (mode === 'auto') mode = typeof SharedArrayBuffer === 'function' ? 'sab' : 'message';
    if (mode === 'sab') {
      const v = newControlBlock();
      if (!v) throw new Error('SharedArrayBuffer is not available here (not cross-origin isolated?)');
      return new SignalController({ kind: 'sab', sab: v.buffer });
    }
    if (mode === 'message') {
      const ch = new MessageChannel();
      const c = new SignalController({ kind: 'message', port: ch.port1 });
      c.#handle = { kind: 'message', port: ch.port2 };
      // The sending port must not keep a Node process alive on its own.
      ch.port1.unref?.();
      return c;
    }
    throw new RangeError(`unknown mode: ${mode}`);
  }

  /** A controller for a handle received from elsewhere (postMessage). */
  static from(handle) { return new SignalController(handle); }

  /** 'sab', 'shared' or 'message'. */
  get mode() { return this.#mode; }

  /**
   * What the module side (SignalHost.attach, or another controller's from())
   * needs. It survives structured cloning; pass `transfer` as the transfer
   * list (message mode moves its port).
   */
  get handle() { return this.#handle; }
  get transfer() { return this.#handle.kind === 'message' ? [this.#handle.port] : []; }

  /** Send a signal (number or name). Returns the signal number. */
  kill(sig) {
    if (this.#closed) throw new Error('SignalController is closed');
    const n = signalNumber(sig);
    if (this.#view) {
      if (!postSignal(this.#view, this.#base, n, this.#tripped)) throw new Error('the module closed its control block');
    } else {
      this.#port.postMessage(killMessage(n));
    }
    return n;
  }

  /** Signals sent so far through this block (SAB / shared modes), else -1. */
  get sent() { return this.#view ? Atomics.load(this.#view, this.#base + CTL_SEQ) : -1; }
  /** How many times the module polled (SAB / shared modes), else -1. */
  get polls() { return this.#view ? Atomics.load(this.#view, this.#base + CTL_POLLS) : -1; }
  /** Whether the module is asleep in a sigemu wait (SAB / shared), else false. */
  get blocked() { return this.#view ? Atomics.load(this.#view, this.#base + CTL_BLOCKED) !== 0 : false; }
  /** Bits posted but not yet taken by the module (SAB / shared). */
  get undelivered() {
    if (!this.#view) return 0n;
    let lo = BigInt(Atomics.load(this.#view, this.#base + CTL_BITS0) >>> 0);
    if (this.#tripped >= 0) lo |= BigInt(flagHostBits(Atomics.load(this.#view, this.#tripped)));
    const hi = BigInt(Atomics.load(this.#view, this.#base + CTL_BITS0 + 1) >>> 0);
    return lo | (hi << 32n);
  }

  /**
   * Wait (without blocking the event loop) until pred(this) is true;
   * resolves true, or false after timeoutMs. For tools and tests.
   */
  async until(pred, timeoutMs = 10000, stepMs = 2) {
    const end = Date.now() + timeoutMs;
    while (!pred(this)) {
      if (Date.now() > end) return false;
      await new Promise((r) => setTimeout(r, stepMs));
    }
    return true;
  }

  /** Stop sending. The module keeps what it already received. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#port) this.#port.close();
  }
}
