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
// Under both prefixes: index.html (the Mandelbrot program) and python.html
// (the Python consoles), which also load cpython/ (the browser CPython build
// with sigemu, python/build.sh emscripten-browser sigemu) and pyodide/ (the
// npm package).
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
function routes(dirs) {
  return [
    ['js/', join(root, 'js', 'src')],
    ['wasm/', dirs.buildDir],
    ['cpython/', dirs.cpythonDir],
    ['pyodide/', dirs.pyodideDir],
    ['', here],
  ];
}

/** Where the Python console's interpreters are, unless opts say otherwise. */
export const CPYTHON_DIR = process.env.SIGEMU_BROWSER_PYTHON ?? join(root, 'build', 'cpython', 'emscripten-browser-sigemu');
export const PYODIDE_DIR = process.env.SIGEMU_PYODIDE ?? join(root, 'build', 'bench', 'pyodide', 'node_modules', 'pyodide');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.py': 'text/x-python; charset=utf-8',
  '.data': 'application/octet-stream',
  '.zip': 'application/zip',
};
// What the page may load from web-demo/ itself (not the C source, not the
// server, not the test).
const PAGE_FILES = new Set(['index.html', 'app.js', 'worker.js', 'mailbox.js', 'style.css',
  'python.html', 'console.js', 'console.css', 'py-worker.js', 'console.py', 'examples.mjs', 'meter.js']);

const CPYTHON_FILES = new Set(['python.js', 'python.wasm', 'python.data']);

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

async function resolveFile(rest, dirs) {
  if (rest === '') rest = 'index.html';
  for (const [prefix, dir] of routes(dirs)) {
    if (!rest.startsWith(prefix)) continue;
    const sub = rest.slice(prefix.length);
    if (prefix === '' && !PAGE_FILES.has(sub)) return null;
    if (prefix === 'cpython/' && !CPYTHON_FILES.has(sub)) return null; // not the whole build tree
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
 * and demo.wasm are; default build/web-demo), opts.cpythonDir and
 * opts.pyodideDir (default CPYTHON_DIR and PYODIDE_DIR), opts.quiet.
 */
export function startServer(opts = {}) {
  const dirs = {
    buildDir: resolve(opts.buildDir ?? join(root, 'build', 'web-demo')),
    cpythonDir: resolve(opts.cpythonDir ?? CPYTHON_DIR),
    pyodideDir: resolve(opts.pyodideDir ?? PYODIDE_DIR),
  };
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
    const file = m ? await resolveFile(m[2], dirs) : null;
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
        console.log(`  Python consoles: ${url}iso/python.html  (and /plain/python.html)`);
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
