// library_sigemu.js — sigemu's Emscripten JS library (link with
// --js-library; platform/wasm/backend.cmake adds it to every program that
// links the emscripten `sigemu` library). It is the glue between the C side
// (platform/wasm/emscripten/emscripten.c) and a SignalHost:
//
//   - Module.sigemuHost, when the embedder sets it before the module starts
//     (`new SignalHost(...)` from the `sigemu` npm package, or what
//     runEmscripten() passes), does all the work: controllers, message mode,
//     Pyodide-style interrupt buffers;
//   - otherwise a built-in minimal host is used: a private SharedArrayBuffer
//     control block (or, with -pthread, the block in linear memory), timers,
//     Atomics.wait sleeps and Node's CPU clock. Module.sigemu.handle() still
//     gives a handle that a SignalController can be made from.
//
// After start-up Module.sigemu is the host in use.
mergeInto(LibraryManager.library, {
  $SIGEMU: {
    host: null,
    bits: null,
  },

  // The built-in host: the subset of SignalHost (js/src/host.js) that needs
  // no import, so that a plain `node prog.js` has timers and waits.
  $sigemuMinimalHost__deps: [],
  $sigemuMinimalHost: function() {
    // Word numbers of the control block (platform/wasm/wasm.h, control.js).
    var BITS0 = 0, BITS1 = 1, WAKE = 2, POLLS = 4, MAGIC = 5, BLOCKED = 6;
    var isNode = typeof process == 'object' && !!(process.versions && process.versions.node);
    var browserMain = typeof window == 'object' && typeof document == 'object' &&
      typeof importScripts != 'function';
    var h = {
      ctl: null, shared: null, timer: null, armAt: -1,
      _init: function(o) {
        if (o.shared) h.shared = { memory: o.memory, ctl: o.ctl, tripped: o.tripped };
        else if (typeof SharedArrayBuffer == 'function') {
          h.ctl = new Int32Array(new SharedArrayBuffer(32));
          h.ctl[MAGIC] = 0x4d454753;
        }
      },
      view: function() {
        if (h.shared) return [new Int32Array(h.shared.memory.buffer), h.shared.ctl >> 2];
        return h.ctl ? [h.ctl, 0] : null;
      },
      handle: function() {
        if (h.shared) return { kind: 'shared', memory: h.shared.memory, ctl: h.shared.ctl, tripped: h.shared.tripped };
        return h.ctl ? { kind: 'sab', sab: h.ctl.buffer } : null;
      },
      poll: function(out) {
        if (!h.ctl) return;
        out[0] = (out[0] | Atomics.exchange(h.ctl, BITS0, 0)) >>> 0;
        out[1] = (out[1] | Atomics.exchange(h.ctl, BITS1, 0)) >>> 0;
        Atomics.add(h.ctl, POLLS, 1);
      },
      canBlock: function() {
        return !browserMain && typeof Atomics.wait == 'function' && h.view() !== null;
      },
      waitToken: function() {
        var vb = h.view();
        return vb ? Atomics.load(vb[0], vb[1] + WAKE) : 0;
      },
      block: function(ms, token) {
        if (!h.canBlock()) return -1;
        var vb = h.view(), v = vb[0], b = vb[1];
        var seen = token === undefined ? Atomics.load(v, b + WAKE) : token | 0;
        if ((Atomics.load(v, b + BITS0) | Atomics.load(v, b + BITS1)) !== 0) return 0;
        Atomics.store(v, b + BLOCKED, 1);
        Atomics.wait(v, b + WAKE, seen, ms < 0 ? Infinity : ms);
        Atomics.store(v, b + BLOCKED, 0);
        return 0;
      },
      wake: function() {
        var vb = h.view();
        if (!vb) return;
        Atomics.add(vb[0], vb[1] + WAKE, 1);
        Atomics.notify(vb[0], vb[1] + WAKE);
      },
      arm: function(ms, cb) {
        if (ms < 0) {
          if (h.timer) clearTimeout(h.timer);
          h.timer = null; h.armAt = -1;
          return;
        }
        var at = performance.now() + ms;
        if (h.timer && Math.abs(at - h.armAt) < 1) return;
        if (h.timer) clearTimeout(h.timer);
        h.armAt = at;
        h.timer = setTimeout(function() { h.timer = null; h.armAt = -1; cb(); }, ms);
        if (h.timer && h.timer.unref) h.timer.unref();
      },
      cpuMs: function() {
        if (!isNode) return -1;
        var u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      },
      close: function() { h.arm(-1); },
    };
    return h;
  },

  $sigemuHost__deps: ['$SIGEMU', '$sigemuMinimalHost'],
  $sigemuHost: function() {
    if (!SIGEMU.host) {
      SIGEMU.host = Module['sigemuHost'] || sigemuMinimalHost();
      SIGEMU.bits = new Uint32Array(2);
    }
    return SIGEMU.host;
  },

  sigemu__js_init__deps: ['$sigemuHost'],
  sigemu__js_init__sig: 'iiii',
  sigemu__js_init: function(ctl, tripped, shared) {
    var h = sigemuHost();
    h._init({
      memory: wasmMemory, ctl: ctl, tripped: tripped, shared: !!shared,
#if USE_PTHREADS
      setExtSources: function(n) { _sigemu__wasm_set_ext_sources(n); },
#endif
    });
    Module['sigemu'] = h;
    return 0;
  },

  sigemu__js_poll__deps: ['$sigemuHost', '$SIGEMU'],
  sigemu__js_poll__sig: 'vi',
  sigemu__js_poll: function(out) {
    var h = sigemuHost(), b = SIGEMU.bits;
    b[0] = 0; b[1] = 0;
    h.poll(b);
    HEAPU32[out >> 2] |= b[0];
    HEAPU32[(out >> 2) + 1] |= b[1];
  },

  sigemu__js_cpu_ms__deps: ['$sigemuHost'],
  sigemu__js_cpu_ms__sig: 'd',
  sigemu__js_cpu_ms: function() { return sigemuHost().cpuMs(); },

  sigemu__js_wait_token__deps: ['$sigemuHost'],
  sigemu__js_wait_token__sig: 'i',
  sigemu__js_wait_token: function() { return sigemuHost().waitToken(); },

  sigemu__js_block__deps: ['$sigemuHost'],
  sigemu__js_block__sig: 'idi',
  sigemu__js_block: function(ms, token) { return sigemuHost().block(ms, token); },

  sigemu__js_can_block__deps: ['$sigemuHost'],
  sigemu__js_can_block__sig: 'i',
  sigemu__js_can_block: function() { return sigemuHost().canBlock() ? 1 : 0; },

  sigemu__js_wake__deps: ['$sigemuHost'],
  sigemu__js_wake__sig: 'v',
  sigemu__js_wake: function() { sigemuHost().wake(); },

  sigemu__js_arm__deps: ['$sigemuHost'],
  sigemu__js_arm__sig: 'vd',
  sigemu__js_arm: function(ms) {
    sigemuHost().arm(ms, function() {
      if (ABORT) return;
      _sigemu__wasm_timer_cb();
      // An embedder idle in the event loop may want to run the handlers now.
      if (Module['onSigemuTimer']) Module['onSigemuTimer']();
    });
  },
});
