// test.mjs — the browser test of the demo: real Chromium (headless, Debian's
// /usr/bin/chromium) driven by playwright-core, against web-demo/server.mjs.
//
// What it asserts, each a check that can fail:
//   SAB mode (/iso/): the page is cross-origin isolated and the worker can
//   block; Interrupt stops a running computation with KeyboardInterrupt and
//   a measured latency; alarm() fires during the computation (one wasm call
//   that never yields); periodic ticks arrive with bounded lateness; block →
//   the signal is pending → unblock → the handler runs; sigwait sleeps with
//   the worker's CPU near zero (the page's meter and Chromium's own process
//   CPU time) and any signal wakes it; Interrupt cuts sleep(10) short.
//   Message mode (/plain/): not isolated, the worker cannot block, and
//   Interrupt still stops the computation; sleep still ends on Interrupt.
//   No console error on any page.
// Latency bounds are generous on purpose (a loaded machine); the figures
// measured are printed. Screenshots go to build/web-demo/; the main one is
// copied to docs/img/web-demo.png for the README.
// Prints TAP-style lines and a final "N passed, N failed"; exit 1 on failure.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, ms, publishScreenshot, rendererCpu, session, testRun } from './testlib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outDir = join(root, 'build', 'web-demo');
const DEADLINE_MS = 90_000;
// Slow enough that a computation is still running when we interrupt it, on
// any machine (the top rows are quick, the ones through the set are not).
const SLOW = '?iters=100000';

const T = testRun(DEADLINE_MS);
const { check, figures, watch } = T;

/** Index of the next event; wait for an event after it matching `match`. */
const mark = (page) => page.evaluate(() => window.sigemuDemo.events.length);
async function waitEvent(page, from, match, timeout = 10_000) {
  const h = await page.waitForFunction(({ from, match }) => {
    const ev = window.sigemuDemo.events;
    for (let i = from; i < ev.length; i++)
      if (Object.entries(match).every(([k, v]) => ev[i][k] === v)) return ev[i];
    return null;
  }, { from, match }, { timeout, polling: 25 });
  return h.jsonValue();
}
const events = (page, from, match) => page.evaluate(({ from, match }) =>
  window.sigemuDemo.events.slice(from).filter((e) => Object.entries(match).every(([k, v]) => e[k] === v)), { from, match });
const waitState = (page, fnSrc, timeout = 10_000) =>
  page.waitForFunction(new Function(`const s = window.sigemuDemo.state, d = window.sigemuDemo; return !!(${fnSrc});`), null, { timeout, polling: 25 });

async function main() {
  await session(T, outDir, 'chromium-profile', async (browser, srv, cdp) => {
    await sabMode(browser, srv, cdp);
    await messageMode(browser, srv);
  });
}

async function sabMode(browser, srv, cdp) {
  const page = browser.pages()[0] ?? await browser.newPage();
  watch(page, 'iso');
  let ready = false;

  await check('SAB mode: page is cross-origin isolated, worker ready and able to block', async () => {
    await page.goto(`${srv.url}iso/${SLOW}`);
    await page.waitForFunction(() => window.sigemuDemo?.ready, null, { timeout: 20_000 });
    const r = await page.evaluate(() => ({ iso: crossOriginIsolated, mode: window.sigemuDemo.mode, canBlock: window.sigemuDemo.canBlock }));
    assert(r.iso === true, 'crossOriginIsolated is false');
    assert(r.mode === 'sab', `mode ${r.mode}`);
    assert(r.canBlock === true, 'worker cannot block');
    ready = true;
    return 'SharedArrayBuffer control block';
  });
  if (!ready) return;

  // One run: computation, periodic ticks and an alarm while it computes,
  // then Interrupt. This is also the README screenshot.
  let from = await mark(page);
  await check('alarm() fires during the computation (the worker never yields)', async () => {
    await page.click('#start');
    await waitEvent(page, from, { type: 'started', what: 'compute' });
    await page.waitForFunction(() => window.sigemuDemo.rowsDone >= 20, null, { timeout: 15_000 });
    await page.click('#itimer');
    await page.fill('#alarm-n', '1');
    await page.click('#alarm');
    const e = await waitEvent(page, from, { type: 'signal', name: 'SIGALRM', kind: 'alarm' }, 8_000);
    assert(e.during === 'compute', `alarm ran while ${e.during}`);
    assert(e.late != null && e.late >= 0 && e.late < 1000, `alarm late by ${e.late} ms`);
    figures.push(`alarm lateness ${ms(e.late)}`);
    return `after ${e.done} rows, ${ms(e.late)} after its deadline`;
  });

  await check('setitimer ticks arrive during the computation with bounded lateness', async () => {
    // alarm() replaced the periodic timer (one ITIMER_REAL); start it again.
    await page.click('#itimer');
    await page.waitForFunction((from) => window.sigemuDemo.events.slice(from)
      .filter((e) => e.kind === 'tick' && e.during === 'compute').length >= 6, from, { timeout: 10_000 });
    const ticks = await events(page, from, { type: 'signal', kind: 'tick' });
    const lates = ticks.map((t) => t.late);
    const max = Math.max(...lates);
    assert(lates.every((l) => l >= 0), `negative lateness ${lates}`);
    assert(max < 500, `a tick was ${max} ms late`);
    const med = [...lates].sort((a, b) => a - b)[lates.length >> 1];
    figures.push(`tick lateness median ${ms(med)}, max ${ms(max)} (${lates.length} ticks, busy)`);
    return `${lates.length} ticks, median ${ms(med)}, max ${ms(max)}`;
  });

  await check('Interrupt stops the computation with KeyboardInterrupt; latency measured', async () => {
    const before = await mark(page);
    await page.click('#interrupt');
    const exc = await waitEvent(page, before, { type: 'exception' }, 10_000);
    assert(exc.name === 'KeyboardInterrupt', `got ${exc.name}`);
    assert(exc.where === 'compute', `raised in ${exc.where}`);
    assert(exc.done < exc.height, `the computation had finished (${exc.done} rows)`);
    const sig = (await events(page, before, { type: 'signal', name: 'SIGINT' }))[0];
    assert(sig && sig.during === 'compute', 'no SIGINT handler ran during the computation');
    assert(typeof sig.latency === 'number' && sig.latency >= 0 && sig.latency < 2000, `latency ${sig.latency}`);
    const text = await page.textContent('#exception');
    assert(/KeyboardInterrupt/.test(text) && /computation stopped/.test(text), `message: ${text}`);
    figures.push(`Interrupt latency (SAB, busy worker) ${ms(sig.latency)}`);
    // Let a few idle ticks into the plot, then take the README picture.
    await page.waitForTimeout(900);
    await page.screenshot({ path: join(outDir, 'web-demo.png') });
    return `stopped after ${exc.done} of ${exc.height} rows, click → handler ${ms(sig.latency)}`;
  });

  await check('idle ticks are fired by the host timer and stop on setitimer(0)', async () => {
    const before = await mark(page);
    await page.waitForFunction((from) => window.sigemuDemo.events.slice(from)
      .filter((e) => e.kind === 'tick' && e.during === 'idle').length >= 2, before, { timeout: 5_000 });
    await page.click('#itimer-off');
    await waitState(page, 's.itimer.value === 0');
    const idle = (await events(page, before, { type: 'signal', kind: 'tick' })).map((t) => t.late);
    assert(Math.max(...idle) < 500, `idle tick late by ${Math.max(...idle)} ms`);
    figures.push(`idle tick lateness max ${ms(Math.max(...idle))}`);
    return `${idle.length} idle ticks, max lateness ${ms(Math.max(...idle))}`;
  });

  await check('block SIGINT → Interrupt leaves it pending → unblock runs the handler', async () => {
    await waitState(page, "d.op === 'idle'");
    await page.click('#block');
    await waitState(page, "s.mask.includes('SIGINT')");
    const before = await mark(page);
    await page.click('#interrupt');
    await waitState(page, "s.pending.includes('SIGINT')");
    const early = await events(page, before, { type: 'signal', name: 'SIGINT' });
    assert(early.length === 0, 'the handler ran while SIGINT was blocked');
    const row = await page.$eval('#handlers', (t) => t.textContent);
    assert(/pending/.test(row), 'the handler table does not show SIGINT pending');
    await page.screenshot({ path: join(outDir, 'pending.png') });
    await page.click('#unblock');
    const sig = await waitEvent(page, before, { type: 'signal', name: 'SIGINT' });
    const res = await waitEvent(page, before, { type: 'result', op: 'unblock' });
    assert(res.raised === 'KeyboardInterrupt', `unblock returned ${JSON.stringify(res)}`);
    await waitState(page, "s.pending.length === 0 && !s.mask.includes('SIGINT')");
    return `delivered on unblock; pthread_sigmask raised KeyboardInterrupt (${sig.during})`;
  });

  await check('sigwait sleeps with the worker CPU near zero; a signal wakes it', async () => {
    const before = await mark(page);
    await page.click('#sigwait');
    await waitEvent(page, before, { type: 'started', what: 'sigwait' });
    await waitState(page, "s.mask.includes('SIGUSR1')");
    await page.waitForTimeout(1300); // the page's meter averages the last second
    const c0 = cdp ? await rendererCpu(cdp) : null;
    const t0 = Date.now();
    await page.waitForTimeout(1000);
    const c1 = cdp ? await rendererCpu(cdp) : null;
    const wall = (Date.now() - t0) / 1000;
    const meter = await page.evaluate(() => window.sigemuDemo.cpu);
    const still = await events(page, before, { type: 'finished' });
    assert(still.length === 0, 'sigwait returned by itself');
    assert(typeof meter === 'number' && meter < 0.1, `page meter says ${meter}`);
    let proc = '';
    if (cdp) {
      const frac = (c1 - c0) / wall;
      // The whole renderer (page + worker): the page redraws its meters, so
      // not zero, but far from the ~100 % of a busy worker.
      assert(frac < 0.35, `renderer CPU ${(frac * 100).toFixed(0)} % while asleep`);
      proc = `, Chromium renderer CPU ${(frac * 100).toFixed(0)} %`;
      figures.push(`renderer CPU during sigwait ${(frac * 100).toFixed(0)} %`);
    }
    figures.push(`worker busy during sigwait ${(meter * 100).toFixed(1)} %`);
    await page.screenshot({ path: join(outDir, 'sigwait.png') });
    await page.click('#usr1');
    const done = await waitEvent(page, before, { type: 'finished', what: 'sigwait' }, 5_000);
    assert(done.sig === 10, `sigwait returned ${done.sig}`);
    const sig = (await events(page, before, { type: 'signal', how: 'sigwait' }))[0];
    assert(sig && typeof sig.latency === 'number' && sig.latency < 1000, `wake latency ${sig?.latency}`);
    figures.push(`sigwait wake latency ${ms(sig.latency)}`);
    return `meter ${(meter * 100).toFixed(1)} %${proc}; SIGUSR1 woke it in ${ms(sig.latency)}`;
  });

  await check('Interrupt cuts sleep(10) short', async () => {
    const before = await mark(page);
    await page.click('#sleep');
    await waitEvent(page, before, { type: 'started', what: 'sleep' });
    await page.waitForTimeout(700);
    await page.click('#interrupt');
    const exc = await waitEvent(page, before, { type: 'exception' }, 5_000);
    assert(exc.name === 'KeyboardInterrupt' && exc.where === 'sleep', JSON.stringify(exc));
    assert(exc.elapsed >= 600 && exc.elapsed < 5000, `slept ${exc.elapsed} ms`);
    const sig = (await events(page, before, { type: 'signal', name: 'SIGINT' }))[0];
    figures.push(`sleep interrupt latency ${ms(sig.latency)}`);
    return `woke after ${(exc.elapsed / 1000).toFixed(2)} s, click → handler ${ms(sig.latency)}`;
  });
  await page.close();
}

async function messageMode(browser, srv) {
  const page = await browser.newPage();
  watch(page, 'plain');
  let ready = false;
  await check('message mode: page not isolated, worker cannot block', async () => {
    await page.goto(`${srv.url}plain/${SLOW}`);
    await page.waitForFunction(() => window.sigemuDemo?.ready, null, { timeout: 20_000 });
    const r = await page.evaluate(() => ({ iso: crossOriginIsolated, sab: typeof SharedArrayBuffer, mode: window.sigemuDemo.mode, canBlock: window.sigemuDemo.canBlock }));
    assert(r.iso === false, 'page is cross-origin isolated');
    assert(r.mode === 'message', `mode ${r.mode}`);
    assert(r.canBlock === false, 'worker says it can block');
    ready = true;
    return `SharedArrayBuffer: ${r.sab}`;
  });
  if (!ready) return;

  await check('message mode: Interrupt still stops the computation', async () => {
    const before = await mark(page);
    await page.click('#start');
    await page.waitForFunction(() => window.sigemuDemo.rowsDone >= 20, null, { timeout: 15_000 });
    await page.click('#interrupt');
    const exc = await waitEvent(page, before, { type: 'exception' }, 15_000);
    assert(exc.name === 'KeyboardInterrupt' && exc.where === 'compute', JSON.stringify(exc));
    assert(exc.done < exc.height, 'the computation had finished');
    const sig = (await events(page, before, { type: 'signal', name: 'SIGINT' }))[0];
    assert(sig && typeof sig.latency === 'number' && sig.latency < 5000, `latency ${sig?.latency}`);
    figures.push(`Interrupt latency (message mode, busy worker) ${ms(sig.latency)}`);
    await page.screenshot({ path: join(outDir, 'message-mode.png') });
    return `stopped after ${exc.done} rows, click → handler ${ms(sig.latency)} (waits for the row to end)`;
  });

  await check('message mode: sleep(10) polls from the event loop and Interrupt ends it', async () => {
    const before = await mark(page);
    await page.click('#sleep');
    await waitEvent(page, before, { type: 'started', what: 'sleep' });
    await page.waitForTimeout(500);
    await page.click('#interrupt');
    const exc = await waitEvent(page, before, { type: 'exception' }, 5_000);
    assert(exc.name === 'KeyboardInterrupt' && exc.where === 'sleep' && exc.polled === true, JSON.stringify(exc));
    return `woke after ${(exc.elapsed / 1000).toFixed(2)} s`;
  });
  await page.close();
}

await T.main(main, () => publishScreenshot(root, outDir, 'web-demo.png'));
