// browser-emscripten.js — must NOT bundle for a browser: the Node runner is
// exported under the "node" condition only (tests/consumers/run.sh).
import { runEmscripten } from 'sigemu/emscripten';
console.log(runEmscripten);
