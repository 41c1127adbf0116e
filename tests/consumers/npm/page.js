// page.js — bundled with esbuild (--platform=browser --format=iife): the
// page side. It starts the worker, sends it a SignalController handle, and
// sends SIGUSR1 once the program's sigemu_init ran. window.result collects
// what happened for the test driver (browser.mjs).
import { SignalController } from 'sigemu';

const result = { isolated: self.crossOriginIsolated, lines: [], status: null, mode: null };
window.result = result;
const ctl = SignalController.create();
result.mode = ctl.mode;
const worker = new Worker('worker.bundle.js');
worker.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'ready') ctl.kill('SIGUSR1');
  else if (m.type === 'line') result.lines.push(m.line);
  else if (m.type === 'exit') result.status = m.status;
};
worker.onerror = (e) => { result.lines.push(`worker error: ${e.message}`); result.status = -1; };
worker.postMessage({ handle: ctl.handle }, ctl.transfer);
