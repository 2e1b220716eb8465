import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { pbkdf2Sync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type APIResponse, type BrowserContext, type Page } from '@playwright/test';
import { NGINX_FIXTURE_URL, NGINX_SUBPATH_URL, NGINX_URL } from '../../playwright.config';
import { writeTestSite } from '../../scripts/lib/nginx-site.mjs';
import { stepCheckCount, walkthroughStep, WALKTHROUGH_CHAPTER } from './helpers';

/**
 * The course served by Debian's nginx with deploy/nginx/waymark.conf, as an
 * instructor would host it (scripts/serve-nginx.mjs changes only the port
 * and the folder): what the server sends, and that every page works under the
 * Content-Security-Policy it sends. Python runs on the fixture course, served
 * by the same config (NGINX_FIXTURE_URL), so the steps are the fixture's.
 */
/** The first group of `pattern` in `text`; the build is not what the test expects without it. */
function find(pattern: RegExp, text: string): string {
  const found = pattern.exec(text)?.[1];
  if (!found) throw new Error(`${pattern} not found in the build`);
  return found;
}
const PYODIDE = `/pyodide/${find(/^(\d[^\n]*)$/m, readdirSync('dist/pyodide').join('\n'))}`;
/** Any chapter of the built course: what is tested here is the server, not a chapter. */
const SLUG = readdirSync('dist/en/chapters').sort()[0]!;
const chapterHtml = readFileSync(`dist/en/chapters/${SLUG}/index.html`, 'utf8');
const ASTRO_JS = find(/src="(\/_astro\/[^"]+\.js)"/, chapterHtml);
// Chapters carry their CSS inline; the class dashboard keeps a stylesheet file (astro.config.mjs).
const ASTRO_CSS = find(/href="(\/_astro\/[^"]+\.css)"/, readFileSync('dist/en/dashboard/index.html', 'utf8'));
const IMMUTABLE = 'public, max-age=31536000, immutable';
const CHAPTER = `/en/chapters/${SLUG}/`;
/** Any chapter of the build under /course/ (dist-base, the fixture course), for the sub-path test. */
const SUBPATH_SLUG = readdirSync('dist-base/zh-cn/chapters').sort()[0]!;
/** The fixture's walkthrough chapter, on the nginx server that serves the fixture. */
const WALKTHROUGH = `/en/${WALKTHROUGH_CHAPTER}`;

/** The CSP as written in the config, so the test follows the file rather than a copy of it. */
const CSP = find(/add_header Content-Security-Policy "([^"]+)" always;/, readFileSync('deploy/nginx/waymark-headers.conf', 'utf8'));

test.describe.configure({ timeout: 180_000 });

async function get(page: Page, path: string, encoding = 'gzip'): Promise<APIResponse> {
  return page.request.get(`${NGINX_URL}${path}`, { headers: { 'accept-encoding': encoding }, maxRedirects: 0 });
}

test('files are sent with the right types', async ({ page }) => {
  for (const [path, type] of [
    ['/en/', 'text/html; charset=utf-8'],
    [ASTRO_JS, 'text/javascript; charset=utf-8'],
    [ASTRO_CSS, 'text/css; charset=utf-8'],
    [`${PYODIDE}/pyodide.asm.wasm`, 'application/wasm'],
    [`${PYODIDE}/pyodide.mjs`, 'text/javascript; charset=utf-8'],
    [`${PYODIDE}/pyodide-lock.json`, 'application/json; charset=utf-8'],
    [`${PYODIDE}/python_stdlib.zip`, 'application/zip'],
    ['/favicon.svg', 'image/svg+xml'],
  ] as const) {
    const response = await get(page, path, 'identity');
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toBe(type);
  }
});

test('text, scripts, styles and WebAssembly are gzipped when the browser accepts it, and only then', async ({ page }) => {
  for (const path of ['/en/', CHAPTER, ASTRO_JS, ASTRO_CSS, `${PYODIDE}/pyodide.asm.wasm`, `${PYODIDE}/pyodide.asm.mjs`]) {
    const zipped = await get(page, path, 'gzip');
    expect(zipped.headers()['content-encoding'], path).toBe('gzip');
    expect(zipped.headers().vary, path).toMatch(/Accept-Encoding/i);
    const plain = await get(page, path, 'identity');
    expect(plain.headers()['content-encoding'], path).toBeUndefined();
    expect((await zipped.body()).equals(await plain.body()), path).toBe(true);
  }
  // The runtime's 9 MB of WebAssembly goes out precompressed (the build's
  // .gz copy, with a length), not compressed again for every learner.
  const wasm = await get(page, `${PYODIDE}/pyodide.asm.wasm`, 'gzip');
  expect(Number(wasm.headers()['content-length'])).toBe(statSync(`dist${PYODIDE}/pyodide.asm.wasm.gz`).size);
});

test('Python’s runtime goes out as the build’s Brotli copy to browsers that accept Brotli; files without one are gzipped', async ({ page }) => {
  for (const file of ['pyodide.asm.wasm', 'pyodide.asm.mjs', 'pyodide.mjs', 'pyodide-lock.json']) {
    const path = `${PYODIDE}/${file}`;
    const brotli = await get(page, path, 'gzip, deflate, br');
    expect(brotli.headers()['content-encoding'], path).toBe('br');
    expect(Number(brotli.headers()['content-length']), path).toBe(statSync(`dist${path}.br`).size);
    const plain = await get(page, path, 'identity');
    expect((await brotli.body()).equals(await plain.body()), path).toBe(true);
  }
  expect((await get(page, '/en/', 'gzip, deflate, br')).headers()['content-encoding']).toBe('gzip');
});

test('the server config is valid with the Brotli snippet and module, and without them', () => {
  for (const brotli of [true, false]) {
    const dir = mkdtempSync(join(tmpdir(), 'waymark-nginx-t-'));
    try {
      const main = writeTestSite(dir, { root: resolve('dist'), port: 1, user: null, brotli });
      const checked = spawnSync(process.env.NGINX_PATH ?? '/usr/sbin/nginx', ['-t', '-p', dir, '-c', main], { encoding: 'utf8' });
      expect(checked.status, `brotli ${brotli}: ${checked.stderr}`).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('fingerprinted assets and the versioned Python runtime are cached for good; pages revalidate', async ({ page }) => {
  for (const path of [ASTRO_JS, ASTRO_CSS, `${PYODIDE}/pyodide.asm.wasm`, `${PYODIDE}/python_stdlib.zip`]) {
    expect((await get(page, path)).headers()['cache-control'], path).toBe(IMMUTABLE);
  }
  for (const path of ['/', '/en/', CHAPTER, '/zh-cn/progress/', '/favicon.svg', '/no-such-page/', '/_astro/no-such-file.js', `${PYODIDE}/no-such-file.wasm`]) {
    expect((await get(page, path)).headers()['cache-control'], path).toBe('no-cache');
  }
  // Revalidating an unchanged page costs a 304 and no body.
  const first = await get(page, CHAPTER);
  const again = await page.request.get(`${NGINX_URL}${CHAPTER}`, { headers: { 'if-none-match': first.headers().etag ?? '' } });
  expect(again.status()).toBe(304);
});

test('every response carries isolation, the CSP and the other security headers', async ({ page }) => {
  for (const path of ['/', CHAPTER, ASTRO_JS, `${PYODIDE}/pyodide.asm.wasm`, '/no-such-page/', '/en']) {
    const headers = (await get(page, path)).headers();
    expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy'], path).toBe('require-corp');
    expect(headers['content-security-policy'], path).toBe(CSP);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('same-origin');
  }
  expect(CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(CSP).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
});

test('an unknown path gets status 404 and the site’s own page; a folder without its slash is redirected', async ({ page }) => {
  const missing = await page.goto(`${NGINX_URL}/en/chapters/no-such-chapter/`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Page not found');
  await page.getByRole('link', { name: 'Learning path' }).click();
  await expect(page).toHaveURL(`${NGINX_URL}/en/`);
  const redirect = await get(page, '/zh-cn/glossary');
  expect(redirect.status()).toBe(301);
  expect(redirect.headers().location).toBe('/zh-cn/glossary/');
});

/**
 * Collects every CSP violation the browser reports, by event in each page
 * (before any of the page's own scripts run) and by console message, which
 * also catches those in the Python worker and on pages that navigate away.
 */
async function watchViolations(context: BrowserContext): Promise<{ page: Page; violations: string[] }> {
  const violations: string[] = [];
  await context.exposeBinding('__wmViolation', (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __wmViolation(text: string): void }).__wmViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return { page, violations };
}

test('the violation watch itself works: inline code is refused and reported', async ({ browser }) => {
  const context = await browser.newContext();
  const { page, violations } = await watchViolations(context);
  await page.goto(`${NGINX_URL}/en/`);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.documentElement.dataset.injected = "ran"';
    document.head.append(script);
  });
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.dataset.injected)).toBeUndefined();
  await context.close();
});

const PAGES = [
  ['learning path', '/{lang}/', 'h1'],
  ['chapter', `/{lang}/chapters/${SLUG}/`, 'wm-checklist input:enabled'],
  ['progress', '/{lang}/progress/', 'wm-export-progress button:enabled'],
  ['glossary', '/{lang}/glossary/', 'h1'],
  ['404', '/{lang}/no-such-page/', 'h1'],
  ['class progress', '/{lang}/dashboard/', 'wm-class-dashboard input[type="file"]:enabled'],
  ['printable checklists', '/{lang}/checklists/', 'h1'],
  ['offline', '/{lang}/offline/', 'h1'],
] as const;

for (const [lang, browserLocale] of [
  ['en', 'en-GB'],
  ['zh-cn', 'zh-CN'],
] as const) {
  test(`every page type loads in ${lang} under the CSP with no violations`, async ({ browser }) => {
    const context = await browser.newContext({ locale: browserLocale });
    const { page, violations } = await watchViolations(context);
    // The site root sends the browser to its language's learning path.
    await page.goto(`${NGINX_URL}/`);
    await expect(page).toHaveURL(`${NGINX_URL}/${lang}/`);
    for (const [name, path, ready] of PAGES) {
      await page.goto(`${NGINX_URL}${path.replace('{lang}', lang)}`);
      await expect(page.locator(ready).first(), name).toBeVisible();
      // Every linked stylesheet applied: the page is styled, not bare.
      expect(await page.evaluate(() => [...document.styleSheets].every((s) => s.cssRules.length > 0)), name).toBe(true);
    }
    expect(violations).toEqual([]);
    await context.close();
  });
}

for (const [lang, query] of [
  ['en', 'third'],
  ['zh-cn', '第三'],
] as const) {
  test(`search and the service worker work under the CSP (${lang}); the course then reloads offline`, async ({ browser }) => {
    const context = await browser.newContext();
    const { page, violations } = await watchViolations(context);
    await page.goto(`${NGINX_FIXTURE_URL}/${lang}/chapters/first/`);
    await page.locator('body').press('/');
    const dialog = page.locator('dialog.search-dialog');
    await dialog.getByRole('combobox').fill(query);
    await expect(dialog.getByRole('option').first()).toBeVisible();
    await page.keyboard.press('Escape');
    // The service worker installs and takes control, with everything it precaches.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    await context.setOffline(true);
    await page.goto(`${NGINX_FIXTURE_URL}/${lang}/glossary/`);
    await expect(page.locator('h1')).toBeVisible();
    await context.setOffline(false);
    expect(violations).toEqual([]);
    await context.close();
  });
}

test('a chapter works under the CSP: editor, theme, ticks, and a walkthrough step passing in Python', async ({ browser }) => {
  const context = await browser.newContext();
  const { page, violations } = await watchViolations(context);
  await page.goto(`${NGINX_FIXTURE_URL}${WALKTHROUGH}`);
  // Theme: chosen, then applied again before paint on the next page load.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The theme as it stood when the <body> first appeared, before any paint.
  await context.addInitScript(() => {
    const seen = new MutationObserver(() => {
      if (!document.body) return;
      document.documentElement.dataset.themeAtBody = document.documentElement.dataset.theme ?? 'none';
      seen.disconnect();
    });
    seen.observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme-at-body', 'dark');
  // Ticking.
  await page.locator('input[data-item="third-a"]').check();
  await expect(page.locator('.chapter-header wm-progress .text')).toHaveText(/^1 of/);
  // The editor, then a real run of the reference solution.
  const step = await walkthroughStep(page, 'deploy-app');
  await expect(step.locator('.cm-editor').first()).toBeVisible();
  await step.getByText('Stuck? Show a hint').click();
  await step.getByRole('button', { name: 'Load the reference solution' }).click();
  await step.getByRole('button', { name: 'Replace my code' }).click();
  await step.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(step.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 90_000 });
  await expect(step.locator('[data-checks] li.pass')).toHaveCount(stepCheckCount('fixture-deploy', 'deploy-app'));
  await expect(page.locator('input[data-item="third-b"]')).toBeChecked();
  expect(violations).toEqual([]);
  await context.close();
});

test('the page is cross-origin isolated, so an endless loop is interrupted in place, without a new worker', async ({ browser }) => {
  const context = await browser.newContext();
  const { page, violations } = await watchViolations(context);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto(`${NGINX_FIXTURE_URL}${WALKTHROUGH}`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const step = await walkthroughStep(page, 'wsgi-app');
  const run = step.getByRole('button', { name: 'Run', exact: true });
  await run.click();
  await expect(run).toBeEnabled({ timeout: 90_000 });
  await step.getByRole('tab', { name: 'app.py', exact: true }).click();
  await step.locator('[role="tabpanel"]:not([hidden]) .cm-content').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('while True:\n    pass\n');
  await run.click();
  await expect(step.getByRole('status')).toContainText('Stopped after 5 s', { timeout: 20_000 });
  await step.getByRole('button', { name: 'Reset' }).click();
  await step.getByRole('button', { name: 'Reset files' }).click();
  await run.click();
  await expect(run).toBeEnabled({ timeout: 30_000 });
  await expect(step.locator('[data-checks] li')).toHaveCount(stepCheckCount('fixture-deploy', 'wsgi-app'));
  expect(workers).toHaveLength(1);
  expect(violations).toEqual([]);
  await context.close();
});

test('under a sub-path (the config’s documented edits), the root redirects, assets are cached and pages work under the CSP', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const { page, violations } = await watchViolations(context);
  await page.goto(`${NGINX_SUBPATH_URL}/`);
  await expect(page).toHaveURL(`${NGINX_SUBPATH_URL}/zh-cn/`);
  const html = readFileSync('dist-base/zh-cn/index.html', 'utf8');
  const js = find(/src="\/course(\/_astro\/[^"]+\.js)"/, html);
  const asset = await page.request.get(`${NGINX_SUBPATH_URL}${js}`);
  expect(asset.headers()['cache-control']).toBe(IMMUTABLE);
  const runtime = await page.request.get(`${NGINX_SUBPATH_URL}${PYODIDE}/pyodide-lock.json`);
  expect(runtime.headers()['cache-control']).toBe(IMMUTABLE);
  await page.goto(`${NGINX_SUBPATH_URL}/zh-cn/chapters/${SUBPATH_SLUG}/`);
  await page.locator('wm-checklist input[type="checkbox"]').first().check();
  await expect(page.locator('.chapter-header wm-progress .text')).toHaveText(/^已完成 1 \//);
  const missing = await page.goto(`${NGINX_SUBPATH_URL}/zh-cn/no-such-page/`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('页面不存在');
  expect(violations).toEqual([]);
  await context.close();
});

test('every standard-library module the walkthroughs use loads and works under the CSP', async ({ browser }) => {
  const context = await browser.newContext();
  const { page, violations } = await watchViolations(context);
  await page.goto(`${NGINX_FIXTURE_URL}${WALKTHROUGH}`);
  const step = await walkthroughStep(page, 'wsgi-app');
  await step.getByRole('tab', { name: 'app.py', exact: true }).click();
  await step.locator('[role="tabpanel"]:not([hidden]) .cm-content').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // What the walkthroughs import, each used once; compiled modules (sqlite3,
  // hashlib) are where a loader might reach for eval.
  await page.keyboard.insertText(
    [
      'import hashlib, hmac, html, json, os, random, secrets, sqlite3',
      'from http.cookies import SimpleCookie',
      'from urllib.parse import parse_qs',
      'from wsgiref.util import setup_testing_defaults',
      'def application(environ, start_response):',
      '    setup_testing_defaults(environ)',
      '    row = sqlite3.connect(":memory:").execute("select 40 + 2").fetchone()',
      '    key = hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 1000).hex()',
      '    same = hmac.compare_digest(key, key) and len(secrets.token_hex(4)) == 8',
      '    cookie = SimpleCookie("a=b")["a"].value + parse_qs("q=1")["q"][0] + html.escape("<")',
      '    start_response("200 OK", [("Content-Type", "text/plain")])',
      '    return [f"row={row[0]} key={key} same={same} cookie={cookie}".encode()]',
    ].join('\n') + '\n',
  );
  await step.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(step.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 90_000 });
  const key = pbkdf2Sync('pw', 'salt', 1000, 32, 'sha256').toString('hex');
  await expect(step.locator('.exchange').first()).toContainText(`row=42 key=${key} same=True cookie=b1&lt;`);
  expect(violations).toEqual([]);
  await context.close();
});
