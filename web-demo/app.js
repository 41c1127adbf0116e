// app.js — the page side of the demo: starts the worker, sends signals with
// a SignalController (the sigemu JS package, served from js/src/), sends the
// other commands, and draws what the worker reports: the picture, the
// handler table, the mask, the pending set, the worker's CPU use, the
// deliveries with their latency and the lateness of periodic ticks.
//
// Latency is measured as (handler start in the worker) − (click here), both
// as performance.timeOrigin + performance.now(), which is one clock for the
// page and its workers.
//
// window.sigemuDemo exposes the events and the last state, for the browser
// test (web-demo/test.mjs) and for anyone curious in the console.
import { SignalController } from './js/controller.js';
import { Mailbox } from './mailbox.js';

const $ = (id) => document.getElementById(id);
const now = () => performance.timeOrigin + performance.now();
const params = new URLSearchParams(location.search);
const W = Number(params.get('w') ?? 640);
const H = Number(params.get('h') ?? 400);
const ITERS = Number(params.get('iters') ?? 50000);

const isolated = self.crossOriginIsolated === true;
const mode = isolated ? 'sab' : 'message';
const demo = window.sigemuDemo = {
  mode, ready: false, events: [], rowsDone: 0, state: null, op: 'idle', cpu: null, ticks: [], errors: [],
};

// ---- mode banner and explanation ------------------------------------------
const other = location.pathname.startsWith('/plain/') ? '/iso/' : '/plain/';
$('mode-badge').textContent = mode === 'sab'
  ? 'SAB mode · cross-origin isolated' : 'message mode · not isolated';
$('mode-badge').classList.add(mode);
$('mode-switch').textContent = mode === 'sab' ? 'see message mode →' : 'see SAB mode →';
$('mode-switch').href = other + location.search;
$('explain').innerHTML = mode === 'sab' ? `
  <h2>How signals reach the worker here</h2>
  <p>This page is served with <b>COOP/COEP</b> headers, so it is cross-origin isolated and
  <code>SharedArrayBuffer</code> exists. <code>kill()</code> sets a bit in a shared control block;
  the program takes it at its next poll (every 256 <code>sigemu_check()</code> calls) —
  <b>while the worker never yields</b>: the whole picture is one wasm call.</p>
  <p><code>sigwait</code> and <code>sleep</code> block in <code>Atomics.wait</code>: no CPU, woken at once.</p>` : `
  <h2>How signals reach the worker here</h2>
  <p>This page is <b>not</b> cross-origin isolated: no <code>SharedArrayBuffer</code>. <code>kill()</code>
  posts a message, and a worker only receives messages <b>between tasks</b>, so the program
  returns to its event loop after every row; a signal waits for the row to end.</p>
  <p>A worker cannot block without shared memory (sigemu says <code>ENOTHERE</code>), so
  <code>sigwait</code> and <code>sleep</code> poll every 20 ms from the event loop instead.
  Timers still fire mid-row: they are polled by <code>sigemu_check()</code>.</p>`;

// ---- the worker -------------------------------------------------------------
const controller = SignalController.create({ mode });
const worker = new Worker('./worker.js', { type: 'module' });
const meterSab = isolated ? new SharedArrayBuffer(32) : null;
let meter = meterSab ? new Float64Array(meterSab) : new Float64Array(4);
let meterAt = now(); // message mode: when `meter` was posted
const mailbox = isolated ? new Mailbox() : null;
worker.onerror = (e) => fail(`worker error: ${e.message}`);
worker.onmessage = (e) => onWorker(e.data);
worker.postMessage({
  type: 'init', mode, handle: controller.handle, meter: meterSab, mailbox: mailbox?.sab,
  width: W, height: H, iters: ITERS,
}, controller.transfer);

const view = $('view').getContext('2d');
$('view').width = W;
$('view').height = H;
view.fillStyle = '#0c0e1c';
view.fillRect(0, 0, W, H);

// ---- sending ----------------------------------------------------------------
const clicks = {}; // sig -> click times not yet matched by a delivery
const SIGS = { SIGHUP: 1, SIGINT: 2, SIGUSR1: 10, SIGALRM: 14 };

function send(name) {
  const sig = SIGS[name];
  (clicks[sig] ??= []).push(now());
  controller.kill(name);
  // A worker idle in its event loop does not look at the control block by
  // itself: nudge it (in message mode the signal message does that).
  if (mode === 'sab') worker.postMessage({ type: 'poke' });
  addLog(`<span class="note">kill(${name}) sent</span>`);
}

let cmdId = 0;
function command(op, a = 0, b = 0) {
  const id = ++cmdId;
  if (mailbox) {
    // Reaches the worker even in the middle of its one long wasm call.
    if (!mailbox.put({ op, a, b, id })) return addLog('<span class="err">mailbox full</span>');
    worker.postMessage({ type: 'poke' });
  } else {
    worker.postMessage({ type: 'cmd', op, a, b, id });
  }
}

// Long operations: disable the buttons at once, not when the worker answers.
function begin(msg) {
  $('exception').hidden = true;
  demo.op = 'starting';
  enable();
  worker.postMessage(msg);
}
$('start').onclick = () => {
  view.fillStyle = '#0c0e1c';
  view.fillRect(0, 0, W, H);
  begin({ type: 'compute' });
};
$('interrupt').onclick = () => send('SIGINT');
$('usr1').onclick = () => send('SIGUSR1');
$('hup').onclick = () => send('SIGHUP');
$('alarm-n').oninput = () => { $('alarm-n-view').textContent = $('alarm-n').value; };
$('alarm').onclick = () => command('alarm', Math.max(0, Math.floor(Number($('alarm-n').value) || 0)));
$('itimer').onclick = () => { ticks.length = 0; command('itimer', 0.2, 0.2); };
$('itimer-off').onclick = () => command('itimer', 0, 0);
$('block').onclick = () => command('block', 2);
$('unblock').onclick = () => command('unblock', 2);
$('sigwait').onclick = () => begin({ type: 'sigwait' });
$('sleep').onclick = () => begin({ type: 'sleep', seconds: 10 });

// Which buttons make sense in which state of the worker.
function enable() {
  const op = demo.op, ready = demo.ready;
  const idle = ready && op === 'idle';
  const waiting = op === 'sleep' || op === 'sigwait';
  for (const id of ['start', 'sigwait', 'sleep']) $(id).disabled = !idle;
  // During a blocking wait the worker runs no commands, only signals.
  for (const id of ['alarm', 'itimer', 'itimer-off', 'block', 'unblock']) $(id).disabled = !ready || waiting;
  for (const id of ['interrupt', 'usr1', 'hup']) $(id).disabled = !ready;
}

// ---- what the worker says -------------------------------------------------
function onWorker(m) {
  switch (m.type) {
    case 'ready':
      demo.ready = true;
      demo.canBlock = m.canBlock;
      addLog(`<span class="note">worker ready: ${m.mode} mode, ${m.canBlock ? 'can block (Atomics.wait)' : 'cannot block'}</span>`);
      setStatus('idle — press <b>Start</b>');
      break;
    case 'row': drawRow(m); break;
    case 'state': showState(m.state, m.op); break;
    case 'signal': onSignal(m); break;
    case 'started': onStarted(m); break;
    case 'finished': onFinished(m); break;
    case 'exception': onException(m); break;
    case 'result': onResult(m); break;
    case 'meter': meter = Float64Array.from(m.meter); meterAt = m.at; break;
    case 'error':
      if (['compute', 'sleep', 'sigwait'].includes(m.where)) demo.op = 'idle';
      fail(`${m.where}: ${m.text}`);
      enable();
      break;
    case 'log': addLog(`<span class="note">${esc(m.text)}</span>`); break;
    default: break;
  }
  // Rows, states and meter snapshots are many; the rest is kept (for the test).
  if (m.type !== 'row' && m.type !== 'state' && m.type !== 'meter') demo.events.push(m);
}

function drawRow({ y, width, block, done, data }) {
  // Interlaced: a row of an early pass stands for the `block` rows below it
  // until a finer pass paints them.
  const rows = Math.max(1, Math.min(block, H - y));
  const px = new Uint8ClampedArray(width * 4 * rows);
  for (let r = 0; r < rows; r++) px.set(new Uint8Array(data.buffer), r * width * 4);
  view.putImageData(new ImageData(px, width, rows), 0, y);
  demo.rowsDone = done;
  $('bar').style.width = `${(done / H) * 100}%`;
  if (demo.op === 'compute') setStatus(`computing — <b>${done}</b> of ${H} rows (coarse first)`);
}

function onStarted(m) {
  demo.op = m.what;
  if (m.what === 'compute') setStatus('computing…');
  if (m.what === 'sleep') setStatus(`<b>sleep(${m.seconds})</b> — ${mode === 'sab' ? 'asleep in Atomics.wait' : 'polling from the event loop'}; Interrupt cuts it short`);
  if (m.what === 'sigwait') setStatus('<b>sigwait()</b> — any of SIGHUP, SIGINT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM wakes it');
  enable();
}

function onFinished(m) {
  demo.op = 'idle';
  const s = (m.elapsed / 1000).toFixed(2);
  if (m.what === 'compute') {
    setStatus(`done in ${s} s`);
    $('bar').style.width = '100%';
    showBox(`finished: the whole picture in ${s} s`, true);
  } else if (m.what === 'sleep') {
    setStatus(`sleep(${m.seconds}) returned after ${s} s`);
  } else if (m.what === 'sigwait') {
    setStatus(`sigwait() returned <b>${m.name}</b> after ${s} s`);
    showBox(`sigwait() → ${m.name} (${m.sig}) after ${s} s${m.polled ? ' (polled)' : ''}`, true);
  }
  addLog(`<span class="note">${m.what} finished after ${s} s</span>`);
  enable();
}

function onException(m) {
  demo.op = 'idle';
  let where;
  if (m.where === 'compute') where = `computation stopped after ${m.done} of ${m.height} rows, ${(m.elapsed / 1000).toFixed(2)} s`;
  else if (m.where === 'sleep') where = `sleep(${m.seconds}) cut short after ${(m.elapsed / 1000).toFixed(2)} s`;
  else if (['poke', 'message', 'timer'].includes(m.where)) where = 'the worker was idle: raised at its next check';
  else where = `raised by ${m.where}`;
  const lat = lastLatency[2] != null ? `\nSIGINT handler started ${fmtMs(lastLatency[2])} after the click` : '';
  lastLatency[2] = null;
  showBox(`Traceback (most recent call last):\n  …\n${m.name}\n— ${where}${lat}`, false);
  setStatus(`<b>${m.name}</b> — ${where}`);
  addLog(`<span class="err">${m.name}</span> <span class="note">${where}</span>`);
  enable();
}

function onResult(m) {
  const call = m.op === 'itimer' ? `setitimer(ITIMER_REAL, ${m.a}, ${m.b})`
    : m.op === 'alarm' ? `alarm(${m.a})`
      : m.op === 'block' ? 'pthread_sigmask(SIG_BLOCK, {SIGINT})'
        : m.op === 'unblock' ? 'pthread_sigmask(SIG_UNBLOCK, {SIGINT})' : `${m.op}(${m.a})`;
  let out = m.error ? `<span class="err">${esc(m.error)}</span>`
    : m.raised ? `<span class="err">raised ${m.raised}</span>`
      : m.op === 'alarm' ? `→ ${m.value} (seconds left before)` : '';
  addLog(`<span>${call}</span> ${out}`);
}

const lastLatency = {};
const ticks = [];
function onSignal(m) {
  let latency = null;
  const pending = clicks[m.sig];
  if (pending?.length) {
    latency = m.at - pending[0];
    clicks[m.sig] = pending.filter((t) => t > m.at); // coalesced clicks count as one
    if (latency < 0) latency = 0;
  }
  m.latency = latency;
  lastLatency[m.sig] = latency;
  const where = m.during === 'compute' ? ` after ${m.done} rows` : m.during === 'idle' ? ' (idle)' : ` in ${m.during}`;
  let text = `<span class="sig">${m.name}</span> `;
  if (m.how === 'sigwait') text += 'taken by sigwait';
  else if (m.kind === 'tick') text += `tick${where}`;
  else if (m.kind === 'alarm') text += `alarm fired${where}`;
  else text += `handler ran${where}`;
  if (latency != null) text += ` <span class="lat">${fmtMs(latency)}</span>`;
  if (m.late != null) text += ` <span class="late">late ${fmtMs(m.late)}</span>`;
  if (m.missed) text += ` <span class="err">${m.missed} period(s) coalesced</span>`;
  if (m.kind === 'tick') {
    ticks.push({ late: m.late, during: m.during, missed: m.missed });
    demo.ticks.push(m.late);
    if (ticks.length > 120) ticks.shift();
    drawPlot();
    // One line per tick would flood the log: show every fifth.
    if (ticks.length % 5 !== 1) return;
  }
  addLog(text);
}

function showState(s, op) {
  demo.state = s;
  const tbody = $('handlers').tBodies[0];
  tbody.innerHTML = s.handlers.map((h) => {
    const cls = h.kind === 'handler' ? 'h' : h.kind === 'SIG_IGN' ? 'i' : 'd';
    const what = h.kind === 'handler' ? esc(h.fn) : h.kind === 'SIG_DFL' ? `SIG_DFL <span class="note">(${h.default})</span>` : h.kind;
    return `<tr><td class="sig">${h.name}</td><td class="kind ${cls}">${what}</td><td class="flags">` +
      `${h.blocked ? '<span class="tag b">blocked</span>' : ''}${h.pending ? '<span class="tag p">pending</span>' : ''}</td></tr>`;
  }).join('');
  chips($('mask'), s.mask, 'nothing blocked');
  chips($('pending'), s.pending, 'none');
  $('pending').classList.add('pend');
  const it = s.itimer;
  $('itimer-state').innerHTML = it.value > 0
    ? `next in ${it.value.toFixed(3)} s<br>${it.interval > 0 ? `every ${it.interval} s` : 'one-shot'}` : 'off';
  enable();
}

function chips(el, list, empty) {
  el.innerHTML = list.length ? list.map((n) => `<span class="chip">${n}</span>`).join('') : `<span class="empty">${empty}</span>`;
}

// ---- CPU meter ------------------------------------------------------------------
// busy = time inside wasm calls minus time asleep in Atomics.wait; read from
// the shared meter (SAB mode: live even while the worker sleeps) or from the
// last snapshot the worker posted (message mode: it never sleeps in wasm).
const cpuHist = [];
let prev = null;
function sampleCpu() {
  const t = now();
  const m = meter;
  const ref = mode === 'sab' ? t : meterAt;
  const busy = m[1] + (m[0] ? ref - m[0] : 0);
  const asleep = m[3] + (m[2] ? ref - m[2] : 0);
  const cur = { t, run: busy - asleep };
  if (prev && t - prev.t > 0) {
    const frac = Math.min(1, Math.max(0, (cur.run - prev.run) / (t - prev.t)));
    cpuHist.push(frac);
    if (cpuHist.length > 80) cpuHist.shift();
    // The meter shows the last second (four samples).
    const recent = cpuHist.slice(-4);
    const avg = recent.reduce((a, b) => a + b, 0) / recent.length;
    demo.cpu = avg;
    $('cpu-val').textContent = `${(avg * 100).toFixed(avg < 0.1 ? 1 : 0)} %`;
    $('cpu-bar').style.width = `${avg * 100}%`;
    $('cpu-bar').style.background = avg > 0.5 ? 'var(--warn)' : 'var(--ok)';
    drawCpu();
  }
  prev = cur;
}
setInterval(sampleCpu, 250);

function drawCpu() {
  const c = $('cpu-plot'), g = c.getContext('2d');
  g.clearRect(0, 0, c.width, c.height);
  const bw = c.width / 80;
  cpuHist.forEach((f, i) => {
    g.fillStyle = f > 0.5 ? '#e0b45a' : '#7cc4a0';
    const h = Math.max(1, f * (c.height - 2));
    g.fillRect(i * bw, c.height - h, bw - 1, h);
  });
}

// ---- lateness plot --------------------------------------------------------------
function drawPlot() {
  const c = $('plot'), g = c.getContext('2d');
  const w = c.width, h = c.height, padL = 40, padB = 16, padT = 8;
  g.clearRect(0, 0, w, h);
  const vals = ticks.map((t) => t.late);
  const max = Math.max(2, ...vals) * 1.15;
  g.font = '10px system-ui, sans-serif';
  g.fillStyle = '#6a7385';
  g.strokeStyle = '#e2e5ec';
  for (let k = 0; k <= 2; k++) {
    const v = (max * k) / 2, y = h - padB - ((h - padB - padT) * k) / 2;
    g.beginPath(); g.moveTo(padL, y); g.lineTo(w, y); g.stroke();
    g.fillText(`${v.toFixed(v < 10 ? 1 : 0)} ms`, 2, y + 3);
  }
  g.fillText('tick →', w - 36, h - 3);
  const n = 120, bw = (w - padL) / n;
  ticks.forEach((t, i) => {
    const y = h - padB - ((h - padB - padT) * t.late) / max;
    g.fillStyle = t.missed ? '#c8372d' : t.during === 'compute' ? '#2f6fde' : '#23865a';
    g.beginPath();
    g.arc(padL + i * bw + bw / 2, y, 2.2, 0, 2 * Math.PI);
    g.fill();
  });
  const sorted = [...vals].sort((a, b) => a - b);
  const med = sorted[Math.floor(sorted.length / 2)] ?? 0;
  $('plot-note').innerHTML = `${ticks.length} ticks · median ${fmtMs(med)} · max ${fmtMs(sorted.at(-1) ?? 0)} ·
    <span style="color:#2f6fde">●</span> busy <span style="color:#23865a">●</span> idle`;
}

// ---- little helpers ---------------------------------------------------------------
function setStatus(html) { $('status').innerHTML = html; }
function showBox(text, ok) {
  const b = $('exception');
  b.textContent = text;
  b.classList.toggle('ok', ok);
  b.hidden = false;
}
function fmtMs(ms) { return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`; }
function esc(s) { return String(s).replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]); }
const t0 = now();
function addLog(html) {
  const li = document.createElement('li');
  li.innerHTML = `<span class="t">${((now() - t0) / 1000).toFixed(2)}s</span>${html}`;
  const log = $('log');
  log.prepend(li);
  while (log.children.length > 200) log.lastChild.remove();
}
function fail(text) {
  demo.errors.push(text);
  addLog(`<span class="err">${esc(text)}</span>`);
  console.error(text);
}
drawPlot();
enable();
