// Search figures for the benchmark: how big each language's Pagefind index
// is, how long indexing adds to a build, and how many bytes a learner's
// first and second query fetch in Chromium (responses under /pagefind/).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const size = (file) => statSync(file).size;

/** Bytes per language: metadata, index chunks and page fragments, and the WebAssembly it loads. */
export function indexSizes(dist) {
  const dir = join(dist, 'pagefind');
  const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8'));
  const sum = (sub, prefix) =>
    readdirSync(join(dir, sub))
      .filter((f) => f.startsWith(prefix))
      .reduce((n, f) => n + size(join(dir, sub, f)), 0);
  const languages = {};
  for (const [lang, info] of Object.entries(entry.languages)) {
    languages[lang] = {
      pages: info.page_count,
      meta: size(join(dir, `pagefind.${info.hash}.pf_meta`)),
      index: sum('index', `${lang}_`),
      fragments: sum('fragment', `${lang}_`),
      wasm: size(join(dir, `wasm.${info.wasm ?? 'unknown'}.pagefind`)),
    };
  }
  return { languages, script: size(join(dir, 'pagefind.js')) + size(join(dir, 'pagefind-worker.js')) };
}

/** Indexes an already built site again and times it: what the integration adds to `astro build`. */
export async function indexingMs(dist) {
  const { indexSite } = await import('../../src/integrations/pagefind.ts');
  const { ms, pages } = await indexSite(dist);
  return { ms: Math.round(ms), pages };
}

/** Opens search on a page and runs two queries, counting bytes fetched under /pagefind/ for each. */
export async function searchBytes(chromium, dist, port, queries) {
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dist, '--port', String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const out = {};
  try {
    for (const [lang, [first, second]] of Object.entries(queries)) {
      // Without the offline service worker, whose own fetches the page's events do not show.
      const page = await browser.newPage({ serviceWorkers: 'block' });
      let bytes = 0;
      let dialogBytes = 0;
      const pending = new Set();
      page.on('requestfinished', (request) => {
        const done = request.sizes().then(({ responseBodySize }) => {
          const path = new URL(request.url()).pathname;
          if (path.startsWith('/pagefind/')) bytes += Math.max(0, responseBodySize);
          else if (/search-dialog/.test(path)) dialogBytes += Math.max(0, responseBodySize);
        });
        pending.add(done);
        done.finally(() => pending.delete(done));
      });
      const settle = async () => {
        await page.waitForLoadState('networkidle');
        await Promise.all(pending);
      };
      await page.goto(`http://127.0.0.1:${port}/${lang}/`, { waitUntil: 'networkidle' });
      await settle();
      const beforeOpen = bytes;
      const input = page.locator('dialog.search-dialog input');
      const status = page.locator('[data-search-status]');
      const query = async (text) => {
        await input.fill('');
        await input.fill(text);
        await status.filter({ hasText: /\d|“/ }).waitFor();
        await settle();
      };
      await page.locator('body').press('/');
      await query(first);
      const firstBytes = bytes;
      await query(second);
      out[lang] = { queries: [first, second], beforeOpen, first: firstBytes, second: bytes - firstBytes, dialogScript: dialogBytes };
      await page.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  return out;
}
