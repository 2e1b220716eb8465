import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { port, SUBPATH_URL } from '../../playwright.config';
import { axeViolations, darkSchemeViolations } from './axe';
import { checklistReady, FIXTURE_ISOLATED_URL, FIXTURE_URL, stepCheckCount, walkthroughStep, WALKTHROUGH_CHAPTER } from './helpers';

// Offline is Chromium's network emulation (context.setOffline): it fails the
// service worker's own fetches too, which the offline page below proves (had
// the worker reached the server, the server's 404 page would show instead).
test.describe.configure({ timeout: 180_000 });

const FIRST_RUN = 90_000;
/** The checks of the fixture's step the Python test runs; the count follows the fixture. */
const DEPLOY_CHECKS = stepCheckCount('fixture-deploy', 'deploy-app');
/** Any chapter of the course built under /course/ (the fixture course): the worker is tested, not a chapter. */
const SUBPATH_SLUG = readdirSync('dist-base/zh-cn/chapters').sort()[0]!;

/** Waits until the service worker is active (its install, the precache, finished) and controls the page. */
async function offlineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

/**
 * Hosts the first two tests run against, all serving the fixture course:
 * today's servers, and servers that add `Vary` to every response as many
 * hosts do (`Origin` on S3 or CloudFront with CORS, `Accept-Encoding` where
 * they compress). Those are started here, cross-origin isolated so that
 * Python can run on them, on ports of their own (base+9 and base+10; see
 * playwright.config.ts).
 */
const HOSTS = [
  { name: 'a host that sends no Vary', vary: undefined, port: undefined },
  { name: 'a host that sends Vary: Origin', vary: 'Origin', port: port(9) },
  { name: 'a host that sends Vary: Accept-Encoding', vary: 'Accept-Encoding', port: port(10) },
] as const;

for (const host of HOSTS) {
  test.describe(host.name, () => {
    // Its tests share the server beforeAll starts on the host's own port: keep them in one worker.
    test.describe.configure({ mode: 'default' });
    let site = FIXTURE_URL;
    let isolated = FIXTURE_ISOLATED_URL;
    let server: ChildProcess | undefined;
    test.beforeAll(async () => {
      if (!host.vary) return;
      server = spawn('node', ['scripts/serve-static.mjs', '--dir', 'dist-fixture', '--port', String(host.port), '--isolate', '--vary', host.vary], {
        stdio: 'ignore',
      });
      site = isolated = `http://127.0.0.1:${host.port}`;
      await expect
        .poll(() =>
          fetch(`${site}/en/`).then(
            (r) => r.headers.get('vary'),
            () => null,
          ),
        )
        .toBe(host.vary);
    });
    test.afterAll(() => {
      server?.kill();
    });

    test('after a first visit, pages, ticks and both languages work offline', async ({ page, context }) => {
      await pagesOffline(page, context, site);
    });

    test('Python offline (cross-origin isolated host): the size is shown before saving; saved, a step runs offline; removed, Run explains itself', async ({
      page,
      context,
    }) => {
      await pythonOffline(page, context, isolated);
    });
  });
}

/** After a first visit, pages, ticks and both languages work offline; nothing throws. */
async function pagesOffline(page: Page, context: BrowserContext, site: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site}/en/chapters/second/`);
  await offlineReady(page);
  expect(await cacheNames(page)).toEqual([expect.stringMatching(/^waymark:\/:site:[0-9a-f]{16}$/)]);
  await context.setOffline(true);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Second steps');
  await checklistReady(page);
  await page.locator('input[data-item="second-a"]').check();

  await page.getByRole('link', { name: 'Next chapter' }).click();
  await expect(page).toHaveURL(`${site}/en/chapters/third/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Third steps');
  await page.getByRole('link', { name: 'Glossary' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glossary');
  await page.getByRole('link', { name: '简体中文' }).click();
  await expect(page).toHaveURL(`${site}/zh-cn/glossary/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('术语表');

  // The tick made offline is there on the Chinese page, and after a reload.
  await page.goto(`${site}/zh-cn/chapters/second/`);
  await checklistReady(page);
  await expect(page.locator('input[data-item="second-a"]')).toBeChecked();
  await page.reload();
  await checklistReady(page);
  await expect(page.locator('input[data-item="second-a"]')).toBeChecked();

  // A page the worker never stored: the offline page, in the URL's language.
  await page.goto(`${site}/zh-cn/chapters/not-written-yet/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('当前处于离线状态');
  await page.goto(`${site}/en/not-there/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("You're offline");
  await expect(page.getByRole('link', { name: 'Third steps' })).toHaveAttribute('href', '/en/chapters/third/');

  // Back online, pages come from the network again: a missing page is the server's 404.
  await context.setOffline(false);
  await page.goto(`${site}/en/not-there/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Page not found');
  expect(errors).toEqual([]);
}

/** Python saved for offline use runs a step offline (the lazily loaded editor and runtime come from the caches); removed, Run explains itself. */
async function pythonOffline(page: Page, context: BrowserContext, site: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site}/zh-cn/progress/`);
  await expect(page.locator('#offline')).toContainText(/保存 Python 会在这个浏览器里占用 1\d\.\d MB/);
  await page.goto(`${site}/en/progress/`);
  await offlineReady(page);
  const section = page.locator('#offline');
  await expect(section.getByRole('heading', { name: 'Use Python offline' })).toBeVisible();
  await expect(section).toContainText(/Saving Python stores 1\d\.\d MB in this browser/);
  await expect(section).toContainText(/This site is using .+ of the .+ this browser allows it/);
  expect((await cacheNames(page)).some((k) => k.includes(':python:'))).toBe(false);

  await section.getByRole('button', { name: 'Save Python for offline use' }).click();
  await expect(section.getByRole('status')).toContainText(/Saved: Python \(1\d\.\d MB\) is stored/, { timeout: FIRST_RUN });
  await expect(section.getByRole('button', { name: 'Remove Python' })).toBeFocused();
  expect((await cacheNames(page)).filter((k) => k.includes(':python:'))).toHaveLength(1);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await axeViolations(page)).toEqual([]);
  expect(await darkSchemeViolations(page)).toEqual([]);

  // Offline, with the saved runtime: a step runs to a passing result.
  await context.setOffline(true);
  await page.goto(`${site}/en/${WALKTHROUGH_CHAPTER}`);
  // Served from the caches, the page and the Python worker keep the host's COOP/COEP headers.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const step = await walkthroughStep(page, 'deploy-app');
  await step.getByText('Stuck? Show a hint').click();
  await step.getByRole('button', { name: 'Load the reference solution' }).click();
  await step.getByRole('button', { name: 'Replace my code' }).click();
  await step.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(step.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: FIRST_RUN });
  await expect(step.locator('[data-checks] li.pass')).toHaveCount(DEPLOY_CHECKS);
  await expect(step.locator('[data-checks] li.fail')).toHaveCount(0);
  // A module the snapshot lacks: Python reads the standard library's file from the saved copy too.
  const hello = await walkthroughStep(page, 'say-hello');
  await hello.locator('[role="tabpanel"]:not([hidden]) .cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('import calendar\nprint("offline leap", calendar.isleap(2028))\n');
  await hello.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(hello.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: FIRST_RUN });
  await expect(hello.locator('[data-output]')).toContainText('offline leap True');

  // Remove (still offline): the cache is gone, and the state says so after a reload.
  await page.goto(`${site}/en/progress/`);
  await section.getByRole('button', { name: 'Remove Python' }).click();
  await expect(section.getByRole('status')).toContainText('Removed.');
  expect((await cacheNames(page)).some((k) => k.includes(':python:'))).toBe(false);
  await page.reload();
  await expect(section.getByRole('button', { name: 'Save Python for offline use' })).toBeVisible();

  // Offline without the runtime, Run says why and where to save it.
  await page.goto(`${site}/en/${WALKTHROUGH_CHAPTER}`);
  const first = page.locator('wm-step').first();
  await first.scrollIntoViewIfNeeded();
  await first.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(first.getByRole('status')).toContainText("Python isn't available offline: it hasn't been saved in this browser.", { timeout: FIRST_RUN });
  const link = first.getByRole('link', { name: 'Save Python for offline use (on “Your progress”)' });
  await expect(link).toHaveAttribute('href', '/en/progress/#offline');
  await link.click();
  await expect(page.locator('#offline')).toBeInViewport();
  expect(errors).toEqual([]);
}

test('a new build’s worker deletes the caches of earlier builds and nothing of other sites', async ({ page }) => {
  // The site root registers no worker, so these stand in for an earlier build's caches.
  await page.goto(`${FIXTURE_URL}/`);
  await page.evaluate(async () => {
    for (const name of ['waymark:/:site:0000000000000000', 'waymark:/:python:0.0.1', 'waymark:/course/:site:0000000000000000', 'someone-else']) {
      await (await caches.open(name)).put('/marker', new Response('x'));
    }
  });
  await page.goto(`${FIXTURE_URL}/en/`);
  await offlineReady(page);
  const names = await cacheNames(page);
  expect(names).toHaveLength(3);
  expect(names).toEqual(
    expect.arrayContaining(['someone-else', 'waymark:/course/:site:0000000000000000', expect.stringMatching(/^waymark:\/:site:[0-9a-f]{16}$/)]),
  );
  expect(names).not.toContain('waymark:/:site:0000000000000000');
});

/** A port of its own: base+5 to base+7 are the nginx servers (playwright.config.ts). */
const UPDATE_PORT = port(8);

test('a second build’s worker takes over quietly: its caches replace the first’s, and no page reloads itself', async ({ page }) => {
  // A copy of the build on its own server, so the test can "deploy" a second build over it.
  const dir = mkdtempSync(join(tmpdir(), 'waymark-update-'));
  cpSync('dist', dir, { recursive: true, filter: (src) => !src.includes(`${sep}pyodide`) });
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dir, '--port', String(UPDATE_PORT)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${UPDATE_PORT}`;
  try {
    await expect
      .poll(() =>
        fetch(`${url}/en/`).then(
          (r) => r.status,
          () => 0,
        ),
      )
      .toBe(200);
    await page.goto(`${url}/en/`);
    await offlineReady(page);
    const [first] = await cacheNames(page);
    expect(first).toMatch(/^waymark:\/:site:[0-9a-f]{16}$/);

    // The second build: a changed page, and a worker whose manifest has a new version.
    const glossary = join(dir, 'en/glossary/index.html');
    writeFileSync(glossary, readFileSync(glossary, 'utf8').replace('</main>', '<p id="second-build">Second build</p></main>'));
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    const version = first!.split(':').at(-1)!;
    writeFileSync(join(dir, 'sw.js'), sw.replaceAll(version, 'feedfacefeedface'));

    let loads = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) loads += 1;
    });
    await page.goto(`${url}/en/glossary/`);
    await expect(page.locator('#second-build')).toBeVisible();
    await expect.poll(() => cacheNames(page), { timeout: 30_000 }).toEqual(['waymark:/:site:feedfacefeedface']);
    const stored = await page.evaluate(async (u) => (await (await caches.match(u))?.text()) ?? '', `${url}/en/glossary/`);
    expect(stored).toContain('Second build');
    await page.waitForTimeout(1000);
    expect(loads).toBe(1);
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('under a sub-path (/course/), the worker is scoped there and the course works offline', async ({ page, context }) => {
  await page.goto(`${SUBPATH_URL}/zh-cn/chapters/${SUBPATH_SLUG}/`);
  await offlineReady(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${SUBPATH_URL}/`);
  expect(await cacheNames(page)).toEqual([expect.stringMatching(/^waymark:\/course\/:site:[0-9a-f]{16}$/)]);
  await context.setOffline(true);
  await page.reload();
  await checklistReady(page);
  const items = await page.locator('wm-checklist input[type="checkbox"]').count();
  await page.locator('wm-checklist input[type="checkbox"]').first().check();
  await page.getByRole('link', { name: '术语表' }).click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/zh-cn/glossary/`);
  await page.getByRole('link', { name: 'Read this page in English' }).click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/en/glossary/`);
  await page.getByRole('link', { name: 'Learning path' }).click();
  await expect(page.locator(`wm-progress[data-chapter="${SUBPATH_SLUG}"] .text`)).toHaveText(new RegExp(`^1 of ${items} done`));
  await page.goto(`${SUBPATH_URL}/en/chapters/missing/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("You're offline");
});

test('without service workers (plain http, some private windows) nothing breaks and the progress page says why', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${FIXTURE_URL}/en/${WALKTHROUGH_CHAPTER}`);
  expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
  await checklistReady(page);
  await page.locator('input[data-item="third-a"]').check();
  await page.goto(`${FIXTURE_URL}/en/progress/`);
  const section = page.locator('#offline');
  await expect(section).toContainText("This browser can't keep the course for offline use");
  await expect(section.getByRole('button')).toHaveCount(0);
  await expect(page.locator('wm-progress').first()).toContainText('1 of');
  expect(errors).toEqual([]);
  await context.close();
});
