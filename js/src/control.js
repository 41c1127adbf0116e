// control.js — the control block: a few Int32 words shared by the party that
// sends signals (SignalController) and the module that takes them (the C
// side's sigemu__wasm_host_take, or SignalHost.poll for it). The layout is
// the C enum in platform/wasm/wasm.h; keep the two in step.
//
// The sender ORs bit (sig-1) into BITS0/BITS1, bumps SEQ, then bumps WAKE and
// notifies it; the taker exchanges the bit words with 0 (never
// read-then-clear, so a bit set in between is not lost) and sleeps on WAKE.

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

/** Post sig into the block whose first word is view[base]. */
export function postSignal(view, base, sig, trippedIndex = -1) {
  const w = (sig - 1) >> 5;
  Atomics.or(view, base + CTL_BITS0 + w, 1 << ((sig - 1) & 31));
  Atomics.add(view, base + CTL_SEQ, 1);
  // Shared-memory mode: make the module's inline sigemu_check() go slow now.
  if (trippedIndex >= 0) Atomics.store(view, trippedIndex, 1);
  Atomics.add(view, base + CTL_WAKE, 1);
  Atomics.notify(view, base + CTL_WAKE);
}

/** The message of message mode, and its validation. */
export const MESSAGE_TAG = 'sigemu';
export function killMessage(sig) {
  return { [MESSAGE_TAG]: 1, type: 'kill', sig };
}
export function isKillMessage(m) {
  return m !== null && typeof m === 'object' && m[MESSAGE_TAG] === 1 &&
    m.type === 'kill' && Number.isInteger(m.sig) && m.sig >= 1 && m.sig <= 64 &&
    m.sig !== 32 && m.sig !== 33;
}
