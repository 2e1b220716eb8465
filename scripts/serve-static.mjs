// A small static file server for tests and benchmarks, standing in for
// whatever static host an instructor uses: directory indexes, the site's
// 404 page, correct MIME types, and an optional base path.
//   node scripts/serve-static.mjs --dir dist --port 4411 [--base /course/] [--isolate] [--vary Origin]
// --isolate sends COOP/COEP, making pages cross-origin isolated (so running
// Python can be interrupted through a SharedArrayBuffer).
// --vary sends that Vary header with every response, as many hosts do
// (`Origin` on S3/CloudFront with CORS, `Accept-Encoding` where they compress),
// so the offline tests can show the service worker finds its files anyway.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4411' },
    host: { type: 'string', default: '127.0.0.1' },
    base: { type: 'string', default: '/' },
    isolate: { type: 'boolean', default: false },
    vary: { type: 'string' },
  },
});

const root = resolve(values.dir);
const base = values.base.endsWith('/') ? values.base : `${values.base}/`;
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
};

async function file(path) {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) return file(join(path, 'index.html'));
  } catch {
    // not there
  }
  return null;
}

const isolation = values.isolate ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
const vary = values.vary ? { vary: values.vary } : {};

// Fingerprinted assets and the versioned Python runtime never change under
// the same URL, so they may be cached for good; pages are revalidated.
const immutable = (url) => /^\/(?:_astro|pyodide)\//.test(url);

// The app frame carries its own policy (as deploy/nginx/waymark.conf sends it).
const APP_FRAME_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; media-src data:; connect-src 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'self'";

function send(res, status, path, url = '') {
  res.writeHead(status, {
    ...(path.endsWith('/app-frame.html') ? { 'content-security-policy': APP_FRAME_CSP } : {}),
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'cache-control': immutable(url) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...isolation,
    ...vary,
  });
  createReadStream(path).pipe(res);
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const pathname = decodeURIComponent(url.pathname);
  const notFound = async () => {
    const page = await file(join(root, '404.html'));
    if (page) send(res, 404, page);
    else res.writeHead(404).end('not found');
  };
  if (!pathname.startsWith(base)) return notFound();
  const local = normalize(join(root, pathname.slice(base.length)));
  if (!local.startsWith(root)) return notFound();
  // Like most static hosts: /page redirects to /page/ when that is a folder.
  if (!pathname.endsWith('/') && !extname(pathname) && (await file(join(local, 'index.html')))) {
    res.writeHead(301, { location: `${pathname}/${url.search}` }).end();
    return;
  }
  const found = await file(local);
  if (found) send(res, 200, found, pathname.slice(base.length - 1));
  else await notFound();
}).listen(Number(values.port), values.host, () => {
  console.log(`serving ${root} at http://${values.host}:${values.port}${base}`);
});
