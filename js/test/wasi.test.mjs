// wasi.test.mjs — WASI: the flavour with "sigemu" host imports (the whole
// matrix), and the pure preview1 build, which must run under node:wasi with
// no import but wasi_snapshot_preview1 (timers and waits only).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';

import { PURE_WASI_SCENARIOS, buildDir, defineMatrix } from './helpers/matrix.mjs';
import { run } from './helpers/scenario.mjs';

const dir = resolve(buildDir('wasi'), 'tests/wasm');
defineMatrix('wasi with host imports', {
  program: resolve(dir, 'wasm_scenarios_host.wasm'),
  flavour: 'wasi',
  signalMode: 'sab',
});

const pure = resolve(dir, 'wasm_scenarios_pure.wasm');
describe('pure WASI preview1 under node:wasi', { skip: existsSync(pure) ? false : `not built: ${pure}`, concurrency: 2 }, () => {
  const go = (scenario) => run({ program: pure, flavour: 'wasi', scenario, placement: 'main', mode: 'none', action: 'none' });
  const ok = (r) => { assert.equal(r.result, 'ok', r.stdout + r.stderr); assert.equal(r.status, 0); };

  test('imports nothing but wasi_snapshot_preview1', async () => {
    const mod = await WebAssembly.compile(readFileSync(pure));
    const modules = new Set(WebAssembly.Module.imports(mod).map((i) => i.module));
    assert.deepEqual([...modules], ['wasi_snapshot_preview1']);
  });
  for (const [title, scenario] of PURE_WASI_SCENARIOS) test(title, async () => ok(await go(scenario)));
  test('says host signals are unavailable, and why', async () => {
    const r = await go('info');
    ok(r);
    assert.match(r.stdout, /feature HOST_SIGNALS=0 pure WASI/);
    assert.match(r.stdout, /feature OS_SIGNALS=0/);
  });
});
