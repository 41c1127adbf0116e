#!/usr/bin/env node
// python/python.mjs — start a CPython build made by python/build.sh under
// Node: Emscripten (python.js, node flavour) in this thread, or WASI
// (python.wasm) under node:wasi with "/" preopened. Used by the runners
// python/run-emscripten and python/run-wasi, and by the test harness.
//
//   node python/python.mjs BUILD_DIR [PYTHON ARGS...]
//
// BUILD_DIR is a product of build.sh (it holds sigemu-python.json). The
// interpreter runs from its build tree: the standard library is the
// source tree's Lib/, _sysconfigdata comes from the build directory.
// Exits with the interpreter's status.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { runEmscripten } from '../js/src/emscripten.js';
import { runWasi } from '../js/src/wasi.js';

/** The description build.sh wrote: { target, flavour, srcdir, builddir, pybuilddir }. */
export function describe(dir) {
  return JSON.parse(readFileSync(join(resolve(dir), 'sigemu-python.json'), 'utf8'));
}

/**
 * The environment the interpreter needs to find its library from the
 * build tree (WASI; Emscripten's node flavour finds it by itself because
 * the executable path is real there, see runPython).
 */
export function pythonEnv(info, extra = {}) {
  return {
    PYTHONHOME: info.srcdir,
    PYTHONPATH: `${info.srcdir}/Lib:${info.builddir}/${info.pybuilddir}`,
    ...extra,
  };
}

/**
 * WASI programs start in "/" (the host's root is preopened there): make the
 * script argument absolute so that `python.mjs DIR script.py` finds it.
 * Other relative paths a program opens resolve from "/".
 */
export function absoluteScript(args) {
  const out = [...args];
  for (let i = 0; i < out.length; i++) {
    const a = out[i];
    if (a === '-c' || a === '-m' || a === '-' || a === '--') return out;
    if (['-W', '-X', '--check-hash-based-pycs'].includes(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    out[i] = resolve(a);
    return out;
  }
  return out;
}

/**
 * Run the interpreter of build dir `dir` with `args` in this thread.
 * opts: host / handle / interruptBuffer (a SignalHost or what makes one),
 * print / printErr (line sinks), env (more environment variables),
 * module (Emscripten Module properties), onStart. Resolves to the status.
 */
export async function runPython(dir, args, opts = {}) {
  const info = describe(dir);
  if (info.target.startsWith('emscripten')) {
    // NODERAWFS: the file system is the host's, and getpath finds the
    // build tree from the executable's real path. Emscripten gives the
    // program its own small environment, which CPython's link does not
    // export (no EXPORTED_RUNTIME_METHODS=ENV): variables cannot be passed.
    if (opts.env && Object.keys(opts.env).length)
      throw new Error('environment variables cannot be passed to this Emscripten build');
    return runEmscripten(join(info.builddir, 'python.js'), { ...opts, args });
  }
  if (info.target === 'wasi') {
    const wasm = join(info.builddir, 'python.wasm');
    return runWasi(wasm, {
      ...opts,
      args: absoluteScript(args),
      env: pythonEnv(info, opts.env),
      preopens: { '/': '/' },
    });
  }
  throw new Error(`${dir}: unknown target ${info.target}`);
}

/**
 * For other WASI runtimes (python/run-wasmtime): the environment and the
 * command line, as runWasi would use them.
 */
export function wasiCommand(dir, args) {
  const info = describe(dir);
  return { env: pythonEnv(info), argv: [join(info.builddir, 'python.wasm'), ...absoluteScript(args)] };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--wasi-command') {
    // NUL-separated: NAME=VALUE..., "--", wasm path and arguments.
    const { env, argv } = wasiCommand(process.argv[3], process.argv.slice(4));
    const parts = [...Object.entries(env).map(([k, v]) => `${k}=${v}`), '--', ...argv];
    process.stdout.write(parts.map((p) => p + '\0').join(''));
    process.exit(0);
  }
  const [dir, ...args] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: python.mjs BUILD_DIR [PYTHON ARGS...]\n');
    process.exit(2);
  }
  process.exit(await runPython(dir, args));
}
