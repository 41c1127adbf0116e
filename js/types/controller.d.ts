// controller.d.ts — 'sigemu/controller': the sending side (src/controller.js).
import type { SignalLike } from './signals.js';

/** A serialisable description of a channel to one module. */
export type SigemuHandle =
  | { kind: 'sab'; sab: SharedArrayBuffer }
  | { kind: 'shared'; memory: WebAssembly.Memory; ctl: number; tripped: number }
  | { kind: 'message'; port: MessagePort };

export declare class SignalController {
  constructor(handle: SigemuHandle);
  /** 'auto' picks 'sab' when SharedArrayBuffer exists, else 'message'. */
  static create(opts?: { mode?: 'auto' | 'sab' | 'message' }): SignalController;
  static from(handle: SigemuHandle): SignalController;
  readonly mode: 'sab' | 'shared' | 'message';
  readonly handle: SigemuHandle;
  /** Transfer list for postMessage (the port in message mode). */
  readonly transfer: Transferable[];
  /** Sends sig (1..64 except 32, 33, or a name such as 'SIGINT'); returns its number. */
  kill(sig: SignalLike): number;
  readonly sent: number;
  readonly polls: number;
  readonly blocked: boolean;
  readonly undelivered: bigint;
  until(pred: (c: SignalController) => boolean, timeoutMs?: number, stepMs?: number): Promise<boolean>;
  close(): void;
}
