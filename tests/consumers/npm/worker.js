// worker.js — bundled with esbuild (--platform=browser --format=iife) into
// a classic worker: runs the Emscripten program (built against the installed
// sigemu with -sMODULARIZE -sENVIRONMENT=worker) with a SignalHost on the
// handle the page sent; the program busy-checks until SIGUSR1 arrives.
import { SignalHost } from 'sigemu/host';

onmessage = (e) => {
  const host = new SignalHost({ handle: e.data.handle });
  host.onInit = () => postMessage({ type: 'ready' });
  importScripts('app-worker.js');
  /* global createApp */
  createApp({
    arguments: ['host'],
    sigemuHost: host,
    print: (line) => postMessage({ type: 'line', line }),
    printErr: (line) => postMessage({ type: 'line', line }),
    onExit: (status) => postMessage({ type: 'exit', status }),
  });
};
