// browser.mjs DIR — serve DIR (the esbuild bundles, the page and the
// Emscripten program) cross-origin isolated on 127.0.0.1, open it in
// headless Chromium (playwright-core, /usr/bin/chromium) and check that the
// program in the worker got the page's SIGUSR1. Prints TAP lines.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const dir = process.argv[2];
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  const path = normalize(join(dir, new URL(req.url, 'http://x').pathname.replace(/^\/$/, '/index.html')));
  if (!path.startsWith(dir)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(path);
    res.writeHead(200, {
      'Content-Type': types[extname(path)] ?? 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    }).end(body);
  } catch { res.writeHead(404).end(); }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

let n = 0, failed = 0;
const ok = (cond, name, note = '') => {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}${note ? ` (${note})` : ''}`);
};
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  const r = await page.waitForFunction(() => window.result?.status !== null && window.result,
    null, { timeout: 30_000 }).then((h) => h.jsonValue()).catch((e) => ({ error: String(e) }));
  ok(r.isolated === true && r.mode === 'sab', 'the page is cross-origin isolated (SAB mode)', `mode ${r.mode}`);
  ok(r.status === 0 && r.lines?.some((l) => l.includes('signal from the host')),
    'the bundled worker ran the program and the page\'s SIGUSR1 reached it',
    `status ${r.status}: ${(r.lines ?? []).join(' | ')}${r.error ?? ''}`);
  ok(errors.length === 0, 'no uncaught error in the page', errors.join(' | '));
} finally {
  await browser.close();
  server.close();
}
console.log(`npm browser: ${n - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
