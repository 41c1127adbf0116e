// matrix.mjs — the behaviour every host-capable wasm flavour must show, in
// both placements (module on the Node main thread, module in a worker).
// Each test file calls defineMatrix() for its flavour; the scenarios are in
// tests/wasm/wasm_scenarios.c, the host side in scenario.mjs.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';

import { run } from './scenario.mjs';

export const ROOT = resolve(import.meta.dirname, '../../..');

/** The build dir of a preset (SIGEMU_BUILD_<NAME> overrides). */
export function buildDir(preset) {
  const env = process.env[`SIGEMU_BUILD_${preset.toUpperCase().replace(/-/g, '_')}`];
  return env ? resolve(env) : resolve(ROOT, 'build', preset);
}

function okResult(r) {
  assert.equal(r.result, 'ok', `scenario output:\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.status, 0);
}

/**
 * flavour: 'emscripten' | 'wasi'; program: path; signalMode: how a
 * controller reaches this flavour ('sab' or 'shared').
 */
export function defineMatrix(title, { program, flavour, signalMode }) {
  const skip = existsSync(program) ? false : `not built: ${program}`;
  for (const placement of ['main', 'worker']) {
    describe(`${title}, module on the ${placement} thread`, { skip, concurrency: 2 }, () => {
      const go = (scenario, mode, action) => run({ program, flavour, scenario, placement, mode, action });

      test('a busy loop that never yields is stopped by kill(SIGINT) from another thread', async () => {
        const r = await go('busy_sigint', signalMode, 'sigint');
        okResult(r);
        assert.equal(r.sender.alive, true, 'the module never polled');
        assert.match(r.stdout, /code=42/);
      });
      test('6000 host signals, each sent once the last was taken, each run their handler once', async () => {
        const r = await go('echo', signalMode, 'echo');
        okResult(r);
        assert.equal(r.sender.sent, 6000);
      });
      test('alarm(1) fires during a busy loop', async () => okResult(await go('alarm', 'none', 'none')));
      test('setitimer(ITIMER_REAL, 0.05, 0.05): 20 ticks in order, no drift', async () =>
        okResult(await go('itimer', 'none', 'none')));
      test('sigwait blocks with near-zero CPU and returns the signal sent', async () => {
        const r = await go('sigwait', signalMode, 'usr1-when-blocked');
        okResult(r);
        assert.equal(r.sender.sawBlocked, true, 'the module never blocked');
        assert.equal(r.sender.stillBlocked, true, 'the wait ended before the signal');
        // process-wide CPU over a 1 s wait; a spinning wait would use ~1000 ms.
        assert.ok(r.sender.cpuMs < 300, `CPU during the wait: ${r.sender.cpuMs} ms`);
        assert.match(r.stdout, /sig=10/);
      });
      test('sigtimedwait times out', async () => okResult(await go('sigtimedwait', 'none', 'none')));
      test('pause returns after an alarm', async () => okResult(await go('pause_alarm', 'none', 'none')));
      test('blocked SIGINT from the host is pending; unblocking runs the handler', async () =>
        okResult(await go('mask', signalMode, 'sigint')));
      test('sigwait consumes a pending signal', async () => okResult(await go('sigwait_pending', 'none', 'none')));
      test('message mode delivers; malformed messages are ignored with one warning', async () => {
        const r = await go('busy_sigint', 'message', 'malformed+sigint');
        okResult(r);
        const warnings = r.stderr.split('\n').filter((l) => l.includes('malformed signal message'));
        assert.equal(warnings.length, 1, r.stderr);
      });
      test('a Pyodide-style interrupt buffer delivers SIGINT and is reset to 0', async () => {
        const r = await go('busy_sigint', 'pyodide', 'pyodide');
        okResult(r);
        assert.equal(r.sender.reset, true);
      });
      test('an unhandled SIGTERM ends the module with status 143, output flushed', async () => {
        const r = await go('sigterm', signalMode, 'sigterm');
        assert.equal(r.status, 143, `${r.stdout}\n${r.stderr}`);
        assert.match(r.stdout, /flushed-before-death/);
        assert.doesNotMatch(r.stdout, /still alive/);
      });
    });
  }
}

/** The pure-WASI scenarios every WASI runtime must pass: [title, scenario]. */
export const PURE_WASI_SCENARIOS = [
  ['alarm fires during a busy loop', 'alarm'],
  ['periodic itimer: 20 ticks, no drift', 'itimer'],
  ['sigtimedwait times out', 'sigtimedwait'],
  ['pause returns after an alarm', 'pause_alarm'],
  ['pause with nothing that could wake it fails with ENOTHERE', 'pause_forever'],
];
