// types.ts — type-checked with tsc --strict against the installed package:
// each subpath with the names it really exports.
import { SignalController, SignalHost, runWasi, sigemuImports, signalNumber, control } from 'sigemu';
import type { SigemuHandle, SignalLike, RunOptions } from 'sigemu';
import { SignalController as C2 } from 'sigemu/controller';
import { SignalHost as H2 } from 'sigemu/host';
import { needsSigemuImports, IMPORT_MODULE } from 'sigemu/wasi';
import { runEmscripten } from 'sigemu/emscripten';

const ctl: SignalController = C2.create({ mode: 'auto' });
const handle: SigemuHandle = ctl.handle;
const host: SignalHost = new H2({ handle });
const sig: SignalLike = 'SIGINT';
const n: number = ctl.kill(sig) + signalNumber(10);
const imports = sigemuImports(host, () => null);
const words: 8 = control.CTL_WORDS;
const name: 'sigemu' = IMPORT_MODULE;
const opts: RunOptions = { args: ['x'], host };
export const all: unknown[] = [n, imports, words, name, opts, needsSigemuImports, new SignalHost()];
export const runs: Promise<number>[] = [runWasi('a.wasm', opts), runEmscripten('a.js', opts)];
