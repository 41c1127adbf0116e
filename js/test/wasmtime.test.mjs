// wasmtime.test.mjs — pure WASI preview1 under wasmtime (tools/run-wasmtime,
// the engine's Python embedding), the third WASI runtime beside node:wasi
// and the JS host: timers and waits, and the inbound signal channel
// (SIGEMU_SIGNAL_FILE, platform/wasm/wasi/pure/wasi_channel.c) through which a
// `wasmtime run` of a program receives signals from another process.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';

import { PURE_WASI_SCENARIOS, ROOT, buildDir } from './helpers/matrix.mjs';

const RUNNER = resolve(ROOT, 'tools/run-wasmtime');
const pure = resolve(buildDir('wasi'), 'tests/wasm/wasm_scenarios_pure.wasm');
const version = spawnSync(RUNNER, ['--version'], { encoding: 'utf8' });
const skip = !existsSync(pure) ? `not built: ${pure}`
  : version.status !== 0 ? `wasmtime engine not installed (toolchain/setup.sh): ${version.stderr.trim()}`
  : false;

/**
 * Run a scenario under wasmtime. steps: [{ after: regex on stdout (else at
 * once), delayMs, write: text appended to the channel file, repeatMs: write
 * again every repeatMs until the program ends (for a program that cannot
 * say it is ready: what is written before it opens the file is skipped) }].
 * Resolves { status, stdout, stderr }.
 */
function wasmtime(scenario, { channel = null, env = [], steps = [], timeoutMs = 60000 } = {}) {
  const dir = channel ? mkdtempSync(join(tmpdir(), 'sigemu-chan-')) : null;
  const args = env.flatMap((e) => ['--env', e]);
  if (dir) {
    writeFileSync(join(dir, 'signals'), 'stale 2 15\n'); // before the program: ignored
    args.push('--dir', `${dir}::/chan`, '--env', 'SIGEMU_SIGNAL_FILE=/chan/signals');
  }
  args.push(pure, scenario);
  return new Promise((resolvePromise) => {
    const p = spawn(RUNNER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '', step = 0, repeat = null;
    const kill = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    const advance = () => {
      while (step < steps.length) {
        const s = steps[step];
        if (s.after instanceof RegExp && !s.after.test(out)) return;
        step++;
        const write = () => {
          appendFileSync(join(dir, 'signals'), s.write);
          if (s.repeatMs && !repeat) repeat = setInterval(() => appendFileSync(join(dir, 'signals'), s.write), s.repeatMs);
        };
        setTimeout(write, s.delayMs ?? 0);
      }
    };
    p.stdout.on('data', (d) => { out += d; advance(); });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (status) => {
      clearTimeout(kill);
      clearInterval(repeat);
      if (dir) rmSync(dir, { recursive: true, force: true });
      resolvePromise({ status, stdout: out, stderr: err });
    });
    advance();
  });
}

const ok = (r) => {
  assert.match(r.stdout, /^result=ok$/m, r.stdout + r.stderr);
  assert.equal(r.status, 0, r.stdout + r.stderr);
};

describe(`pure WASI preview1 under wasmtime (${version.stdout?.trim() || 'absent'})`, { skip, concurrency: 2 }, () => {
  for (const [title, scenario] of PURE_WASI_SCENARIOS) test(title, async () => ok(await wasmtime(scenario)));
  test('no CPU clock under wasmtime: ITIMER_VIRTUAL falls back, and says so', async () => {
    const r = await wasmtime('info');
    ok(r);
    assert.match(r.stdout, /feature CPU_CLOCK=0 runtime has no WASI process CPU clock/);
    assert.match(r.stdout, /feature HOST_SIGNALS=0 pure WASI/);
  });
});

describe('the inbound signal channel (SIGEMU_SIGNAL_FILE) under wasmtime', { skip, concurrency: 2 }, () => {
  test('SIGINT written to the channel stops a busy loop through its handler', async () => {
    const r = await wasmtime('busy_sigint', { channel: true, steps: [{ after: /^looping$/m, write: '2\n', delayMs: 300 }] });
    ok(r);
    assert.match(r.stdout, /^code=42 /m, 'the handler\'s return value ended the loop');
  });
  test('a wait with no deadline is ended by SIGUSR1 from the channel', async () => {
    const r = await wasmtime('sigwait', { channel: true, steps: [{ after: /^waiting$/m, write: '10', delayMs: 300 }] });
    ok(r);
    assert.match(r.stdout, /^r=0 sig=10 /m);
  });
  test('an unhandled SIGTERM from the channel ends the program, output flushed (wasmtime refuses status 143)', async () => {
    const r = await wasmtime('sigterm', { channel: true, steps: [{ write: '15\n', delayMs: 200, repeatMs: 500 }] });
    assert.match(r.stdout, /flushed-before-death/);
    assert.doesNotMatch(r.stdout, /still alive/);
    // sigemu ends with proc_exit(128+15) as on every emulated backend;
    // WASI reserves statuses >= 126 and wasmtime enforces it (node:wasi,
    // which does not, gives 143): the run fails with wasmtime's error.
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /invalid exit status/);
  });
  test('the channel says it is there', async () => {
    const r = await wasmtime('info', { channel: true });
    ok(r);
    assert.match(r.stdout, /feature HOST_SIGNALS=1 signal numbers appended to the file SIGEMU_SIGNAL_FILE names/);
  });
  test('a channel file that cannot be opened is reported at start', async () => {
    const r = await wasmtime('pause_forever', { env: ['SIGEMU_SIGNAL_FILE=/nowhere/signals'] });
    ok(r); // no channel: pause without a source still fails at once
    assert.match(r.stderr, /SIGEMU_SIGNAL_FILE=\/nowhere\/signals: .*no signal channel/);
  });
});
