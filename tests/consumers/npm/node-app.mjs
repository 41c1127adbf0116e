// node-app.mjs — the npm package as a Node project sees it, installed from
// its `npm pack` tarball into a scratch project (tests/consumers/run.sh runs
// this there, with the programs built against the installed C library):
//   node node-app.mjs EMSCRIPTEN_APP.js WASI_APP.wasm WASI_HOST_APP.wasm
// Every subpath imports; the Emscripten program and the WASI program linked
// with sigemu_wasi_host receive a SIGUSR1 sent from here before they start;
// pure WASI runs under runWasi. Prints TAP lines; exit 1 on a failure.
import * as root from 'sigemu';
import * as controller from 'sigemu/controller';
import * as host from 'sigemu/host';
import * as wasi from 'sigemu/wasi';
import * as emscripten from 'sigemu/emscripten';

const [emApp, wasiApp, wasiHostApp] = process.argv.slice(2);
let n = 0, failed = 0;
function ok(cond, name, note = '') {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}${note ? ` (${note})` : ''}`);
}

ok(typeof root.SignalController === 'function' && typeof root.SignalHost === 'function' &&
   typeof root.runWasi === 'function' && typeof root.control === 'object',
   "'sigemu' exports the controller, the host, the WASI helpers and control");
ok(!('runEmscripten' in root), "'sigemu' leaves the Node runner to 'sigemu/emscripten'");
ok(controller.SignalController === root.SignalController, "'sigemu/controller'");
ok(host.SignalHost === root.SignalHost, "'sigemu/host'");
ok(wasi.sigemuImports === root.sigemuImports, "'sigemu/wasi'");
ok(typeof emscripten.runEmscripten === 'function', "'sigemu/emscripten' (node condition)");

// Output of a program run in this thread: captured, then checked.
function capture() {
  const lines = [];
  return { lines, print: (s) => lines.push(s), printErr: (s) => lines.push(s) };
}

{
  const ctl = root.SignalController.create();
  ctl.kill('SIGUSR1'); // pending in the control block before the program starts
  const out = capture();
  const status = await emscripten.runEmscripten(emApp, {
    args: ['host'], handle: ctl.handle, print: out.print, printErr: out.printErr,
  });
  ok(status === 0 && out.lines.some((l) => l.includes('signal from the host')),
    'Emscripten program: SIGUSR1 from a SignalController', `exit ${status}: ${out.lines.join(' | ')}`);
}
{
  const status = await root.runWasi(wasiApp, {});
  ok(status === 0, 'pure WASI program under runWasi', `exit ${status}`);
}
{
  const ctl = root.SignalController.create();
  ctl.kill('SIGUSR1');
  const status = await wasi.runWasi(wasiHostApp, { args: ['host'], handle: ctl.handle });
  ok(status === 0, 'WASI program with the host imports: SIGUSR1 from a SignalController', `exit ${status}`);
}

console.log(`npm node: ${n - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
