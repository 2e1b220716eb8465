import AxeBuilder from '@axe-core/playwright';
import { axeViolations, WCAG_TAGS } from './axe';
import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { NGINX_FIXTURE_URL, NGINX_SUBPATH_URL, NGINX_URL, SUBPATH_URL } from '../../playwright.config';
import { appSettled, FIXTURE_ID, goToAddress, FIXTURE_ISOLATED_URL, FIXTURE_URL, networkRows, progressKey, record } from './helpers';

/**
 * The app browser ("Open the app"), on the fixture's `fixture-app` walkthrough:
 * an app with links, forms, redirects, cookies, a revalidated stylesheet and
 * pages that misbehave on purpose (tests/fixtures/small-course/walkthroughs/
 * fixture-app/browse/starter/app.py).
 */
const CHAPTER = 'chapters/third/';
const FIRST_OPEN = 90_000;
const ORIGIN = 'https://browse-r1.app.test';

test.describe.configure({ timeout: 180_000 });

interface Opened {
  step: Locator;
  browser: Locator;
  app: FrameLocator;
}

async function openApp(page: Page, site: string, lang: 'en' | 'zh-cn' = 'en'): Promise<Opened> {
  await page.goto(`${site}/${lang}/${CHAPTER}`);
  const step = page.locator('wm-step[data-key="fixture-app/browse"]');
  await step.scrollIntoViewIfNeeded();
  const open = step.getByRole('button', { name: lang === 'en' ? 'Open the app' : '打开应用' });
  await expect(open).toBeEnabled();
  await open.click();
  const app = step.frameLocator('iframe.app-frame').frameLocator('iframe');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Fixture app', { timeout: FIRST_OPEN });
  const browser = step.locator('wm-app-browser');
  await appSettled(browser);
  return { step, browser, app };
}

const address = (o: Opened) => o.browser.locator('[data-address]');

const network = (o: Opened) => networkRows(o.browser);

test('links, typed addresses, back and forward, GET and POST forms (urlencoded and multipart), 303 and 307 redirects', async ({ page }) => {
  const o = await openApp(page, FIXTURE_URL);
  await expect(address(o)).toHaveValue(`${ORIGIN}/`);
  // The app sees its own virtual https host; its stylesheet was fetched and applied.
  await expect(o.app.locator('#host')).toHaveText('Host: browse-r1.app.test https');
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveCSS('color', 'rgb(0, 128, 0)');

  await o.app.locator('#to-notes').click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Notes');
  await expect(address(o)).toHaveValue(`${ORIGIN}/notes`);
  await o.browser.getByRole('button', { name: 'Back' }).click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Fixture app');
  await o.browser.getByRole('button', { name: 'Forward' }).click();
  await expect(address(o)).toHaveValue(`${ORIGIN}/notes`);
  // A relative link resolves against the page's virtual address.
  await o.app.getByRole('link', { name: 'Home' }).click();
  await expect(address(o)).toHaveValue(`${ORIGIN}/`);

  await goToAddress(o.browser, '/search?q=typed');
  await expect(o.app.locator('#results')).toHaveText('Results for typed');
  await goToAddress(o.browser, `${ORIGIN}/`);

  await o.app.locator('#search input').fill('hé llo');
  await o.app.locator('#search button').click();
  await expect(o.app.locator('#results')).toHaveText('Results for hé llo');
  await expect(address(o)).toHaveValue(`${ORIGIN}/search?q=h%C3%A9+llo`);

  await goToAddress(o.browser, '/');
  await o.app.locator('#add input').fill('first note');
  await o.app.locator('#add button').click();
  await expect(o.app.locator('#notes li')).toHaveText(['first note']);
  await expect(address(o)).toHaveValue(`${ORIGIN}/notes`);

  await goToAddress(o.browser, '/');
  await o.app.locator('#add-307 input').fill('kept through 307');
  await o.app.locator('#add-307 button').click();
  await expect(o.app.locator('#notes li')).toHaveText(['first note', 'kept through 307']);

  await goToAddress(o.browser, '/');
  await o.app.locator('#upload input[name="caption"]').fill('a caption');
  await o.app.locator('#upload input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('twelve bytes') });
  await o.app.locator('#upload button').click();
  await expect(o.app.locator('#parts')).toHaveText('caption=a caption file=notes.txt:12');

  const rows = await network(o);
  expect(rows).toEqual(
    expect.arrayContaining([
      `POST browse-r1.app.test/notes 303 See Other`,
      `POST browse-r1.app.test/old-notes 307 Temporary Redirect`,
      `POST browse-r1.app.test/upload 200 OK`,
    ]),
  );
  // Selecting a request shows its raw headers.
  await o.browser.locator('[data-network] button', { hasText: 'browse-r1.app.test/upload' }).click();
  await expect(o.browser.locator('[data-request-headers]')).toContainText(
    /POST \/upload HTTP\/1\.1\s+Host: browse-r1\.app\.test\s+Content-Type: multipart\/form-data; boundary=/,
  );
});

test('cookies: flags shown, sent back, HttpOnly hidden from scripts, cleared; a reload revalidates the stylesheet (304)', async ({ page }) => {
  const o = await openApp(page, FIXTURE_URL);
  await o.app.locator('#to-login').click();
  await expect(o.app.locator('#seen')).toHaveText('Cookie header: [session=s3cret; theme=dark]');
  const panel = o.browser.locator('[data-cookies-panel]');
  await panel.locator('summary').click();
  await expect(panel.locator('tbody tr')).toHaveCount(2);
  await expect(panel.locator('tbody tr').first()).toContainText(/session\s*s3cret\s*browse-r1\.app\.test\s*\/\s*Session\s*Secure, HttpOnly, SameSite=Lax/);
  await expect(panel.locator('tbody tr').nth(1)).toContainText('SameSite=Lax (default)');
  const frame = page.frames().find((f) => f.url() === 'about:srcdoc');
  expect(await frame?.evaluate(() => document.cookie)).toBe('theme=dark');

  await o.browser.getByRole('button', { name: 'Reload' }).click();
  await expect(o.browser.locator('[data-app-status]')).toContainText('Loaded');
  const rows = await network(o);
  expect(rows.filter((r) => r.includes('/static/site.css')).at(-1)).toBe(
    'GET browse-r1.app.test/static/site.css (revalidated: the cached copy is still good) 304 Not Modified',
  );

  await panel.getByRole('button', { name: 'Clear cookies' }).click();
  await expect(panel.locator('tbody')).toHaveText('No cookies yet.');
  await goToAddress(o.browser, '/');
  await expect(o.app.locator('#seen')).toHaveText('Cookie header: []');
});

test('CSRF from the attacker page: the cross-site POST arrives without the SameSite=Lax session cookie and is refused', async ({ page }) => {
  const o = await openApp(page, FIXTURE_URL);
  await o.app.locator('#to-login').click();
  await expect(o.app.locator('#seen')).toContainText('session=s3cret');
  await goToAddress(o.browser, 'https://attacker.test/');
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Win a prize');
  await o.app.locator('#csrf').click();
  await expect(o.app.locator('#refused')).toHaveText('Refused: not logged in');
  await expect(address(o)).toHaveValue(`${ORIGIN}/transfer`);
});

async function attacksFail(page: Page, site: string): Promise<void> {
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(site.replace(/\/course$/, '')) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  const o = await openApp(page, site);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    progressKey(FIXTURE_ID),
    JSON.stringify(record(FIXTURE_ID, [['first', 'first-a']])),
  ] as const);
  const before = page.url();
  await o.app.locator('#to-attack').click();
  const results = o.app.locator('#attacks li');
  await expect(results).toHaveCount(13);
  const text = Object.fromEntries((await results.allTextContents()).map((t) => t.split(': ') as [string, string]));
  for (const name of [
    'localStorage',
    'sessionStorage',
    'indexedDB',
    'caches',
    'parent-dom',
    'top-dom',
    'top-navigation',
    'window-open',
    'native-cookie',
    'fetch-course',
    'xhr-course',
  ]) {
    expect(text[name], name).toMatch(/^blocked/);
  }
  // The app's own fetch goes through the page to the app, as it should.
  expect(text['app-fetch']).toBe('allowed true');
  await page.waitForTimeout(300);
  expect(page.url()).toBe(before);
  expect(await page.evaluate((key) => localStorage.getItem(key), progressKey(FIXTURE_ID))).toContain('first-a');
  // A forged message in the shim's shape gets no further than the app's own navigation would.
  await goToAddress(o.browser, '/forge');
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Leaving the app');
  await expect(o.browser.locator('[data-app-status]')).toContainText('http://127.0.0.1/en/');
  expect(page.url()).toBe(before);
  // A redirect off the app's address is shown, not followed.
  await goToAddress(o.browser, '/');
  await o.app.locator('#to-away').click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Leaving the app');
  await expect(o.browser.locator('[data-app-status]')).toContainText('https://example.com/phish');
  expect(page.url()).toBe(before);
  expect(outside).toEqual([]);
}

test('isolation: storage, cookies, caches, the course DOM, navigation, pop-ups and the network are out of the app’s reach', async ({ page }) => {
  await attacksFail(page, FIXTURE_URL);
});

test('isolation holds with cross-origin isolation too', async ({ page }) => {
  await attacksFail(page, FIXTURE_ISOLATED_URL);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('isolation holds under the nginx config’s CSP, and the frame still runs the app’s scripts', async ({ page }) => {
  await attacksFail(page, NGINX_FIXTURE_URL);
});

test('a request past the time limit gets the platform’s timeout page, the page stays usable, and the app answers again', async ({ page }) => {
  const o = await openApp(page, FIXTURE_URL);
  await o.app.locator('#to-slow').click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Request timeout', { timeout: 30_000 });
  await goToAddress(o.browser, '/');
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Fixture app', { timeout: FIRST_OPEN });
});

test('in Chinese: the browser’s controls, and Run onto a broken Procfile shows the router’s error page with the logs', async ({ page }) => {
  const o = await openApp(page, FIXTURE_URL, 'zh-cn');
  await expect(o.browser.getByRole('button', { name: '后退' })).toBeVisible();
  await expect(o.browser.getByRole('textbox', { name: '地址' })).toHaveValue(`${ORIGIN}/`);
  await o.step.getByRole('tab', { name: 'Procfile', exact: true }).click();
  const editor = o.step.locator('[role="tabpanel"]:not([hidden]) .cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('web gunicorn app:application\n');
  await o.step.getByRole('button', { name: '运行', exact: true }).click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('应用出错', { timeout: 60_000 });
  await expect(o.app.locator('pre')).toContainText('Procfile');
  await expect(address(o)).toHaveValue('https://browse-r2.app.test/');
});

test('axe finds nothing on the page with the browser open, panels and all, in both themes', async ({ page }) => {
  const o = await openApp(page, FIXTURE_URL);
  await o.browser.locator('[data-cookies-panel] summary').click();
  await network(o);
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    // The whole page, the frame included (its content is the fixture app's, kept accessible).
    expect(await axeViolations(page), theme).toEqual([]);
  }
});

test('under a sub-path, a deploy step opens its app from /course/app-frame.html and the app still sees itself at its root', async ({ page }) => {
  // The sub-path build is the fixture course's (see scripts/lib/test-plan.mjs).
  const o = await openApp(page, SUBPATH_URL);
  await expect(o.step.locator('iframe.app-frame')).toHaveAttribute('src', '/course/app-frame.html');
  await expect(address(o)).toHaveValue(`${ORIGIN}/`);
  await o.app.locator('#to-notes').click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Notes');
  await expect(address(o)).toHaveValue(`${ORIGIN}/notes`);
});

test('nginx sends app-frame.html with its own policy, at the root and under a sub-path; course pages may frame only their own origin', async ({ request }) => {
  for (const url of [`${NGINX_URL}/app-frame.html`, `${NGINX_SUBPATH_URL}/app-frame.html`]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp, url).toContain("script-src 'unsafe-inline'");
    expect(csp, url).toContain("connect-src 'none'");
    expect(csp, url).toContain("frame-ancestors 'self'");
    expect(csp, url).not.toContain("'self' 'wasm-unsafe-eval'");
    expect(response.headers()['cross-origin-embedder-policy'], url).toBe('require-corp');
  }
  const page = await request.get(`${NGINX_URL}/en/`);
  expect(page.headers()['content-security-policy']).toContain("frame-src 'self'");
});

test.describe('with the course’s service worker', () => {
  // Blocked in this spec's other tests (playwright.config.ts): this one is about what it keeps.
  test.use({ serviceWorkers: 'allow' });

  test('offline, once Python is saved, the app opens and answers from the cached app frame', async ({ page, context }) => {
    await page.goto(`${FIXTURE_ISOLATED_URL}/en/progress/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const section = page.locator('#offline');
    await section.getByRole('button', { name: 'Save Python for offline use' }).click();
    await expect(section.getByRole('status')).toContainText(/Saved: Python/, { timeout: FIRST_OPEN });
    await context.setOffline(true);
    const o = await openApp(page, FIXTURE_ISOLATED_URL);
    await o.app.locator('#to-notes').click();
    await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Notes');
    await expect(o.app.getByRole('heading', { level: 1 })).toHaveCSS('color', 'rgb(0, 128, 0)');
  });
});

/** Presses Tab (Shift+Tab with `back`) until `target` has the keyboard focus, in whichever frame it is. */
async function tabTo(page: Page, target: Locator, back = false): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    const focused = await target.evaluate((el) => el.ownerDocument.activeElement === el && el.ownerDocument.hasFocus()).catch(() => false);
    if (focused) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${target}`);
}

test('by keyboard alone: open the app, follow a link, go back, submit a form, reload, read and clear cookies, inspect a request', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/en/${CHAPTER}`);
  const step = page.locator('wm-step[data-key="fixture-app/browse"]');
  const browser = step.locator('wm-app-browser');
  const app = step.frameLocator('iframe.app-frame').frameLocator('iframe');
  const open = step.getByRole('button', { name: 'Open the app' });
  await expect(open).toBeEnabled();
  // The walk starts on the step's Run button, just before Open the app; every move after it is a key press.
  await step.getByRole('button', { name: 'Run', exact: true }).focus();
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Fixture app', { timeout: FIRST_OPEN });

  // From the browser's chrome into the app's page: a link, by Enter.
  await tabTo(page, app.locator('#to-notes'));
  await page.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Notes');
  const back = browser.getByRole('button', { name: 'Back' });
  await tabTo(page, back, true);
  await page.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Fixture app');
  await expect(browser.locator('[data-address]')).toHaveValue(`${ORIGIN}/`);

  // A form, filled and submitted from the keyboard (Enter in its field).
  await tabTo(page, app.locator('#add input'));
  await page.keyboard.type('typed, not clicked');
  await page.keyboard.press('Enter');
  await expect(app.locator('#notes li')).toHaveText(['typed, not clicked']);
  await tabTo(page, browser.getByRole('button', { name: 'Reload' }), true);
  await page.keyboard.press('Space');
  await expect(browser.locator('[data-app-status]')).toContainText(`Loaded ${ORIGIN}/notes`);
  await expect(app.locator('#notes li')).toHaveText(['typed, not clicked']);

  // Cookies: set by the app, shown in the panel opened with Space, cleared with its button.
  await tabTo(page, app.getByRole('link', { name: 'Home' }));
  await page.keyboard.press('Enter');
  await tabTo(page, app.locator('#to-login'));
  await page.keyboard.press('Enter');
  await expect(app.locator('#seen')).toContainText('session=s3cret');
  const cookies = browser.locator('[data-cookies-panel]');
  await tabTo(page, cookies.locator('summary'));
  await page.keyboard.press('Space');
  await expect(cookies.locator('tbody tr')).toHaveCount(2);
  await tabTo(page, cookies.getByRole('button', { name: 'Clear cookies' }));
  await page.keyboard.press('Space');
  await expect(cookies.locator('tbody')).toHaveText('No cookies yet.');
  await expect(browser.locator('[data-app-status]')).toContainText('Cookies cleared');

  // The network panel: opened with Enter, a request selected with Enter, its raw headers shown.
  const network = browser.locator('[data-network-panel]');
  await tabTo(page, network.locator('summary'));
  await page.keyboard.press('Enter');
  const login = network.locator('[data-network] button', { hasText: 'browse-r1.app.test/login' });
  await tabTo(page, login);
  await page.keyboard.press('Enter');
  await expect(browser.locator('[data-request-headers]')).toContainText('GET /login HTTP/1.1');
  await expect(browser.locator('[data-response-headers]')).toContainText('Set-Cookie: session=s3cret');
  await expect(login).toBeFocused();
});

for (const lang of ['en', 'zh-cn'] as const) {
  test(`axe finds nothing in the open app browser, chrome and both panels with a request selected (${lang})`, async ({ page }) => {
    const o = await openApp(page, FIXTURE_URL, lang);
    await o.app.locator('#to-login').click();
    await expect(o.app.locator('#seen')).toContainText('session=s3cret');
    await o.browser.locator('[data-cookies-panel] summary').click();
    await expect(o.browser.locator('[data-cookies] tr')).toHaveCount(2);
    await networkRows(o.browser);
    await o.browser.locator('[data-network] button').first().click();
    await expect(o.browser.locator('[data-network-detail]')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === 'en' ? 'en' : 'zh-CN');
    const results = await new AxeBuilder({ page })
      .options({ resultTypes: ['violations'] })
      .include('wm-step[data-key="fixture-app/browse"] wm-app-browser')
      .withTags(WCAG_TAGS)
      .analyze();
    expect(results.violations).toEqual([]);
  });
}

test.describe('without service workers (some private windows)', () => {
  // The project blocks them here already (playwright.config.ts); this test is about their absence, so it says so.
  test.use({ serviceWorkers: 'block' });

  test('the app browser needs none: the app opens, a link and a POST form with its 303 work, in Chinese', async ({ page }) => {
    const o = await openApp(page, FIXTURE_URL, 'zh-cn');
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
    await o.app.locator('#to-notes').click();
    await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Notes');
    await goToAddress(o.browser, '/');
    await o.app.locator('#add input').fill('no worker needed');
    await o.app.locator('#add button').click();
    await expect(o.app.locator('#notes li')).toHaveText(['no worker needed']);
    await expect(address(o)).toHaveValue(`${ORIGIN}/notes`);
  });
});

const NO_FRAME = {
  en: { open: 'Open the app', run: 'Run', notice: 'This browser cannot show the app in the page (it lacks sandboxed frames).' },
  'zh-cn': { open: '打开应用', run: '运行', notice: '这个浏览器无法在页面里显示应用（它不支持沙箱框架）。' },
} as const;

for (const lang of ['en', 'zh-cn'] as const) {
  test(`without sandboxed srcdoc frames (${lang}): the step says so, no frame is made, and the raw HTTP views still work`, async ({ page }) => {
    // The condition frameSupported() checks (app-frame.ts): iframes without `srcdoc`.
    await page.addInitScript(() => Reflect.deleteProperty(HTMLIFrameElement.prototype, 'srcdoc'));
    await page.goto(`${FIXTURE_URL}/${lang}/${CHAPTER}`);
    const step = page.locator('wm-step[data-key="fixture-app/browse"]');
    await step.scrollIntoViewIfNeeded();
    const browser = step.locator('wm-app-browser');
    const open = step.getByRole('button', { name: NO_FRAME[lang].open });
    await expect(open).toBeEnabled();
    await open.click();
    await expect(browser.locator('[data-no-frame]')).toBeVisible();
    await expect(browser.locator('[data-no-frame]')).toContainText(NO_FRAME[lang].notice);
    await expect(step.locator('iframe')).toHaveCount(0);
    // The browser still requests the app's pages: the network panel shows each exchange, raw.
    // (The first open starts Python and deploys the release before the address is known.)
    await expect(browser.locator('[data-address]')).toHaveValue(`${ORIGIN}/`, { timeout: FIRST_OPEN });
    await expect.poll(() => networkRows(browser), { timeout: FIRST_OPEN }).toContain('GET browse-r1.app.test/ 200 OK');
    await browser.locator('[data-network] button', { hasText: 'browse-r1.app.test/' }).first().click();
    await expect(browser.locator('[data-request-headers]')).toContainText('GET / HTTP/1.1');
    await expect(browser.locator('[data-response-headers]')).toContainText('Content-Type: text/html');
    await expect(browser).toHaveAttribute('aria-busy', 'false');
    // And Run shows the step's requests and responses as text.
    await step.getByRole('button', { name: NO_FRAME[lang].run, exact: true }).click();
    const http = step.locator('[data-http]');
    await expect(http).toContainText('GET / HTTP/1.1', { timeout: FIRST_OPEN });
    await expect(http).toContainText('HTTP/1.1 200 OK');
  });
}
