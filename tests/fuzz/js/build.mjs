// build.mjs — builds tests/fuzz/js/abuse_prog.c on demand for the two wasm
// flavours the JS host serves (Emscripten, WASI with host imports), against
// the libraries the `emscripten` and `wasi` presets already built. Used by
// tests/fuzz/js-abuse.test.mjs. Why on demand: the program belongs to this
// test alone and tests/fuzz/CMakeLists.txt is native-only; a link is well
// under a second, and outputs in build/fuzz-js are reused while newer than
// their inputs.
//
// buildAll() resolves { emscripten, wasi }, each { path } or { skip: why },
// so that a missing preset build makes the tests that need it skip with the
// reason instead of passing silently.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
const SRC = resolve(ROOT, 'tests/fuzz/js/abuse_prog.c');
const OUT = resolve(ROOT, 'build/fuzz-js');

function buildDir(preset) {
  const env = process.env[`SIGEMU_BUILD_${preset.toUpperCase().replace(/-/g, '_')}`];
  return env ? resolve(env) : resolve(ROOT, 'build', preset);
}

const mtime = (p) => statSync(p).mtimeMs;
const fresh = (out, inputs) => existsSync(out) && inputs.every((i) => mtime(i) <= mtime(out));

function run(cmd, args, env) {
  return new Promise((res) => {
    execFile(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120000 },
      (err, stdout, stderr) => res(err ? `${cmd} failed: ${err.message}\n${stdout}${stderr}` : null));
  });
}

async function buildOne({ lib, out, extraInputs = [], cmd, args, env, siblings = [] }) {
  if (!existsSync(lib)) return { skip: `not built: ${lib} (build its preset first)` };
  const inputs = [SRC, lib, resolve(ROOT, 'include/sigemu.h'), ...extraInputs];
  const sib = (p, ext) => p.replace(/\.\w+$/, ext);
  if (fresh(out, inputs) && siblings.every((e) => existsSync(sib(out, e)))) return { path: out };
  mkdirSync(dirname(out), { recursive: true });
  // Link under a temporary name, then rename (siblings first, the checked
  // output last): a run killed halfway never leaves a program that looks
  // fresh but is truncated.
  const tmp = out.replace(/(\.\w+)$/, `.tmp${process.pid}$1`);
  const err = await run(cmd, [...args, '-o', tmp], env);
  if (err) return { skip: `could not build ${out}: ${err.slice(0, 600)}` };
  for (const e of siblings) renameSync(sib(tmp, e), sib(out, e));
  renameSync(tmp, out);
  return { path: out };
}

export async function buildAll() {
  const inc = ['-I', resolve(ROOT, 'include')];
  const emLib = resolve(buildDir('emscripten'), 'libsigemu.a');
  const emOut = resolve(OUT, 'emscripten/abuse_prog.js');
  const jsLib = resolve(ROOT, 'js/src/library_sigemu.js');
  const wasiLib = resolve(buildDir('wasi'), 'libsigemu_wasi_host.a');
  const wasiOut = resolve(OUT, 'wasi/abuse_prog.wasm');
  const [emscripten, wasi] = await Promise.all([
    buildOne({
      lib: emLib, out: emOut, extraInputs: [jsLib], cmd: 'emcc',
      args: ['-O2', ...inc, SRC, emLib, '--js-library', jsLib],
      env: existsSync('/usr/share/nodejs/acorn') && !process.env.NODE_PATH ? { NODE_PATH: '/usr/share/nodejs' } : {},
      // runEmscripten() reads the .wasm beside the .js and hands it over as
      // bytes, so the name the .js has for it does not matter.
      siblings: ['.wasm'],
    }),
    buildOne({
      lib: wasiLib, out: wasiOut, cmd: 'clang-14',
      args: ['--target=wasm32-wasi', '-fuse-ld=lld', '-O2', ...inc, SRC, wasiLib, '-lm'],
      env: {},
    }),
  ]);
  return { emscripten, wasi };
}
