// py-worker.js — the worker behind each console of python.html. One worker
// runs one interpreter, chosen by the init message:
//   'sigemu'  CPython 3.11.2 built for the browser with sigemu's POSIX layer
//             (python/build.sh emscripten-browser sigemu), served under
//             cpython/; signals come from the page's SignalController through
//             a SignalHost (Module.sigemuHost), as in worker.js;
//   'pyodide' Pyodide from npm, served under pyodide/; the page's Interrupt
//             writes a signal number into Pyodide's interrupt buffer.
// Both run console.py, so a cell means the same in both.
//
// What the worker reports, all timed with performance.timeOrigin + now()
// (one clock for the page and its workers): each output line; when a cell
// starts and ends and with which exception; when the interpreter took a
// signal sent by the page (host poll; sigemu only); when a Python handler
// started (console.py writes the signal number, and a timer's lateness, to
// a device of ours).
// CPU meter: [busySince, busyTotal, asleepSince, asleepTotal] in ms, busy =
// inside a call into the interpreter, asleep = inside it but blocked in
// Atomics.wait (every Atomics.wait of this worker is counted, whoever calls
// it). Shared with the page when it is cross-origin isolated.
import { SignalHost } from './js/host.js';
import { ASLEEP, BUSY, now, timed } from './meter.js';

const post = (m) => postMessage(m);

let meter = new Float64Array(4);
const realWait = Atomics.wait;
Atomics.wait = function wait(...args) { return timed(meter, ASLEEP, () => realWait.apply(Atomics, args)); };

let engine = null;   // { name, run(src) → exception name, poke() }
let running = false; // inside a call into the interpreter
let poking = false;  // ... to handle a signal sent while idle

/** Call into the interpreter, keeping the busy meter. */
function busy(fn) {
  running = true;
  try {
    return timed(meter, BUSY, fn);
  } finally {
    running = false;
  }
}

const out = (stream) => (text) => post({ type: 'out', stream, text, at: now() });

/** /dev/console-notes: console.py writes "N\n" when a Python handler starts. */
function notesDevice(FS) {
  const dev = FS.makedev(64, 0);
  FS.registerDevice(dev, {
    open() {},
    close() {},
    write(stream, buffer, offset, length) {
      const at = now();
      const text = new TextDecoder().decode(Uint8Array.from(buffer.subarray(offset, offset + length)));
      for (const s of text.split('\n')) {
        const [sig, late] = s.split(' ');
        if (sig) post({ type: 'handler', sig: Number(sig), late: late ? Number(late) : null, at });
      }
      return length;
    },
  });
  FS.mkdev('/dev/console-notes', dev);
}

const fetchText = async (url) => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
};

function bits(lo, hi) {
  const sigs = [];
  for (let i = 0; i < 64; i++) if (((i < 32 ? lo : hi) >>> (i & 31)) & 1) sigs.push(i + 1);
  return sigs;
}

// ---- CPython + sigemu ----------------------------------------------------------
async function startSigemu(m) {
  const host = new SignalHost({ handle: m.handle, warn: (s) => post({ type: 'log', text: s }) });
  // Signals the page sent, as the interpreter takes them.
  const poll = host.poll.bind(host);
  host.poll = (o) => {
    const lo = o[0], hi = o[1];
    poll(o);
    if (o[0] !== lo || o[1] !== hi) post({ type: 'taken', sigs: bits(o[0] & ~lo, o[1] & ~hi), at: now(), during: running && !poking ? 'cell' : 'idle' });
  };
  // Idle: a signal message (message mode) or a timer due while no cell runs
  // is handled at once, as a terminal's REPL would at its prompt.
  const wake = host.wake.bind(host);
  host.wake = () => { wake(); if (!running) schedulePoke(); };

  const [src, driver] = await Promise.all([fetchText('./cpython/python.js'), fetchText('./console.py')]);
  const Module = {
    noInitialRun: true,
    sigemuHost: host,
    locateFile: (p) => new URL(`./cpython/${p}`, self.location.href).href,
    print: out('stdout'),
    printErr: out('stderr'),
    onSigemuTimer: () => { if (!running) schedulePoke(); },
    quit(status, toThrow) {
      post({ type: 'exit', status });
      throw toThrow;
    },
  };
  await new Promise((resolve, reject) => {
    Module.onRuntimeInitialized = resolve;
    Module.onAbort = (what) => reject(new Error(`the interpreter aborted: ${what}`));
    // python.js is a classic script that takes its Module object from the
    // scope it runs in.
    new Function('Module', src)(Module);
  });
  const { FS } = Module;
  FS.writeFile('/tmp/console.py', driver);
  notesDevice(FS);
  const simple = (code) => Module.ccall('PyRun_SimpleString', 'number', ['string'], [code]);
  busy(() => {
    Module.ccall('Py_InitializeEx', null, ['number'], [1]);
    if (simple("import sys; sys.path.insert(0, '/tmp'); import console") !== 0) throw new Error('console.py did not load');
  });
  const version = readOutput(FS, () => simple('console.version()'));
  return {
    name: 'sigemu', version, canBlock: host.canBlock(),
    run: (code) => readOutput(FS, () => { FS.writeFile('/tmp/cell.py', code); simple("console.run('/tmp/cell.py')"); }),
    poke: () => readOutput(FS, () => simple('console.poke()')),
  };
}

function readOutput(FS, fn) {
  try { FS.unlink('/tmp/console-outcome'); } catch { /* none yet */ }
  busy(fn);
  try {
    return FS.readFile('/tmp/console-outcome', { encoding: 'utf8' });
  } catch {
    return 'BaseException'; // console.py itself was interrupted
  }
}

// ---- Pyodide -------------------------------------------------------------------
async function startPyodide(m) {
  const base = new URL('./pyodide/', self.location.href).href;
  const { loadPyodide } = await import('./pyodide/pyodide.mjs');
  const py = await loadPyodide({ indexURL: base, stdout: out('stdout'), stderr: out('stderr') });
  if (m.interrupt) py.setInterruptBuffer(new Uint8Array(m.interrupt));
  const driver = await fetchText('./console.py');
  py.FS.writeFile('/tmp/console.py', driver);
  notesDevice(py.FS);
  busy(() => py.runPython("import sys; sys.path.insert(0, '/tmp'); import console"));
  const version = py.runPython('import sys; sys.version');
  return {
    name: 'pyodide', version: `${version} (Pyodide ${py.version})`, canBlock: false,
    run: (code) => readOutput(py.FS, () => { py.FS.writeFile('/tmp/cell.py', code); py.runPython("console.run('/tmp/cell.py')"); }),
    poke: () => readOutput(py.FS, () => py.runPython('console.poke()')),
  };
}

// ---- messages ------------------------------------------------------------------
let pokeScheduled = false;
function schedulePoke() {
  if (pokeScheduled || !engine) return;
  pokeScheduled = true;
  setTimeout(() => {
    pokeScheduled = false;
    if (!running && engine) idle();
  }, 0);
}

function idle() {
  poking = true;
  try {
    const exc = engine.poke();
    if (exc) post({ type: 'idle-exception', exception: exc, at: now() });
  } finally {
    poking = false;
  }
}

onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      if (m.meter) meter = new Float64Array(m.meter);
      const t0 = now();
      engine = m.engine === 'pyodide' ? await startPyodide(m) : await startSigemu(m);
      post({ type: 'ready', engine: engine.name, version: engine.version, canBlock: engine.canBlock,
        crossOriginIsolated: self.crossOriginIsolated === true, startMs: now() - t0 });
    } else if (m.type === 'run') {
      const t0 = now();
      post({ type: 'started', id: m.id, at: t0 });
      const exception = engine.run(m.code);
      const t1 = now();
      post({ type: 'done', id: m.id, exception, at: t1, elapsed: t1 - t0, meter: Array.from(meter) });
    } else if (m.type === 'poke') {
      if (engine && !running) idle();
    } else if (m.type === 'meter') {
      post({ type: 'meter', meter: Array.from(meter), at: now() });
    }
  } catch (err) {
    post({ type: 'error', text: String(err?.stack ?? err) });
  }
};
