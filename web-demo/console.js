// console.js — the page side of python.html: two consoles, CPython built
// with sigemu and Pyodide, each with its interpreter in a worker
// (py-worker.js). Interrupt and Ctrl+C send SIGINT: to the sigemu console
// with a SignalController (js/src/controller.js, as the Mandelbrot page
// does), to Pyodide by writing the signal number into its interrupt buffer
// (Pyodide's own mechanism). The page measures and shows: each console's
// worker CPU, the signals with their latency (click → taken by the
// interpreter → Python handler → end of the cell), and a table of what each
// example did in each console.
//
// window.sigemuConsole exposes the consoles' events and figures, for the
// browser test (test-python.mjs) and the curious.
import { SignalController } from './js/controller.js';
import { EXAMPLES } from './examples.mjs';

const $ = (id) => document.getElementById(id);
const now = () => performance.timeOrigin + performance.now();
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const fmtMs = (ms) => (ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const pct = (f) => `${(f * 100).toFixed(f < 0.1 ? 1 : 0)} %`;
const NAMES = { 2: 'SIGINT', 10: 'SIGUSR1', 14: 'SIGALRM', 26: 'SIGVTALRM', 27: 'SIGPROF' };

const isolated = self.crossOriginIsolated === true;
const mode = isolated ? 'sab' : 'message';
const page = window.sigemuConsole = { mode, consoles: {}, results: {}, example: null };

// ---- mode ----------------------------------------------------------------------
const other = location.pathname.startsWith('/plain/') ? '/iso/' : '/plain/';
$('mode-badge').textContent = isolated ? 'SAB mode · cross-origin isolated' : 'message mode · not isolated';
$('mode-badge').classList.add(mode);
$('mode-switch').textContent = isolated ? 'see message mode →' : 'see SAB mode →';
$('mode-switch').href = `${other}python.html`;
$('explain').innerHTML = isolated ? `
  <h2>What you are looking at</h2>
  <p><b>Left:</b> CPython 3.11.2 built for the browser on sigemu's POSIX layer. <code>signal</code> is
  the real module, unchanged: <code>alarm</code>, <code>setitimer</code>, <code>sigwait</code>,
  <code>pthread_sigmask</code> work, and Interrupt is a real SIGINT. This page is cross-origin
  isolated (COOP/COEP), so signals travel through a <code>SharedArrayBuffer</code>: a running loop
  takes them at its next check, and <code>time.sleep</code> / <code>sigwait</code> sleep in
  <code>Atomics.wait</code> — no CPU — and wake at once.</p>
  <p><b>Right:</b> Pyodide, the same examples. Its Interrupt writes into Pyodide's interrupt buffer,
  which the eval loop reads; the numbers in the table are what this page measured.</p>` : `
  <h2>Message mode: this page is not cross-origin isolated</h2>
  <p>No <code>SharedArrayBuffer</code> here, so a signal from the page is a <code>postMessage</code>
  message, and a worker reads messages only <b>between</b> tasks: while a cell runs, Interrupt and
  SIGUSR1 wait until it ends (the console then handles them, as a REPL does at its prompt).
  Pyodide has no interrupt buffer here at all.</p>
  <p>What still works in the sigemu console: <code>alarm</code>, <code>setitimer</code> tickers and
  the SIGALRM timeout — timers are checked by the running interpreter itself — and signals sent
  while the console is idle. A wait cannot block without shared memory: <code>time.sleep</code>
  still returns on time (and a timer still cuts it short), but by watching the clock, a busy core;
  <code>sigwait</code> with no timeout cannot wait at all and fails with <code>OSError</code>
  (EDEADLK). <a href="/iso/python.html">The isolated page</a> has it all.</p>`;

// ---- one console -----------------------------------------------------------------
const CONSOLE_HTML = (d) => `
  <h2>${d.title} <small class="ver">starting…</small></h2>
  <pre class="output" tabindex="0"></pre>
  <textarea class="editor" spellcheck="false" rows="6" aria-label="code (Shift+Enter runs)"></textarea>
  <div class="ctl">
    <button class="run" disabled title="Shift+Enter">Run</button>
    <button class="interrupt danger" disabled title="${d.interrupt}">Interrupt</button>
    <button class="usr1" disabled title="${d.usr1}">SIGUSR1</button>
    <button class="restart" disabled title="terminate the worker and start a new interpreter">Restart</button>
    <span class="state note"></span>
  </div>
  <div class="cpu"><span class="lbl">CPU</span><div class="meter"><div class="cpu-bar"></div></div><span class="cpu-val mono">–</span></div>
  <canvas class="cpu-plot" width="560" height="26"></canvas>
  <h2>Signals <small>${d.log}</small></h2>
  <ol class="siglog"></ol>`;

class Console {
  constructor(engine) {
    this.engine = engine;
    this.root = $(`c-${engine}`);
    this.root.innerHTML = CONSOLE_HTML(this.root.dataset);
    this.q = (sel) => this.root.querySelector(sel);
    this.events = [];
    this.cpuHist = [];
    this.prev = null;
    this.cell = null; // { id, example, t0, meter0, sent: [] }
    this.ids = 0;
    this.q('.run').onclick = () => this.run(this.q('.editor').value);
    this.q('.interrupt').onclick = () => this.send(2);
    this.q('.usr1').onclick = () => this.send(10);
    this.q('.restart').onclick = () => this.restart('Restart pressed');
    this.q('.editor').onkeydown = (e) => {
      if (e.key === 'Enter' && e.shiftKey) { e.preventDefault(); this.run(this.q('.editor').value); }
    };
    // Ctrl+C: SIGINT, unless it copies a selection.
    this.root.addEventListener('keydown', (e) => {
      if (!(e.ctrlKey && (e.key === 'c' || e.key === 'C'))) return;
      const sel = e.target.tagName === 'TEXTAREA'
        ? e.target.selectionEnd - e.target.selectionStart : String(getSelection()).length;
      if (sel > 0 && !this.cell) return;
      e.preventDefault();
      this.send(2);
    });
    this.start();
  }

  start() {
    this.ready = false;
    this.meterSab = isolated ? new SharedArrayBuffer(32) : null;
    this.meter = this.meterSab ? new Float64Array(this.meterSab) : new Float64Array(4);
    this.meterAt = now();
    const init = { type: 'init', engine: this.engine, meter: this.meterSab };
    let transfer = [];
    if (this.engine === 'sigemu') {
      this.controller = SignalController.create({ mode });
      init.handle = this.controller.handle;
      transfer = this.controller.transfer;
    } else {
      // Pyodide's interrupt buffer: only with SharedArrayBuffer.
      this.interrupt = isolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
      init.interrupt = this.interrupt?.buffer;
    }
    this.worker = new Worker('./py-worker.js', { type: 'module' });
    this.worker.onmessage = (e) => this.onWorker(e.data);
    this.worker.onerror = (e) => this.fail(`worker error: ${e.message}`);
    this.worker.postMessage(init, transfer);
    this.setState('starting the interpreter…');
    this.enable();
  }

  restart(why) {
    const c = this.cell;
    this.worker.terminate();
    this.controller?.close();
    if (c) {
      const elapsed = now() - c.t0;
      const cpu = this.cellCpu(c);
      this.record(c, { ended: false, elapsed, cpu, note: why });
      this.print(`\n[worker terminated: ${why}; the cell had run ${fmtMs(elapsed)}]`, 'sys');
      this.cell = null;
    }
    this.log(`<span class="note">worker terminated (${esc(why)}); starting a new interpreter</span>`);
    this.start();
  }

  enable() {
    const busy = !!this.cell;
    this.q('.run').disabled = !this.ready || busy;
    this.q('.interrupt').disabled = !this.ready;
    this.q('.usr1').disabled = !this.ready;
    this.q('.restart').disabled = !this.ready && !busy;
  }

  setState(html) { this.q('.state').innerHTML = html; }

  print(text, stream) {
    const o = this.q('.output');
    const span = document.createElement('span');
    span.className = stream;
    span.textContent = text + '\n';
    o.append(span);
    while (o.childNodes.length > 400) o.firstChild.remove();
    o.scrollTop = o.scrollHeight;
  }

  log(html, at = now(), t0 = this.cell?.t0) {
    const li = document.createElement('li');
    li.innerHTML = `<span class="t">${t0 ? `+${((at - t0) / 1000).toFixed(2)} s` : 'idle'}</span>${html}`;
    const ol = this.q('.siglog');
    ol.append(li);
    while (ol.childNodes.length > 60) ol.firstChild.remove();
    ol.scrollTop = ol.scrollHeight;
  }

  fail(text) {
    this.events.push({ type: 'error', text });
    this.print(text, 'err');
    console.error(`${this.engine}: ${text}`);
  }

  run(code, example = null) {
    if (!this.ready || this.cell) return false;
    const id = ++this.ids;
    this.cell = { id, example, code, t0: now(), meter0: this.snapshot(), sent: [] };
    this.print(code.replace(/\n$/, '').split('\n').map((l, i) => (i ? '... ' : '>>> ') + l).join('\n'), 'in');
    this.worker.postMessage({ type: 'run', id, code });
    this.setState('<b>running</b> — Interrupt or Ctrl+C sends SIGINT');
    this.enable();
    return true;
  }

  /** Send a signal: SignalController (sigemu), interrupt buffer (Pyodide). */
  send(sig) {
    if (!this.ready) return;
    const at = now();
    let how;
    if (this.engine === 'sigemu') {
      this.controller.kill(sig);
      how = `kill(${NAMES[sig]})`;
      // An idle worker does not look at the control block by itself: nudge
      // it (in message mode the signal message itself does).
      if (isolated && !this.cell) this.worker.postMessage({ type: 'poke' });
    } else if (this.interrupt) {
      this.interrupt[0] = sig;
      how = `interrupt buffer ← ${sig}`;
      if (!this.cell) this.worker.postMessage({ type: 'poke' });
    } else {
      how = 'no interrupt buffer without SharedArrayBuffer: nothing sent';
    }
    const s = { sig, at, taken: null, handler: null };
    (this.cell?.sent ?? (this.idleSent ??= [])).push(s);
    this.events.push({ type: 'sent', sig, at, how, during: this.cell ? 'cell' : 'idle' });
    this.log(`<span class="sig">${NAMES[sig]}</span> <span class="note">${esc(how)}</span>`, at);
  }

  snapshot() {
    if (!isolated && this.cell) {
      // No SharedArrayBuffer: the worker cannot post its meter during a cell,
      // and cannot be asleep in Atomics.wait either, so the cell is busy
      // throughout.
      const b = this.cell.meter0, t = now();
      return { t, run: b.run + (t - b.t), asleep: b.asleep };
    }
    const m = this.meter, t = isolated ? now() : this.meterAt;
    const busy = m[1] + (m[0] ? t - m[0] : 0);
    const asleep = m[3] + (m[2] ? t - m[2] : 0);
    return { t: now(), run: busy - asleep, asleep };
  }

  cellCpu(c) {
    const s = this.snapshot();
    const wall = s.t - c.meter0.t;
    return wall > 0 ? Math.min(1, Math.max(0, (s.run - c.meter0.run) / wall)) : 0;
  }

  pendingSent(sig) {
    const list = this.cell?.sent ?? this.idleSent ?? [];
    return list.find((s) => s.sig === sig && s.taken == null) ?? null;
  }

  onWorker(m) {
    this.events.push(m.type === 'out' ? { type: 'out', stream: m.stream, at: m.at } : m);
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.info = m;
        this.q('.ver').textContent = `${m.version.split(' ')[0]}${m.engine === 'pyodide' ? ` · ${m.version.match(/Pyodide [^)]+/)?.[0] ?? ''}` : ''} · ready in ${fmtMs(m.startMs)}`;
        this.setState(this.engine === 'sigemu'
          ? (m.canBlock ? 'idle — waits block in Atomics.wait' : 'idle — cannot block here (message mode)')
          : (this.interrupt ? 'idle — interrupt buffer set' : 'idle — no interrupt buffer (message mode)'));
        this.log(`<span class="note">interpreter ready (${fmtMs(m.startMs)})</span>`);
        break;
      case 'out':
        if (m.stream === 'stdout' && this.cell) (this.cell.out ??= []).push(m.text);
        if (this.cell) (this.cell.all ??= []).push(m.text);
        this.print(m.text, m.stream);
        break;
      case 'meter': // message mode only
        this.meter = Float64Array.from(m.meter);
        this.meterAt = m.at;
        break;
      case 'taken':
        for (const sig of m.sigs) {
          const s = this.pendingSent(sig);
          if (s) s.taken = m.at;
          this.log(`<span class="sig">${NAMES[sig] ?? sig}</span> taken by the interpreter${m.during === 'idle' ? ' (idle)' : ''}${s ? ` <span class="lat">${fmtMs(m.at - s.at)}</span> after the click` : ''}`, m.at);
        }
        break;
      case 'handler': {
        const list = this.cell?.sent ?? [];
        const s = list.find((x) => x.sig === m.sig && x.handler == null);
        if (s) s.handler = m.at;
        if (this.cell) (this.cell.handlers ??= []).push(m.at);
        const after = s ? ` <span class="lat">${fmtMs(m.at - s.at)}</span> after the click`
          : m.late != null ? ` <span class="lat">${fmtMs(m.late)}</span> after the timer's deadline` : '';
        this.log(`<span class="sig">${NAMES[m.sig] ?? m.sig}</span> Python handler started${after}`, m.at);
        break;
      }
      case 'done': this.onDone(m); break;
      case 'idle-exception':
        this.log(`<span class="err">${esc(m.exception)}</span> <span class="note">at the prompt</span>`, m.at);
        this.idleSent = [];
        break;
      case 'exit':
        this.fail(`the interpreter exited with status ${m.status}`);
        break;
      case 'error': this.fail(m.text); break;
      case 'log': this.log(`<span class="note">${esc(m.text)}</span>`); break;
      default: break;
    }
    this.enable();
  }

  onDone(m) {
    const c = this.cell;
    if (!c || c.id !== m.id) return;
    if (!isolated) { // the worker's meter as it ended the cell (isolated: the live shared one)
      this.meter = Float64Array.from(m.meter);
      this.meterAt = m.at;
    }
    this.cell = null; // before the CPU figure: from the worker's own meter now
    const cpu = this.cellCpu(c);
    const int = c.sent.find((s) => s.sig === 2);
    const res = {
      ended: true, exception: m.exception, elapsed: m.elapsed, cpu,
      interruptToEnd: int ? m.at - int.at : null,
      output: (c.all ?? []).join('\n'),
    };
    m.cpu = cpu;
    m.interruptToEnd = res.interruptToEnd;
    this.record(c, res);
    this.log(`${m.exception ? `<span class="err">${esc(m.exception)}</span>` : 'cell ended'}${int ? ` <span class="lat">${fmtMs(res.interruptToEnd)}</span> after Interrupt` : ''} <span class="note">· ${fmtMs(m.elapsed)} · CPU ${pct(cpu)}</span>`, m.at, c.t0);
    this.setState(`idle — last cell: ${m.exception ? `<b>${esc(m.exception)}</b>` : 'ok'} after ${fmtMs(m.elapsed)}, CPU ${pct(cpu)}`);
  }

  record(c, res) {
    if (!c.example) return;
    (page.results[c.example] ??= {})[this.engine] = res;
    showResults();
  }

  sampleCpu() {
    if (!this.ready) return;
    const s = this.snapshot();
    if (this.prev && s.t > this.prev.t) {
      const f = Math.min(1, Math.max(0, (s.run - this.prev.run) / (s.t - this.prev.t)));
      this.cpuHist.push(f);
      if (this.cpuHist.length > 112) this.cpuHist.shift();
      const recent = this.cpuHist.slice(-4);
      this.cpu = recent.reduce((a, b) => a + b, 0) / recent.length;
      this.q('.cpu-val').textContent = pct(this.cpu);
      const bar = this.q('.cpu-bar');
      bar.style.width = `${this.cpu * 100}%`;
      bar.style.background = this.cpu > 0.5 ? 'var(--warn)' : 'var(--ok)';
      const cv = this.q('.cpu-plot'), g = cv.getContext('2d');
      g.clearRect(0, 0, cv.width, cv.height);
      const bw = cv.width / 112;
      this.cpuHist.forEach((v, i) => {
        g.fillStyle = v > 0.5 ? '#e0b45a' : '#7cc4a0';
        const h = Math.max(1, v * (cv.height - 2));
        g.fillRect(i * bw, cv.height - h, bw - 1, h);
      });
    }
    this.prev = s;
    // Message mode: the worker cannot share its meter; ask for it between cells.
    if (!isolated && !this.cell) this.worker.postMessage({ type: 'meter' });
  }
}

// ---- examples and the results table ----------------------------------------------
const consoles = page.consoles = { sigemu: new Console('sigemu'), pyodide: new Console('pyodide') };
setInterval(() => { for (const c of Object.values(consoles)) c.sampleCpu(); }, 250);

for (const ex of EXAMPLES) {
  const b = document.createElement('button');
  b.textContent = ex.title;
  b.dataset.example = ex.id;
  b.title = `${ex.what} — loads the code into both consoles and runs it in the CPython + sigemu one`;
  b.onclick = () => loadExample(ex.id, ['sigemu']);
  $('example-buttons').append(b);
}
const both = document.createElement('button');
both.textContent = '▶ Pyodide';
both.id = 'run-pyodide';
both.title = 'run the loaded example in the Pyodide console as well';
both.onclick = () => page.example && consoles.pyodide.run(consoles.pyodide.q('.editor').value, page.example);
$('example-buttons').append(both);

/** Load example `id` into both editors and run it in the consoles named. */
function loadExample(id, runIn = []) {
  const ex = EXAMPLES.find((e) => e.id === id);
  page.example = id;
  $('example-what').textContent = ex.what + (ex.action?.interrupt ? ' — press Interrupt' : ex.action?.usr1 ? ' — press SIGUSR1' : '');
  for (const c of Object.values(consoles)) c.q('.editor').value = ex.code;
  return runIn.map((name) => consoles[name].run(ex.code, id));
}
page.loadExample = loadExample;

function cellText(r) {
  if (!r) return '<span class="note">not run</span>';
  const what = !r.ended ? `<span class="err">did not end</span> (${esc(r.note)})`
    : r.exception ? `<span class="err">${esc(r.exception)}</span>` : '<span class="okc">ok</span>';
  const lat = r.interruptToEnd != null ? ` · Interrupt → end ${fmtMs(r.interruptToEnd)}` : '';
  return `${what} · ${fmtMs(r.elapsed)} · CPU ${pct(r.cpu)}${lat}`;
}
function showResults() {
  $('results').tBodies[0].innerHTML = EXAMPLES.map((ex) => {
    const r = page.results[ex.id] ?? {};
    return `<tr><td class="mono">${esc(ex.title)}</td><td>${cellText(r.sigemu)}</td><td>${cellText(r.pyodide)}</td></tr>`;
  }).join('');
}
showResults();
