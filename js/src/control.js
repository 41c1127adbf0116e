// control.js — the control block: a few Int32 words shared by the party that
// sends signals (SignalController) and the module that takes them (the C
// side's sigemu__wasm_host_take, or SignalHost.poll for it). The layout is
// the C enum in platform/wasm/wasm.h; keep the two in step.
//
// The sender bumps SEQ, ORs bit (sig-1) into BITS0/BITS1 (in shared-memory
// mode most signals go into the module's flag word instead, see
// postSignal), then bumps WAKE and notifies it when BLOCKED (the count of
// sleepers) is not 0; the taker exchanges the bit words with 0 (never
// read-then-clear, so a bit set in between is not lost) and sleeps on WAKE,
// counted in BLOCKED meanwhile.

export const CTL_BITS0 = 0;
export const CTL_BITS1 = 1;
export const CTL_WAKE = 2;
export const CTL_SEQ = 3;
export const CTL_POLLS = 4;
export const CTL_MAGIC = 5;
export const CTL_BLOCKED = 6;
export const CTL_CLOSED = 7;
export const CTL_WORDS = 8;
export const CTL_MAGIC_VALUE = 0x4d454753; // "SGEM"

/** A fresh control block in a SharedArrayBuffer (null without SAB). */
export function newControlBlock() {
  if (typeof SharedArrayBuffer !== 'function') return null;
  const v = new Int32Array(new SharedArrayBuffer(CTL_WORDS * 4));
  v[CTL_MAGIC] = CTL_MAGIC_VALUE;
  return v;
}

/**
 * The flag word of shared-memory mode (the module's sigemu__tripped, which
 * its inline check reads) carries the host's signals 1..31 itself: signal
 * s is bit s, and bit 0 is the module's own (FLAG_CORE). A send is then one
 * atomic on the line the module is spinning on, as a bare flag is (make
 * bench): the module takes the bits with the rest of the block.
 */
export const FLAG_CORE = 1;
export const FLAG_HOST_MAX = 31;

/**
 * Post sig into the block whose first word is view[base]; false, with
 * nothing changed, when the module closed the block (CLOSED). The count of
 * signals sent comes first, and the closed mark is read after it: the
 * count's atomic fetches the block's line for writing at once, where a
 * first read would fetch it only for reading and the count's write then
 * fetch it again (make bench, shared-memory latency); on a closed block
 * the count is taken back. Then the bit (in the flag word, trippedIndex >=
 * 0, for signals up to FLAG_HOST_MAX; else in BITS0/BITS1 and then the
 * flag's FLAG_CORE, so that the module's inline check goes slow), then the
 * wake word and its notify only while a sleeper is counted in BLOCKED (a
 * sleeper is woken as soon as can be). A sleeper counts itself in before
 * it looks at the bits (hostcore.js sleepOn, em_memory.c): every operation
 * here and there is sequentially consistent, so either this load sees the
 * sleeper, or the sleeper's look sees the bit.
 */
export function postSignal(view, base, sig, trippedIndex = -1) {
  Atomics.add(view, base + CTL_SEQ, 1);
  if (Atomics.load(view, base + CTL_CLOSED) !== 0) {
    Atomics.sub(view, base + CTL_SEQ, 1);
    return false;
  }
  if (trippedIndex >= 0 && sig <= FLAG_HOST_MAX) {
    Atomics.or(view, trippedIndex, 1 << sig);
  } else {
    const w = (sig - 1) >> 5;
    Atomics.or(view, base + CTL_BITS0 + w, 1 << ((sig - 1) & 31));
    // Shared-memory mode: make the module's inline sigemu_check() go slow now.
    if (trippedIndex >= 0) Atomics.or(view, trippedIndex, FLAG_CORE);
  }
  if (Atomics.load(view, base + CTL_BLOCKED) !== 0) {
    Atomics.add(view, base + CTL_WAKE, 1);
    Atomics.notify(view, base + CTL_WAKE);
  }
  return true;
}

/** The host's bits still in a flag word, as BITS0 holds them (bit sig-1). */
export function flagHostBits(flag) {
  return (flag & ~FLAG_CORE) >>> 1;
}

/** The message of message mode, and its validation. */
export const MESSAGE_TAG = 'sigemu';
export function killMessage(sig) {
  return { [MESSAGE_TAG]: 1, type: 'kill', sig };
}
/**
 * The signal a message of message mode carries, or 0 when it is not one.
 * Own properties only (a polluted Object.prototype cannot forge one), each
 * read once (a getter cannot validate as one value and deliver another),
 * and a throwing getter makes the message malformed, never an exception.
 */
export function killMessageSignal(m) {
  if (m === null || typeof m !== 'object') return 0;
  try {
    if (!Object.hasOwn(m, MESSAGE_TAG) || !Object.hasOwn(m, 'type') ||
        !Object.hasOwn(m, 'sig')) return 0;
    const tag = m[MESSAGE_TAG], type = m.type, sig = m.sig;
    if (tag !== 1 || type !== 'kill') return 0;
    return Number.isInteger(sig) && sig >= 1 && sig <= 64 && sig !== 32 && sig !== 33
      ? sig : 0;
  } catch {
    return 0;
  }
}
