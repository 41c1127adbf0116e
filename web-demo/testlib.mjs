// testlib.mjs — what the web demo's browser tests share (test.mjs for the
// Mandelbrot page, test-python.mjs for the Python consoles): TAP-style
// checks, a watchdog, console-error watching, Chromium (Debian's, headless,
// through playwright-core) and its per-process CPU time.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

/**
 * A test run: check(name, fn) runs one check (fn may return a note);
 * figures collects measured numbers printed at the end; finish() prints
 * the summary and exits. deadlineMs bounds the whole run.
 */
export function testRun(deadlineMs) {
  const t = { passed: 0, failed: 0, n: 0, figures: [], consoleErrors: [] };
  t.check = async (name, fn) => {
    t.n++;
    try {
      const note = await fn();
      t.passed++;
      console.log(`ok ${t.n} - ${name}${note ? ` (${note})` : ''}`);
      return true;
    } catch (e) {
      t.failed++;
      console.log(`not ok ${t.n} - ${name}`);
      console.log(`  # ${String(e?.message ?? e).split('\n').slice(0, 8).join('\n  # ')}`);
      return false;
    }
  };
  t.fail = (text) => { t.failed++; console.log(`not ok - ${text}`); };
  const watchdog = setTimeout(() => {
    console.log(`not ok - the browser test took more than ${deadlineMs / 1000} s`);
    console.log(`${t.passed} passed, ${t.failed + 1} failed`);
    process.exit(1);
  }, deadlineMs);
  /** Collect console errors, uncaught exceptions and crashes of `page`. */
  t.watch = (page, label) => {
    page.on('console', (m) => { if (m.type() === 'error') t.consoleErrors.push(`${label}: ${m.text()}`); });
    page.on('pageerror', (e) => t.consoleErrors.push(`${label}: uncaught ${e.message}`));
    page.on('crash', () => t.consoleErrors.push(`${label}: page crashed`));
  };
  /** Run main; when every check passed, onPass (a screenshot's copy); finish. */
  t.main = async (main, onPass) => {
    try {
      await main();
    } catch (e) {
      t.fail(`the browser test could not run: ${e?.stack ?? e}`);
    }
    if (t.failed === 0 && onPass) await onPass();
    t.finish();
  };
  t.finish = () => {
    for (const f of t.figures) console.log(`# ${f}`);
    clearTimeout(watchdog);
    console.log(`${t.passed} passed, ${t.failed} failed`);
    process.exit(t.failed ? 1 : 0);
  };
  return t;
}

export function assert(cond, msg) { if (!cond) throw new Error(msg); }
export const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** Headless Chromium with a fresh profile under outDir; a CDP session or null. */
export async function launch(outDir, name = 'chromium-profile') {
  await mkdir(outDir, { recursive: true });
  const profile = join(outDir, name);
  await rm(profile, { recursive: true, force: true });
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  let cdp = null;
  try { cdp = await browser.browser()?.newBrowserCDPSession(); } catch { cdp = null; }
  return { browser, cdp };
}

/**
 * One browser session of test run T: the demo's server on a free port,
 * Chromium (profile `name` under outDir); fn(browser, srv, cdp); then both
 * closed, and a check that no page logged a console error.
 */
export async function session(T, outDir, name, fn) {
  const srv = await startServer({ port: 0, quiet: true });
  const { browser, cdp } = await launch(outDir, name);
  try {
    await fn(browser, srv, cdp);
  } finally {
    await browser.close().catch(() => {});
    await srv.close();
  }
  await T.check('no console errors on any page', () => {
    assert(T.consoleErrors.length === 0, T.consoleErrors.join('\n'));
  });
}

/** Renderer CPU seconds (all renderer processes), from Chromium itself. */
export async function rendererCpu(cdp) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  return processInfo.filter((p) => p.type === 'renderer').reduce((a, p) => a + p.cpuTime, 0);
}

/**
 * The README's screenshots are tracked files: copy build/web-demo/NAME to
 * docs/img/NAME only on request (SIGEMU_UPDATE_SCREENSHOT=1), so that
 * `make test` leaves the work tree clean.
 */
export async function publishScreenshot(root, outDir, name) {
  if (process.env.SIGEMU_UPDATE_SCREENSHOT === '1') {
    await mkdir(join(root, 'docs', 'img'), { recursive: true });
    await copyFile(join(outDir, name), join(root, 'docs', 'img', name));
    console.log(`# screenshot: build/web-demo/${name} → docs/img/${name}`);
  } else {
    console.log(`# screenshot: build/web-demo/${name} (SIGEMU_UPDATE_SCREENSHOT=1 copies it to docs/img/)`);
  }
}
