// worker.js — the Web Worker that runs the demo program (demo.c, built with
// Emscripten) and takes signals for it.
//
// The signal path is sigemu's own: the page holds a SignalController, this
// worker a SignalHost made from the controller's handle, and the Emscripten
// module uses that host (Module.sigemuHost) to take signals at each poll.
//
// SAB mode (cross-origin isolated page): the computation is ONE wasm call
// that never returns to the event loop; signals arrive anyway, through the
// shared control block, and sigwait/sleep sleep in Atomics.wait. Commands
// other than signals come through mailbox.js.
// Message mode (no SharedArrayBuffer): signals are postMessage messages, and
// a message is only received when the worker returns to its event loop. So
// the computation yields after every row, and sleep/sigwait, which cannot
// block here (sigemu returns SIGEMU_ENOTHERE), poll instead.
import { SignalHost } from './js/host.js';
import { Mailbox } from './mailbox.js';
import { ASLEEP, now, timed } from './meter.js';
import createDemo from './wasm/demo.mjs';

const KEYBOARD_INTERRUPT = 0x4b49; // SIGEMU_KEYBOARD_INTERRUPT
const ENOTHERE = -15;              // SIGEMU_ENOTHERE
const EAGAIN = -7;                 // SIGEMU_EAGAIN (sigtimedwait: None)
const SIG_BLOCK = 0, SIG_UNBLOCK = 1;
const POLL_MS = 20;                // message mode: poll period of waits

const NAMES = { 1: 'SIGHUP', 2: 'SIGINT', 10: 'SIGUSR1', 12: 'SIGUSR2', 14: 'SIGALRM', 15: 'SIGTERM' };

let M = null;          // the Emscripten module
let host = null;       // SignalHost
let mode = 'sab';
let mailbox = null;
let height = 0;
let op = null;         // what the worker is doing: {kind, code, t0}
let row = -1;
let done = 0;          // rows computed in this run
// CPU meter: [busySince, busyTotal, asleepSince, asleepTotal] in ms. Busy =
// inside a wasm call; asleep = inside it, but in Atomics.wait. Shared with
// the page in SAB mode (it reads it while we sleep); posted otherwise.
let meter = new Float64Array(4);

const post = (m, transfer) => postMessage(m, transfer ?? []);
const state = () => JSON.parse(M.UTF8ToString(M._demo_state()));
const postState = () => post({ type: 'state', state: state(), op: op?.kind ?? 'idle' });
const errText = (code) => `${M.UTF8ToString(M._demo_pyexc(code))}: ${M.UTF8ToString(M._demo_strerror(code))}`;

/** Call into wasm, keeping the busy meter. Nested calls count once. */
let depth = 0;
function runC(fn) {
  if (depth++ === 0) meter[0] = now();
  try {
    return fn();
  } finally {
    if (--depth === 0) {
      meter[1] += now() - meter[0];
      meter[0] = 0;
    }
  }
}

/** A handler "raised" (returned nonzero) outside a running operation. */
function raised(code, where) {
  if (!code) return 0;
  if (op) {
    op.code ||= code;
  } else if (code > 0) {
    post({ type: 'exception', name: code === KEYBOARD_INTERRUPT ? 'KeyboardInterrupt' : `code ${code}`, where, row });
    postState();
  }
  return code;
}

// ---- callbacks from the C program -----------------------------------------

function onSignalEvent(sig, kind, late, missed) {
  post({
    type: 'signal', sig, name: NAMES[sig] ?? `signal ${sig}`, how: 'handler',
    kind: ['plain', 'alarm', 'tick'][kind], late: late < 0 ? null : late, missed,
    at: now(), row, done, during: op?.kind ?? 'idle',
  });
}

let lastStatePost = 0;
function onRow(y, ptr, width, block) {
  row = y;
  done++;
  const data = M.HEAPU8.slice(ptr, ptr + 4 * width);
  post({ type: 'row', y, width, block, done, data }, [data.buffer]);
  let code = 0;
  if (mailbox) for (const c of mailbox.take()) code ||= exec(c);
  const t = now();
  if (t - lastStatePost > 100) {
    lastStatePost = t;
    postState();
    if (mode === 'message') postMeter();
  }
  return code > 0 ? code : 0;
}

// ---- commands ---------------------------------------------------------------

/** Run one page command; returns a handler's code (> 0) or 0. */
function exec({ op: name, a = 0, b = 0, id = 0 }) {
  let r;
  switch (name) {
    case 'alarm': r = runC(() => M._demo_alarm(a)); break;
    case 'itimer': r = runC(() => M._demo_setitimer(a, b)); break;
    case 'block': r = runC(() => M._demo_mask(SIG_BLOCK, a)); break;
    case 'unblock': r = runC(() => M._demo_mask(SIG_UNBLOCK, a)); break;
    case 'raise': r = runC(() => M._demo_raise(a)); break;
    default: r = -4;
  }
  post({ type: 'result', id, op: name, a, b, value: r >= 0 && r !== KEYBOARD_INTERRUPT ? r : null,
    error: r < 0 ? errText(r) : null, raised: r === KEYBOARD_INTERRUPT ? 'KeyboardInterrupt' : null });
  postState();
  return r > 0 && (name === 'block' || name === 'unblock' || name === 'raise') ? r : 0;
}

// ---- long operations ----------------------------------------------------------

const yieldNow = () => new Promise((r) => {
  // A MessageChannel round trip: a task, without setTimeout's 4 ms clamp.
  const ch = new MessageChannel();
  ch.port1.onmessage = () => { ch.port1.close(); r(); };
  ch.port2.postMessage(0);
});
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function compute() {
  op = { kind: 'compute', code: 0, t0: now() };
  done = 0;
  post({ type: 'started', what: 'compute' });
  postState();
  let code = 0;
  if (mode === 'sab') {
    code = runC(() => M._demo_compute(0, height));
  } else {
    for (let y = 0; y < height && !code; y++) {
      code = runC(() => M._demo_poll()) || runC(() => M._demo_compute(y, y + 1)) || op.code;
      if (!code) await yieldNow(); // let the signal messages in
    }
  }
  code ||= op.code;
  const t0 = op.t0;
  op = null;
  if (code === KEYBOARD_INTERRUPT) {
    post({ type: 'exception', name: 'KeyboardInterrupt', where: 'compute', row, done, height, elapsed: now() - t0 });
  } else if (code) {
    post({ type: 'error', where: 'compute', text: code < 0 ? errText(code) : `handler returned ${code}` });
  } else {
    post({ type: 'finished', what: 'compute', elapsed: now() - t0 });
  }
  row = -1;
  postState();
}

async function sleep(seconds) {
  op = { kind: 'sleep', code: 0, t0: now() };
  post({ type: 'started', what: 'sleep', seconds });
  postState();
  let code = runC(() => M._demo_sleep(seconds));
  let polled = false;
  if (code === ENOTHERE) {
    // Cannot block: sleep in the event loop, checking every POLL_MS.
    polled = true;
    code = 0;
    const end = op.t0 + seconds * 1000;
    while (!code && now() < end) {
      await pause(Math.min(POLL_MS, Math.max(0, end - now())));
      code = runC(() => M._demo_poll()) || op.code;
    }
  }
  const t0 = op.t0;
  op = null;
  const elapsed = now() - t0;
  if (code === KEYBOARD_INTERRUPT) post({ type: 'exception', name: 'KeyboardInterrupt', where: 'sleep', seconds, elapsed, polled });
  else if (code) post({ type: 'error', where: 'sleep', text: code < 0 ? errText(code) : `handler returned ${code}` });
  else post({ type: 'finished', what: 'sleep', seconds, elapsed, polled });
  postState();
}

async function sigwait() {
  op = { kind: 'sigwait', code: 0, t0: now() };
  let r = runC(() => M._demo_sigwait_begin());
  post({ type: 'started', what: 'sigwait' });
  postState();
  let polled = false;
  if (r >= 0) r = runC(() => M._demo_sigwait_take(-1));
  if (r === ENOTHERE) {
    // Cannot block: sigtimedwait(set, 0) on every turn of the event loop.
    polled = true;
    do {
      await pause(POLL_MS);
      r = runC(() => M._demo_sigwait_take(0));
    } while (r === EAGAIN);
  }
  const woke = now();
  const t0 = op.t0;
  const end = runC(() => M._demo_sigwait_end()); // may run other handlers
  op = null;
  if (r > 0) {
    post({ type: 'signal', sig: r, name: NAMES[r] ?? `signal ${r}`, how: 'sigwait', kind: 'plain',
      late: null, missed: 0, at: woke, row: -1, during: 'sigwait' });
    post({ type: 'finished', what: 'sigwait', sig: r, name: NAMES[r] ?? `signal ${r}`, elapsed: woke - t0, polled });
  } else {
    post({ type: 'error', where: 'sigwait', text: errText(r) });
  }
  raised(end, 'sigwait (restoring the mask)');
  postState();
}

// ---- idle: pokes and timers ------------------------------------------------------

function idlePoll(where) {
  if (depth > 0) return; // inside a wasm call: it polls by itself
  if (mailbox) for (const c of mailbox.take()) raised(exec(c), c.op);
  raised(runC(() => M._demo_poll()), where);
  if (!op) postState();
}

// In message mode a signal is a message on the controller's port; the host
// takes it in its onmessage and calls wake(). An idle worker then has to
// run a check for the handler to run: schedule one.
let pollScheduled = false;
function schedulePoll() {
  if (pollScheduled) return;
  pollScheduled = true;
  setTimeout(() => { pollScheduled = false; if (M) idlePoll('message'); }, 0);
}

function postMeter() { post({ type: 'meter', meter: Array.from(meter), at: now() }); }

// ---- start-up and messages -------------------------------------------------------

async function init(m) {
  mode = m.mode;
  if (m.meter) meter = new Float64Array(m.meter);
  if (m.mailbox) mailbox = new Mailbox(m.mailbox);
  host = new SignalHost({ handle: m.handle, warn: (s) => post({ type: 'log', text: s }) });
  // Time spent asleep in Atomics.wait: the "CPU near zero" of the meter.
  const block = host.block;
  host.block = function (ms) { return timed(meter, ASLEEP, () => block.call(this, ms)); };
  const wake = host.wake;
  host.wake = function () {
    wake.call(this);
    if (depth === 0) schedulePoll();
  };
  M = await createDemo({
    sigemuHost: host,
    onSignalEvent, onRow,
    onSigemuTimer: () => idlePoll('timer'),
    print: (s) => post({ type: 'log', text: s }),
    printErr: (s) => post({ type: 'log', text: s }),
  });
  height = m.height;
  const r = runC(() => M._demo_init(m.width, m.height, m.iters));
  if (r < 0) throw new Error(`demo_init: ${errText(r)}`);
  if (mode === 'message') setInterval(() => { if (!op) postMeter(); }, 250);
  post({ type: 'ready', mode, canBlock: host.canBlock(), crossOriginIsolated: self.crossOriginIsolated === true });
  postState();
}

const queue = [];
let running = false;
async function handle(m) {
  switch (m.type) {
    case 'init': await init(m); break;
    case 'compute': await compute(); break;
    case 'sleep': await sleep(m.seconds); break;
    case 'sigwait': await sigwait(); break;
    case 'cmd': raised(exec(m), m.op); break;
    case 'poke': idlePoll('poke'); break;
    default: post({ type: 'log', text: `unknown message ${m.type}` });
  }
}

onmessage = async (e) => {
  const m = e.data;
  // Pokes and commands act at once, even while an async (message mode)
  // operation awaits; long operations run one at a time.
  if (m.type === 'poke' || (m.type === 'cmd' && op)) {
    if (M) handle(m);
    return;
  }
  queue.push(m);
  if (running) return;
  running = true;
  try {
    while (queue.length) await handle(queue.shift());
  } catch (err) {
    post({ type: 'error', where: 'worker', text: String(err?.stack ?? err) });
  } finally {
    running = false;
  }
};
