// host.js — SignalHost: the module side. One per wasm instance; the glue
// (the Emscripten library js/src/library_sigemu.js, or the WASI imports of
// wasi.js) calls it to take signals, sleep, wake and arm timers.
//
// Where signals come from:
//   - its control block: a SharedArrayBuffer (private, or adopted from the
//     first SignalController handle attached), or, in an Emscripten -pthread
//     build, the block in shared linear memory that the C side reads itself;
//   - extra sources: more SAB blocks, message ports (message mode), and
//     Pyodide-style interrupt buffers (an Int32Array where the page writes a
//     signal number; taking it resets it to 0, as Pyodide does).
// A wait sleeps on the control block's wake word with Atomics.wait; while an
// extra source that cannot notify is attached it sleeps in short slices.
import { CTL_CLOSED, CTL_WORDS, killMessageSignal, newControlBlock } from './control.js';
import {
  HostTimer, IS_NODE, blockReady, canBlockHere, processCpuMs, sleepOn, takeBlock, waitToken,
  wakeBlock,
} from './hostcore.js';
import { isValidSignal } from './signals.js';

// Node: receiveMessageOnPort takes port messages while the program computes.
// Fetched without an import, so that this file has no top-level await and
// bundles for browsers untouched (process.getBuiltinModule: Node >= 20.16).
const receiveMessageOnPort = IS_NODE
  ? process.getBuiltinModule?.('node:worker_threads')?.receiveMessageOnPort ?? null
  : null;

function setBit(out, sig) {
  const w = (sig - 1) >> 5;
  out[w] = (out[w] | (1 << ((sig - 1) & 31))) >>> 0;
}

class SabSource {
  constructor(view) { this.view = view; this.notifies = false; }
  take(out) { takeBlock(this.view, 0, out); }
  ready() { return blockReady(this.view, 0); }
}

class BufferSource {
  constructor(buf) { this.buf = buf; this.notifies = false; }
  take(out) {
    const v = Atomics.exchange(this.buf, 0, 0);
    if (isValidSignal(v)) setBit(out, v);
  }
  ready() { return Atomics.load(this.buf, 0) !== 0; }
}

class MessageSource {
  constructor(host, port) {
    this.host = host; this.port = port; this.bits = [0, 0]; this.notifies = false;
    const onMessage = (m) => this.accept(m);
    if (!port) {
      // fed by acceptMessage() only
    } else if (typeof port.on === 'function') {
      port.on('message', onMessage);
      port.unref?.();
    } else {
      port.onmessage = (e) => onMessage(e.data);
    }
  }
  accept(m) {
    const sig = killMessageSignal(m);
    if (!sig) { this.host._malformed(m); return false; }
    setBit(this.bits, sig);
    this.host.wake();
    return true;
  }
  drain() {
    if (!receiveMessageOnPort || !this.port) return;
    for (let r; (r = receiveMessageOnPort(this.port));) this.accept(r.message);
  }
  take(out) {
    this.drain();
    out[0] = (out[0] | this.bits[0]) >>> 0;
    out[1] = (out[1] | this.bits[1]) >>> 0;
    this.bits[0] = this.bits[1] = 0;
  }
  ready() { this.drain(); return (this.bits[0] | this.bits[1]) !== 0; }
}

export class SignalHost {
  #ctl = null;          // Int32Array of the SAB control block (not shared mode)
  #ctlPrivate = true;   // #ctl is our own, never handed out
  #shared = null;       // { memory, ctl, tripped } in shared-memory mode
  #sources = [];
  #local = null;        // MessageSource made by handle() without SAB
  #setExt = null;
  #timer = new HostTimer();
  #warned = false; #closed = false;
  #warn;

  /**
   * opts.handle / opts.controller: attach at once; opts.interruptBuffer:
   * a Pyodide-style buffer; opts.warn: where the one warning goes.
   */
  constructor(opts = {}) {
    this.#warn = opts.warn ?? ((s) => console.warn(s));
    this.#ctl = newControlBlock();
    const h = opts.handle ?? opts.controller?.handle;
    if (h) this.attach(h);
    if (opts.interruptBuffer) this.setInterruptBuffer(opts.interruptBuffer);
  }

  /** Take signals from a SignalController handle ('sab' or 'message'). */
  attach(handle) {
    if (!handle || typeof handle !== 'object') throw new TypeError('expected a sigemu handle');
    // Validate here, not at the first poll: a bad handle must fail in the
    // embedder's call, never as an exception thrown into the wasm program.
    if (handle.kind === 'sab') {
      if (!(handle.sab instanceof SharedArrayBuffer) || handle.sab.byteLength < CTL_WORDS * 4)
        throw new TypeError(`a 'sab' handle needs a SharedArrayBuffer of at least ${CTL_WORDS * 4} bytes`);
      const v = new Int32Array(handle.sab);
      if (!this.#shared && this.#ctlPrivate && !this.#handedOut) {
        this.#ctl = v; // adopt: kill() then wakes our waits directly
        this.#ctlPrivate = false;
      } else {
        this.#sources.push(new SabSource(v));
      }
    } else if (handle.kind === 'message') {
      const port = handle.port;
      const isPort = typeof MessagePort === 'function'
        ? port instanceof MessagePort
        : !!port && typeof port.postMessage === 'function';
      if (!isPort) throw new TypeError("a 'message' handle needs a MessagePort");
      this.#sources.push(new MessageSource(this, port));
    } else if (handle.kind === 'shared') {
      throw new TypeError("a 'shared' handle names a module's own control block: use SignalController.from() on it");
    } else {
      throw new TypeError(`unknown sigemu handle kind: ${handle.kind}`);
    }
    this.#extChanged();
    return this;
  }
  #handedOut = false;

  /** Pyodide's setInterruptBuffer: buf[0] = signal number (2 = SIGINT). */
  setInterruptBuffer(buf) {
    if (!(buf instanceof Int32Array) || buf.length < 1) throw new TypeError('interrupt buffer must be an Int32Array');
    this.#sources.push(new BufferSource(buf));
    this.#extChanged();
    return this;
  }

  /**
   * For apps that route their own worker messages: feed one here. Returns
   * true if it was a sigemu message (taken), false otherwise.
   */
  acceptMessage(msg) {
    if (!msg || typeof msg !== 'object' || !('sigemu' in msg)) return false;
    if (!this.#local) this.#local = this.#addLocal();
    this.#local.accept(msg);
    return true;
  }
  #addLocal() {
    const src = new MessageSource(this, null);
    this.#sources.push(src);
    this.#extChanged();
    return src;
  }

  /**
   * A handle a SignalController can be made from, to send to this module:
   * its shared-memory block, its SAB block, or a new message port.
   */
  handle() {
    if (this.#shared) return { kind: 'shared', ...this.#shared };
    if (this.#ctl) {
      this.#handedOut = true;
      return { kind: 'sab', sab: this.#ctl.buffer };
    }
    const ch = new MessageChannel();
    this.#sources.push(new MessageSource(this, ch.port1));
    this.#extChanged();
    return { kind: 'message', port: ch.port2 };
  }

  // ---- called by the glue ------------------------------------------------

  /** sigemu_init ran in the module. shared: ctl/tripped are addresses in memory. */
  _init({ memory = null, ctl = 0, tripped = 0, shared = false, setExtSources = null } = {}) {
    this.#closed = false;
    this.#setExt = setExtSources;
    if (shared && memory) {
      this.#shared = { memory, ctl, tripped };
      // A block adopted before we knew becomes an extra source.
      if (this.#ctl && (!this.#ctlPrivate || this.#handedOut)) this.#sources.push(new SabSource(this.#ctl));
      this.#ctl = null;
    }
    this.#extChanged();
    this.onInit?.(this);
  }

  /** Called (with the host) when the module's sigemu_init ran. */
  onInit = null;

  #extChanged() {
    if (this.#setExt) this.#setExt(this.#sources.length);
  }

  /** The wake word: [view, index of the block's first word]. */
  #block() {
    if (this.#shared) {
      const m = this.#shared.memory;
      return [new Int32Array(m instanceof WebAssembly.Memory ? m.buffer : m), this.#shared.ctl >> 2];
    }
    return this.#ctl ? [this.#ctl, 0] : null;
  }

  /** OR every pending signal into out[0..1] (taking them). */
  poll(out) {
    if (this.#ctl) takeBlock(this.#ctl, 0, out);
    for (const s of this.#sources) s.take(out);
  }

  canBlock() {
    return canBlockHere() && this.#block() !== null;
  }

  /** The wake word's value now: the token a waiter reads before it looks at
   *  its conditions, so that a wake in between is not lost. */
  waitToken() {
    const blk = this.#block();
    return blk ? waitToken(blk[0], blk[1]) : 0;
  }

  /** Sleep until woken or timeoutMs (<0: none); with token, only while the
   *  wake word still holds it. 0, or -1: cannot block. */
  block(timeoutMs, token) {
    if (!this.canBlock()) return -1;
    const [v, b] = this.#block();
    return sleepOn(v, b, timeoutMs, this.#sources, token);
  }

  /** End a sleep now (any thread that shares the block). */
  wake() {
    const blk = this.#block();
    if (blk) wakeBlock(blk[0], blk[1]);
  }

  /**
   * Arm (ms >= 0) or cancel (< 0) the host timer that calls cb. Delays past
   * setTimeout's limit (2^31-1 ms) are reached in steps (hostcore.js).
   */
  arm(ms, cb) {
    if (this.#closed) ms = -1;
    this.#timer.arm(ms, () => { if (!this.#closed) cb(); });
  }

  /** Process CPU time in ms, or -1 (browsers). */
  cpuMs() { return processCpuMs(); }

  _malformed(m) {
    if (this.#warned) return;
    this.#warned = true;
    this.#warn(`sigemu: ignoring a malformed signal message (further ones are ignored silently): ${safeString(m)}`);
  }

  /** The module ended: cancel the timer, tell controllers. */
  close() {
    this.arm(-1);
    this.#closed = true;
    const blk = this.#block();
    if (blk && !this.#shared) Atomics.store(blk[0], blk[1] + CTL_CLOSED, 1);
  }
}

function safeString(m) {
  try { return JSON.stringify(m)?.slice(0, 80) ?? String(m); } catch { return typeof m; }
}
