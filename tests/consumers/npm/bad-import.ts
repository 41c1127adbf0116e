// bad-import.ts — must NOT type-check: the Node runner is not in 'sigemu'
// (it would fail at run time), only in 'sigemu/emscripten'.
import { runEmscripten } from 'sigemu';
export const r = runEmscripten;
