// server.mjs — the demo's static server (plain node:http, no framework).
//
// The same files are served under two prefixes, because what a page may do
// with signals depends on the headers it was served with:
//   /iso/    Cross-Origin-Opener-Policy: same-origin and
//            Cross-Origin-Embedder-Policy: require-corp → the page is
//            cross-origin isolated, SharedArrayBuffer exists, and signals
//            travel through a shared control block (SAB mode);
//   /plain/  no such headers → no SharedArrayBuffer, so signals travel as
//            postMessage messages (message mode).
// `/` redirects to /iso/. Only 127.0.0.1 is listened on.
//
// Usage: node web-demo/server.mjs [--port N]   (PORT env also works; 0 picks
// a free port). Imported by the browser test: startServer({ port: 0 }).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

/** URL path (under a prefix) → directory it maps to. First match wins. */
function routes(buildDir) {
  return [
    ['js/', join(root, 'js', 'src')],
    ['wasm/', buildDir],
    ['', here],
  ];
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
// What the page may load from web-demo/ itself (not the C source, not the
// server, not the test).
const PAGE_FILES = new Set(['index.html', 'app.js', 'worker.js', 'mailbox.js', 'style.css']);

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

async function resolveFile(rest, buildDir) {
  if (rest === '') rest = 'index.html';
  for (const [prefix, dir] of routes(buildDir)) {
    if (!rest.startsWith(prefix)) continue;
    const sub = rest.slice(prefix.length);
    if (prefix === '' && !PAGE_FILES.has(sub)) return null;
    const file = normalize(join(dir, sub));
    if (file !== dir && !file.startsWith(dir + sep)) return null; // no ../
    try {
      if ((await stat(file)).isFile()) return file;
    } catch { /* fall through */ }
    return null;
  }
  return null;
}

/**
 * Start the server. Resolves to { server, port, url, close() }.
 * opts.port (default 8787; 0 = any free port), opts.buildDir (where demo.mjs
 * and demo.wasm are; default build/web-demo), opts.quiet.
 */
export function startServer(opts = {}) {
  const buildDir = resolve(opts.buildDir ?? join(root, 'build', 'web-demo'));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/' || path === '/iso' || path === '/plain') {
      res.writeHead(302, { Location: (path === '/' ? '/iso' : path) + '/' + url.search }).end();
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const m = /^\/(iso|plain)\/(.*)$/.exec(path);
    const file = m ? await resolveFile(m[2], buildDir) : null;
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\n`);
      return;
    }
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      ...(m[1] === 'iso' ? ISOLATION : {}),
    };
    try {
      const body = await readFile(file);
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(e));
    }
  });
  return new Promise((resolveP, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, '127.0.0.1', () => {
      const port = server.address().port;
      const url = `http://127.0.0.1:${port}/`;
      if (!opts.quiet) {
        console.log(`sigemu web demo: ${url}iso/    (cross-origin isolated: SAB mode)`);
        console.log(`                 ${url}plain/  (not isolated: message mode)`);
      }
      resolveP({ server, port, url, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT ?? 8787);
  startServer({ port }).then(() => console.log('Ctrl-C stops the server.')).catch((e) => {
    console.error(`web demo server: ${e.message}`);
    process.exit(1);
  });
}
