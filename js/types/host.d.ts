// host.d.ts — 'sigemu/host': the module side (src/host.js).
import type { SigemuHandle, SignalController } from './controller.js';

export interface SignalHostOptions {
  handle?: SigemuHandle;
  controller?: SignalController;
  /** Pyodide-style interrupt buffer: buf[0] = signal number, reset to 0 when taken. */
  interruptBuffer?: Int32Array;
  warn?: (message: string) => void;
}

export declare class SignalHost {
  constructor(opts?: SignalHostOptions);
  attach(handle: SigemuHandle): this;
  setInterruptBuffer(buf: Int32Array): this;
  /** Feed one message routed by the app; true if it was a sigemu message. */
  acceptMessage(msg: unknown): boolean;
  /** A handle for SignalController.from(), valid once the module's sigemu_init ran. */
  handle(): SigemuHandle;
  onInit: ((host: SignalHost) => void) | null;
  poll(out: Uint32Array | number[]): void;
  canBlock(): boolean;
  waitToken(): number;
  block(timeoutMs: number, token?: number): 0 | -1;
  wake(): void;
  arm(ms: number, cb?: () => void): void;
  cpuMs(): number;
  close(): void;
}

/** What the runners (runWasi, runEmscripten) take besides their own options. */
export interface RunOptions extends SignalHostOptions {
  args?: string[];
  host?: SignalHost;
}
