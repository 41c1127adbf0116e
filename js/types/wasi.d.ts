// wasi.d.ts — 'sigemu/wasi': the "sigemu" import module of WASI builds
// linked with sigemu_wasi_host, and the node:wasi runner (src/wasi.js).
import type { RunOptions, SignalHost } from './host.js';

export declare const IMPORT_MODULE: 'sigemu';
export declare function sigemuImports(host: SignalHost, getInstance: () => WebAssembly.Instance | null):
  Record<'poll' | 'token' | 'block' | 'wake' | 'arm', (...args: number[]) => number | void>;
export declare function needsSigemuImports(module: WebAssembly.Module): boolean;
/** Node >= 20.16 only (node:wasi); resolves to the exit status. */
export declare function runWasi(path: string, opts?: RunOptions & {
  env?: Record<string, string | undefined>;
  preopens?: Record<string, string>;
  bytes?: BufferSource;
  /** File descriptors of this process for the program's fds 0, 1, 2. */
  stdin?: number; stdout?: number; stderr?: number;
  onStart?: (host: SignalHost | null, instance: WebAssembly.Instance) => void;
}): Promise<number>;
