// emscripten.d.ts — 'sigemu/emscripten': the Node runner for Emscripten
// programs (src/emscripten.js; exported under the "node" condition only).
import type { RunOptions, SignalHost } from './host.js';

/** Resolves to the program's exit status (128+sig after a default action, 134 on abort). */
export declare function runEmscripten(jsPath: string, opts?: RunOptions & {
  print?: (line: string) => void;
  printErr?: (line: string) => void;
  onStart?: (host: SignalHost, Module: object) => void;
  /** More properties of the Module object, set before the program starts. */
  module?: Record<string, unknown>;
}): Promise<number>;
