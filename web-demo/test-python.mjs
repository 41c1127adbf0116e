// test-python.mjs — the browser test of the Python consoles (python.html):
// real Chromium (Debian's, headless) driven by playwright-core.
//
// What it asserts, each a check that can fail:
//   SAB mode (/iso/python.html): the page is cross-origin isolated; the
//   CPython + sigemu console starts and can block; every example of
//   examples.js, run with one click, ends as it says (Interrupt ends the
//   busy loop and time.sleep(100) with KeyboardInterrupt, the alarm handler
//   ends its loop, the ticker prints during the computation, sigwait returns
//   SIGUSR1 when the button is pressed, the decorator raises TimeoutError);
//   the worker's CPU during sleep(100) and sigwait stays near zero (the
//   page's meter, and Chromium's own renderer CPU time); Ctrl+C in the
//   console sends SIGINT. Then the same examples in the Pyodide console:
//   measured and printed, not asserted (a cell that does not end is
//   terminated by the page's Restart after a few seconds).
//   Message mode (/plain/python.html): not isolated; the timers still work
//   (alarm, the timeout decorator) and an Interrupt sent while the console
//   is idle raises KeyboardInterrupt at its prompt.
//   No console error on any page.
// Screenshot of the consoles after the examples: build/web-demo/python-console.png
// (SIGEMU_UPDATE_SCREENSHOT=1 copies it to docs/img/).
// Prints TAP-style lines and a final "N passed, N failed"; exit 1 on failure.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLES } from './examples.mjs';
import { assert, ms, publishScreenshot, rendererCpu, session, testRun } from './testlib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const outDir = join(root, 'build', 'web-demo');
const T = testRun(Number(process.env.SIGEMU_PYCONSOLE_DEADLINE_MS ?? 420_000));
const { check, figures } = T;
const START_MS = 120_000; // interpreters start in a few seconds; a loaded machine is slower
const pct = (f) => `${(f * 100).toFixed(1)} %`;

/** Events of console `engine` from index `from` on. */
const events = (page, engine, from = 0) =>
  page.evaluate(({ engine, from }) => window.sigemuConsole.consoles[engine].events.slice(from), { engine, from });
const mark = (page, engine) => page.evaluate((e) => window.sigemuConsole.consoles[e].events.length, engine);
async function waitEvent(page, engine, from, type, timeout) {
  const h = await page.waitForFunction(({ engine, from, type }) =>
    window.sigemuConsole.consoles[engine].events.slice(from).find((e) => e.type === type) ?? null,
  { engine, from, type }, { timeout, polling: 50 });
  return h.jsonValue();
}
const waitReady = (page, engine) => page.waitForFunction((e) => window.sigemuConsole?.consoles[e]?.ready,
  engine, { timeout: START_MS, polling: 100 });
const result = (page, id, engine) => page.evaluate(({ id, engine }) => window.sigemuConsole.results[id]?.[engine] ?? null, { id, engine });

/** CPU of the worker over one second, by the page's meter and by Chromium. */
async function cpuNow(page, engine, cdp) {
  await page.waitForTimeout(1300); // the meter averages its last second
  const c0 = cdp ? await rendererCpu(cdp) : null;
  const t0 = Date.now();
  await page.waitForTimeout(1000);
  const c1 = cdp ? await rendererCpu(cdp) : null;
  const meter = await page.evaluate((e) => window.sigemuConsole.consoles[e].cpu, engine);
  return { meter, renderer: cdp ? (c1 - c0) / ((Date.now() - t0) / 1000) : null };
}

/**
 * Run example `ex` in console `engine` with one click, do its action, and
 * return { done (the worker's 'done' event or null), cpu (while waiting,
 * for sleep and sigwait) }. A cell still running `giveUpMs` after the action
 * is ended by the page's Restart.
 */
async function runExample(page, engine, ex, cdp, giveUpMs) {
  const from = await mark(page, engine);
  await page.evaluate(({ id, engine }) => window.sigemuConsole.loadExample(id, [engine]), { id: ex.id, engine });
  await waitEvent(page, engine, from, 'started', 10_000);
  let cpu = null;
  if (ex.action) {
    const t0 = Date.now();
    if (ex.id === 'sleep' || ex.id === 'sigwait') {
      cpu = await cpuNow(page, engine, cdp);
      // A cell that already ended (an exception at once) was not waiting.
      if ((await events(page, engine, from)).some((e) => e.type === 'done')) cpu = null;
    }
    await page.waitForTimeout(Math.max(0, ex.action.after - (Date.now() - t0)));
    await page.click(`#c-${engine} button.${ex.action.interrupt ? 'interrupt' : 'usr1'}`);
  }
  try {
    return { done: await waitEvent(page, engine, from, 'done', giveUpMs), cpu };
  } catch {
    await page.click(`#c-${engine} button.restart`);
    await page.waitForFunction((e) => window.sigemuConsole.consoles[e].cell === null, engine, { timeout: 5_000 });
    await waitReady(page, engine);
    return { done: null, cpu };
  }
}

async function isolatedPage(browser, srv, cdp) {
  const page = browser.pages()[0] ?? await browser.newPage();
  T.watch(page, 'iso/python');
  let ok = await check('SAB mode: page cross-origin isolated, CPython + sigemu ready and able to block', async () => {
    await page.goto(`${srv.url}iso/python.html`);
    await waitReady(page, 'sigemu');
    // Pyodide too: its start-up (compiling its wasm) would count in the
    // renderer CPU measured while the sigemu console waits.
    await waitReady(page, 'pyodide');
    const r = await page.evaluate(() => ({ iso: crossOriginIsolated, info: window.sigemuConsole.consoles.sigemu.info }));
    assert(r.iso === true, 'crossOriginIsolated is false');
    assert(r.info.canBlock === true, 'the worker cannot block');
    figures.push(`CPython + sigemu start-up in the page ${ms(r.info.startMs)}`);
    return `${r.info.version.split(' ')[0]}, started in ${ms(r.info.startMs)}`;
  });
  if (!ok) return page;

  for (const ex of EXAMPLES) {
    await check(`sigemu console: ${ex.title} — ${ex.what}`, async () => {
      const { done, cpu } = await runExample(page, 'sigemu', ex, cdp, 60_000);
      assert(done, 'the cell did not end within 60 s (the page restarted the worker)');
      const r = await result(page, ex.id, 'sigemu');
      assert(done.exception === ex.expect.exception,
        `ended with ${done.exception || 'no exception'}, expected ${ex.expect.exception || 'none'}\n${r?.output ?? ''}`);
      assert(ex.expect.output.test(r.output), `output does not match ${ex.expect.output}:\n${r.output}`);
      let note = `${ms(done.elapsed)}, CPU ${pct(done.cpu)}`;
      if (ex.action?.interrupt) {
        assert(done.interruptToEnd < 3000, `Interrupt → end of the cell took ${ms(done.interruptToEnd)}`);
        note += `, Interrupt → ${done.exception} ${ms(done.interruptToEnd)}`;
        figures.push(`sigemu ${ex.id}: Interrupt → ${done.exception} ${ms(done.interruptToEnd)}`);
      }
      if (cpu) {
        assert(typeof cpu.meter === 'number' && cpu.meter < 0.05, `the page's meter says ${pct(cpu.meter)} while waiting`);
        // The whole renderer (page + both workers): the page redraws its
        // meters, so not zero, but far from a busy core.
        if (cpu.renderer != null) assert(cpu.renderer < 0.35, `renderer CPU ${pct(cpu.renderer)} while waiting`);
        note += `, worker CPU while waiting ${pct(cpu.meter)}${cpu.renderer != null ? ` (renderer ${pct(cpu.renderer)})` : ''}`;
        figures.push(`sigemu ${ex.id}: worker CPU while waiting ${pct(cpu.meter)}, renderer ${cpu.renderer != null ? pct(cpu.renderer) : 'n/a'}`);
      }
      const ev = await events(page, 'sigemu');
      if (ex.id === 'alarm' || ex.id === 'ticker') {
        // The log gives each SIGALRM handler its lateness after the deadline.
        const lates = ev.filter((e) => e.type === 'handler' && e.sig === 14 && e.at >= done.at - done.elapsed)
          .map((e) => e.late);
        assert(lates.length > 0 && lates.every((l) => typeof l === 'number' && l >= 0 && l < 1000),
          `SIGALRM handler lateness in the log: ${JSON.stringify(lates)}`);
        const max = Math.max(...lates);
        note += `, SIGALRM handler ${lates.length}× at most ${ms(max)} after its deadline`;
        figures.push(`sigemu ${ex.id}: SIGALRM handler lateness max ${ms(max)} (${lates.length})`);
      }
      const taken = ev.filter((e) => e.type === 'taken').length;
      return `${note}${taken ? `, ${taken} signal(s) taken from the page so far` : ''}`;
    });
  }

  await check('sigemu console: Ctrl+C in the console interrupts a running cell', async () => {
    const from = await mark(page, 'sigemu');
    await page.fill('#c-sigemu .editor', 'n = 0\nwhile True:\n    n += 1\n');
    await page.click('#c-sigemu button.run');
    await waitEvent(page, 'sigemu', from, 'started', 10_000);
    await page.waitForTimeout(800);
    await page.focus('#c-sigemu .editor');
    await page.keyboard.press('Control+c');
    const done = await waitEvent(page, 'sigemu', from, 'done', 10_000);
    assert(done.exception === 'KeyboardInterrupt', `ended with ${done.exception || 'no exception'}`);
    const ev = await events(page, 'sigemu', from);
    const sent = ev.find((e) => e.type === 'sent' && e.sig === 2);
    assert(sent, 'no SIGINT sent by Ctrl+C');
    return `KeyboardInterrupt ${ms(done.at - sent.at)} after Ctrl+C`;
  });

  ok = await check('Pyodide console ready', async () => {
    const info = await page.evaluate(() => window.sigemuConsole.consoles.pyodide.info);
    figures.push(`Pyodide start-up in the page ${ms(info.startMs)}`);
    return `${info.version}, started in ${ms(info.startMs)}`;
  });
  if (ok) {
    // Measured, not asserted: what the same examples do in Pyodide.
    for (const ex of EXAMPLES) {
      await check(`Pyodide console: ${ex.title} (measured)`, async () => {
        const { done, cpu } = await runExample(page, 'pyodide', ex, cdp, 5_000);
        const r = await result(page, ex.id, 'pyodide');
        assert(r, 'no measurement recorded by the page');
        const what = !done ? `did not end ${ex.action ? 'after the button' : ''}; terminated after ${ms(r.elapsed)}`
          : `${done.exception || 'no exception'} after ${ms(done.elapsed)}`;
        const waiting = cpu ? `, CPU while waiting ${pct(cpu.meter)}${cpu.renderer != null ? ` (renderer ${pct(cpu.renderer)})` : ''}` : '';
        const line = `Pyodide ${ex.id}: ${what}, CPU ${pct(r.cpu)}${waiting}` +
          `${done?.interruptToEnd != null ? `, Interrupt → end ${ms(done.interruptToEnd)}` : ''}` +
          `${done?.exception && done.exception !== 'KeyboardInterrupt' ? ` (${(r.output.match(/\w+Error: .*/) ?? [''])[0]})` : ''}`;
        figures.push(line);
        return line.replace(/^Pyodide \w+: /, '');
      });
    }
  }
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(outDir, 'python-console.png') });
  return page;
}

async function messagePage(browser, srv) {
  const page = await browser.newPage();
  T.watch(page, 'plain/python');
  const ok = await check('message mode: page not isolated, CPython + sigemu ready, cannot block', async () => {
    await page.goto(`${srv.url}plain/python.html`);
    await waitReady(page, 'sigemu');
    const r = await page.evaluate(() => ({ iso: crossOriginIsolated, info: window.sigemuConsole.consoles.sigemu.info }));
    assert(r.iso === false, 'the page is cross-origin isolated');
    assert(r.info.canBlock === false, 'the worker says it can block');
    const text = await page.textContent('#explain');
    assert(/Message mode/.test(text) && /still works/.test(text), 'the page does not say what works in message mode');
    return r.info.version.split(' ')[0];
  });
  if (!ok) return;
  for (const id of ['alarm', 'timeout']) {
    const ex = EXAMPLES.find((e) => e.id === id);
    await check(`message mode: ${ex.title} still works (timers need no shared memory)`, async () => {
      const { done } = await runExample(page, 'sigemu', ex, null, 60_000);
      assert(done, 'the cell did not end');
      const r = await result(page, id, 'sigemu');
      assert(done.exception === ex.expect.exception && ex.expect.output.test(r.output), `got ${done.exception}:\n${r.output}`);
      figures.push(`message mode ${id}: ${ms(done.elapsed)}, CPU ${pct(done.cpu)}`);
      return `${ms(done.elapsed)}, CPU ${pct(done.cpu)}`;
    });
  }
  await check('message mode: Interrupt at the idle prompt raises KeyboardInterrupt there', async () => {
    const from = await mark(page, 'sigemu');
    await page.click('#c-sigemu button.interrupt');
    const e = await waitEvent(page, 'sigemu', from, 'idle-exception', 10_000);
    assert(e.exception === 'KeyboardInterrupt', `got ${e.exception}`);
    const sent = (await events(page, 'sigemu', from)).find((x) => x.type === 'sent');
    return `${ms(e.at - sent.at)} after the click`;
  });
  await page.close();
}

async function main() {
  await session(T, outDir, 'chromium-profile-python', async (browser, srv, cdp) => {
    const page = await isolatedPage(browser, srv, cdp);
    await page.close();
    await messagePage(browser, srv);
  });
}

await T.main(main, () => publishScreenshot(root, outDir, 'python-console.png'));
