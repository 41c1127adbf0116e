// index.d.ts — types of the sigemu npm package (js/src/*.js).

export type SignalLike = number | string;

/** A serialisable description of a channel to one module. */
export type SigemuHandle =
  | { kind: 'sab'; sab: SharedArrayBuffer }
  | { kind: 'shared'; memory: WebAssembly.Memory; ctl: number; tripped: number }
  | { kind: 'message'; port: MessagePort };

export class SignalController {
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

export interface SignalHostOptions {
  handle?: SigemuHandle;
  controller?: SignalController;
  /** Pyodide-style interrupt buffer: buf[0] = signal number, reset to 0 when taken. */
  interruptBuffer?: Int32Array;
  warn?: (message: string) => void;
}

export class SignalHost {
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

export const IMPORT_MODULE: 'sigemu';
export function sigemuImports(host: SignalHost, getInstance: () => WebAssembly.Instance | null):
  Record<'poll' | 'block' | 'wake' | 'arm', (...args: number[]) => number | void>;
export function needsSigemuImports(module: WebAssembly.Module): boolean;

export interface RunOptions extends SignalHostOptions {
  args?: string[];
  host?: SignalHost;
}
export function runWasi(path: string, opts?: RunOptions & {
  env?: Record<string, string>;
  preopens?: Record<string, string>;
  bytes?: BufferSource;
  onStart?: (host: SignalHost | null, instance: WebAssembly.Instance) => void;
}): Promise<number>;
export function runEmscripten(jsPath: string, opts?: RunOptions & {
  print?: (line: string) => void;
  printErr?: (line: string) => void;
  onStart?: (host: SignalHost, Module: object) => void;
}): Promise<number>;

export const MAX_SIGNAL: 64;
export function signalNumber(sig: SignalLike): number;
export function signalName(n: number): string | null;
export function isValidSignal(n: number): boolean;
export namespace control {
  const CTL_BITS0: 0, CTL_BITS1: 1, CTL_WAKE: 2, CTL_SEQ: 3, CTL_POLLS: 4,
    CTL_MAGIC: 5, CTL_BLOCKED: 6, CTL_CLOSED: 7, CTL_WORDS: 8, CTL_MAGIC_VALUE: number;
}
