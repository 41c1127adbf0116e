// wasi.js — the WASI side of the JS package: the "sigemu" import module that
// the WASI-with-imports flavour (library sigemu_wasi_host) needs, and a
// runner for node:wasi. A pure-WASI build imports nothing from here and runs
// under any runtime; runWasi() simply adds the imports when the module asks.
//
// Browsers: pass sigemuImports(host, () => instance.exports.memory) as
// `sigemu` next to the imports of a WASI shim (@bjorn3/browser_wasi_shim
// and the like), then call host._init() after instantiation.
import { SignalHost } from './host.js';

/** The import module name the C side uses (platform/wasm/wasi/wasi.c). */
export const IMPORT_MODULE = 'sigemu';

/**
 * The "sigemu" imports for one instance. getInstance() returns the instance
 * once it exists (its memory, and its sigemu_timer_cb export).
 */
export function sigemuImports(host, getInstance) {
  const bits = new Uint32Array(2);
  return {
    poll(out) {
      bits[0] = 0; bits[1] = 0;
      host.poll(bits);
      if (bits[0] | bits[1]) {
        const m = new Uint32Array(getInstance().exports.memory.buffer, out, 2);
        m[0] |= bits[0];
        m[1] |= bits[1];
      }
    },
    token() { return host.waitToken(); },
    block(ms, token) { return host.block(ms, token); },
    wake() { host.wake(); },
    arm(ms) {
      host.arm(ms, () => {
        const cb = getInstance()?.exports.sigemu_timer_cb;
        if (cb) cb();
      });
    },
  };
}

/** Whether a compiled module imports the "sigemu" module. */
export function needsSigemuImports(module) {
  return WebAssembly.Module.imports(module).some((i) => i.module === IMPORT_MODULE);
}

/**
 * Run a WASI command module under node:wasi. Returns its exit status
 * (a trap such as abort() gives 134, as SIGABRT would).
 *   opts.args, opts.env, opts.preopens, opts.stdin, opts.stdout,
 *   opts.stderr: as node:wasi takes them
 *   opts.host: a SignalHost (else one is made from opts.handle /
 *              opts.controller / opts.interruptBuffer)
 */
export async function runWasi(path, opts = {}) {
  // Node's modules are fetched at the call, not imported: the rest of this
  // file serves browsers too, and bundlers must not see node:wasi.
  const builtin = globalThis.process?.getBuiltinModule;
  if (!builtin) {
    throw new Error('runWasi() runs under Node >= 20.16 (node:wasi); elsewhere pass ' +
      'sigemuImports() next to the imports of a WASI implementation');
  }
  const { WASI } = builtin('node:wasi');
  const { readFile } = builtin('node:fs/promises');
  const bytes = opts.bytes ?? await readFile(path);
  const module = await WebAssembly.compile(bytes);
  const wasi = new WASI({
    version: 'preview1',
    args: [path, ...(opts.args ?? [])],
    env: opts.env ?? {},
    preopens: opts.preopens ?? {},
    stdin: opts.stdin ?? 0,
    stdout: opts.stdout ?? 1,
    stderr: opts.stderr ?? 2,
    returnOnExit: true,
  });
  const imports = { wasi_snapshot_preview1: wasi.wasiImport };
  let instance = null;
  let host = null;
  if (needsSigemuImports(module)) {
    host = opts.host ?? new SignalHost(opts);
    imports[IMPORT_MODULE] = sigemuImports(host, () => instance);
  }
  instance = await WebAssembly.instantiate(module, imports);
  host?._init({ memory: instance.exports.memory });
  opts.onStart?.(host, instance);
  try {
    return wasi.start(instance);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      process.stderr.write(`wasm trap: ${e.message}\n`);
      return 134;
    }
    throw e;
  } finally {
    host?.close();
  }
}
