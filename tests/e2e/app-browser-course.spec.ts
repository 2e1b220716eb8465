import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { appSettled, COURSE_URL, goToAddress, networkRows, openAppPanel, rawHeaders, stdlibRequests } from './helpers';

/**
 * The app browser in the real course, as the chapters use it: each test
 * loads a step's reference solution through the page's own buttons (as
 * all-walkthroughs.spec.ts does), presses Open the app, and clicks through
 * the learner's app. The engine itself is tested on the fixture
 * (app-browser.spec.ts); these tests pin what the chapters promise.
 */
const FIRST_OPEN = 90_000;
/** A login's answer: the app checks a PBKDF2 hash of 100,000 rounds, which takes seconds when the cores are shared. */
const LOGIN = 30_000;

test.describe.configure({ timeout: 180_000 });

// Python's snapshot holds every module the apps and the platform use: serving them never fetches the standard library's file.
const stdlibFetches = new WeakMap<Page, string[]>();
test.beforeEach(({ page }) => {
  stdlibFetches.set(page, stdlibRequests(page));
});
test.afterEach(({ page }) => {
  expect(stdlibFetches.get(page), 'a run or an app imported a module the Python snapshot lacks').toEqual([]);
});

type Lang = 'en' | 'zh-cn';

const LABELS = {
  en: { solution: 'Load the reference solution', yes: 'Replace my code', open: 'Open the app', run: 'Run', reload: 'Reload' },
  'zh-cn': { solution: '载入参考答案', yes: '替换我的代码', open: '打开应用', run: '运行', reload: '重新加载' },
} as const satisfies Record<Lang, Record<string, string>>;

interface Opened {
  step: Locator;
  browser: Locator;
  app: FrameLocator;
  lang: Lang;
}

/** The step's editor holds its reference solution (or, with `starter`, the code the learner first meets). */
async function openApp(
  page: Page,
  lang: Lang,
  chapter: string,
  key: string,
  code: 'solution' | 'starter' = 'solution',
  /** What shows that the app's first page is on screen (a text/plain page has no heading). */
  shown = 'h1',
): Promise<Opened> {
  await page.goto(`${COURSE_URL}/${lang}/chapters/${chapter}/`);
  const step = page.locator(`wm-step[data-key="${key}"]`);
  await step.scrollIntoViewIfNeeded();
  if (code === 'solution') await loadSolution(step, lang);
  const open = step.getByRole('button', { name: LABELS[lang].open });
  await expect(open).toBeEnabled();
  await open.click();
  const app = step.frameLocator('iframe.app-frame').frameLocator('iframe');
  await expect(app.locator(shown)).toBeVisible({ timeout: FIRST_OPEN });
  const browser = step.locator('wm-app-browser');
  await appSettled(browser);
  return { step, browser, app, lang };
}

async function loadSolution(step: Locator, lang: Lang): Promise<void> {
  await step.locator('details.hint summary').click();
  await step.getByRole('button', { name: LABELS[lang].solution }).click();
  await step.getByRole('button', { name: LABELS[lang].yes }).click();
}

const address = (o: Opened) => o.browser.locator('[data-address]');

/** Rewrites one of the step's files in its editor, as the learner would type it. */
async function editFile(o: Opened, page: Page, name: string, change: (text: string) => string): Promise<void> {
  await o.step.getByRole('tab', { name, exact: true }).click();
  const editor = o.step.locator('[role="tabpanel"]:not([hidden]) .cm-content');
  const text = change(await editor.innerText());
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The response headers of every row of the network panel, in order. */
async function responseHeadersOfEach(o: Opened): Promise<string[]> {
  const panel = await openAppPanel(o.browser, 'network');
  const buttons = panel.locator('[data-network] button');
  const out: string[] = [];
  for (let i = 0; i < (await buttons.count()); i += 1) {
    await buttons.nth(i).click();
    out.push(await o.browser.locator('[data-response-headers]').innerText());
  }
  return out;
}

async function reload(o: Opened): Promise<void> {
  await o.browser.getByRole('button', { name: LABELS[o.lang].reload }).click();
  await expect(o.browser.locator('[data-app-status]')).toContainText(o.lang === 'en' ? 'Loaded' : '已加载');
}

const openPanel = (o: Opened, name: 'network' | 'cookies') => openAppPanel(o.browser, name);
const network = (o: Opened) => networkRows(o.browser);

for (const lang of ['en', 'zh-cn'] as const) {
  test(`databases (${lang}): a note added through the form is listed after the 303 and after a reload, escaped`, async ({ page }) => {
    const o = await openApp(page, lang, 'databases', 'dbapi-notes/database-url');
    const origin = 'https://database-url-r1.app.test';
    // `/` sends the browser on to the list.
    await expect(address(o)).toHaveValue(`${origin}/notes`);
    await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Notes');
    const note = lang === 'en' ? 'Tea & <b>biscuits</b>' : '备份 & <b>恢复</b>';
    await o.app.getByRole('textbox', { name: 'New note' }).fill(note);
    await o.app.getByRole('button', { name: 'Add note' }).click();
    await expect(o.app.locator('#notes li')).toHaveText([note]);
    await expect(o.app.locator('#notes b')).toHaveCount(0);
    await expect(address(o)).toHaveValue(`${origin}/notes`);
    expect(await network(o)).toEqual(expect.arrayContaining(['POST database-url-r1.app.test/notes 303 See Other']));

    // Another request, the same release, the same database file.
    await reload(o);
    await expect(o.app.locator('#notes li')).toHaveText([note]);
    await o.app.getByRole('textbox', { name: 'New note' }).fill("O'Reilly's second note");
    await o.app.getByRole('button', { name: 'Add note' }).click();
    await expect(o.app.locator('#notes li')).toHaveText([note, "O'Reilly's second note"]);
    await goToAddress(o.browser, '/notes?q=Reilly');
    await expect(o.app.locator('#notes li')).toHaveText(["O'Reilly's second note"]);
    await expect(o.app.getByRole('textbox', { name: 'Search' })).toHaveValue('Reilly');
  });
}

test('security (en): logging in sets the __Host- session cookie, shown with Secure, HttpOnly and SameSite=Lax, hidden from scripts', async ({ page }) => {
  const o = await openApp(page, 'en', 'security', 'secure-notes/session-cookie');
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Log in');
  const cookies = await openPanel(o, 'cookies');
  await expect(cookies.locator('tbody')).toHaveText('No cookies yet.');
  await o.app.getByRole('textbox', { name: 'Username' }).fill('alice');
  await o.app.getByLabel('Password').fill('correct horse battery staple');
  await o.app.getByRole('button', { name: 'Log in' }).click();
  await expect(cookies.locator('tbody tr')).toHaveCount(1, { timeout: LOGIN });
  await expect(o.browser.locator('[data-app-status]')).toContainText('Loaded');
  // Max-Age gives it an expiry date, not "Session".
  await expect(cookies.locator('tbody tr')).toContainText(/^__Host-session\S{40,}session-cookie-r1\.app\.test\/\d/);
  await expect(cookies.locator('tbody tr')).not.toContainText('Session');
  await expect(cookies.locator('tbody tr')).toContainText('Secure, HttpOnly, SameSite=Lax');
  expect(await network(o)).toEqual(expect.arrayContaining(['POST session-cookie-r1.app.test/login 303 See Other']));
  const { response } = await rawHeaders(o.browser, 'session-cookie-r1.app.test/login');
  expect(response).toMatch(/Set-Cookie: __Host-session=\S+; HttpOnly; Max-Age=28800; Path=\/; SameSite=Lax; Secure/);
  const frame = page.frames().find((f) => f.url() === 'about:srcdoc');
  expect(await frame?.evaluate(() => document.cookie)).toBe('');

  // A wrong password is refused and sets nothing new.
  await goToAddress(o.browser, '/');
  await o.app.getByRole('textbox', { name: 'Username' }).fill('alice');
  await o.app.getByLabel('Password').fill('Tr0ub4dor&3');
  await o.app.getByRole('button', { name: 'Log in' }).click();
  await expect(o.app.locator('body')).toHaveText('Wrong username or password.', { timeout: LOGIN });
});

test('security (zh-cn): the attacker page’s forged POST arrives without the SameSite=Lax cookie and the CSRF token check refuses it; the app’s own form works', async ({
  page,
}) => {
  const o = await openApp(page, 'zh-cn', 'security', 'secure-notes/csrf-token');
  const host = 'csrf-token-r1.app.test';
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Notes');
  const cookies = await openPanel(o, 'cookies');
  await expect(cookies.locator('tbody tr')).toContainText(/session\s*\S+\s*csrf-token-r1\.app\.test\s*\/\s*会话\s*Secure, HttpOnly, SameSite=Lax/);

  await o.app.locator('input[name="text"]').fill('Written here');
  await o.app.getByRole('button', { name: 'Add' }).click();
  await expect(o.app.locator('li')).toHaveText(['Written here']);

  await goToAddress(o.browser, 'https://attacker.test/');
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('You won a prize');
  // Loaded: the attacker page's frame is the one on screen, its shim listening.
  await expect(o.browser.locator('[data-app-status]')).toContainText('已加载 https://attacker.test/');
  await o.app.getByRole('button', { name: 'Claim the prize' }).click();
  await expect(o.app.locator('p')).toHaveText('Missing or wrong CSRF token.', { timeout: 30_000 });
  await expect(address(o)).toHaveValue(`https://${host}/notes`);
  expect(await network(o)).toEqual(expect.arrayContaining([`POST ${host}/notes 403 Forbidden`]));
  const { request } = await rawHeaders(o.browser, '403 Forbidden');
  expect(request).toContain('POST /notes HTTP/1.1');
  expect(request).not.toContain('Cookie:');

  await goToAddress(o.browser, '/');
  await expect(o.app.locator('li')).toHaveText(['Written here']);
});

test('security (en): the XSS payload typed into the search box runs in the starter and comes back as text in the solution', async ({ page }) => {
  const payload = '"><script>document.title = "pwned"</script>';
  const appDocument = () => page.frames().find((f) => f.url() === 'about:srcdoc');
  // The frame's document is replaced on each navigation; an evaluation that races one is retried.
  const inApp = <T>(fn: () => T) =>
    appDocument()
      ?.evaluate(fn)
      .catch(() => undefined);
  // A script element holding the payload itself (the shim's script holds the page's address, percent-encoded).
  const landed = () => inApp(() => [...document.scripts].some((s) => s.textContent?.includes('document.title = "pwned"')));
  // The starter echoes the search term raw: the script lands in the page and runs.
  const o = await openApp(page, 'en', 'security', 'secure-notes/xss-escape', 'starter');
  await o.app.locator('input[name="q"]').fill(payload);
  await o.app.getByRole('button', { name: 'Search' }).click();
  await expect.poll(landed).toBe(true);
  await expect.poll(() => inApp(() => document.title)).toBe('pwned');

  // The reference solution, run as a new release: the open browser moves onto
  // it at the same address, and the same payload is only text.
  await loadSolution(o.step, 'en');
  await o.step.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(address(o)).toHaveValue(/^https:\/\/xss-escape-r2\.app\.test\/\?q=%22%3E%3Cscript%3E/, { timeout: FIRST_OPEN });
  await expect(o.browser.locator('[data-app-status]')).toContainText('Release 2 is live');
  await expect(o.app.locator('input[name="q"]')).toHaveValue(payload);
  await expect.poll(landed).toBe(false);
  await expect.poll(() => inApp(() => document.title)).toBe('Secure notes');
});

test('static content (en): Reload revalidates the no-cache page with a 304 and takes the fingerprinted assets from the cache without a request', async ({
  page,
}) => {
  const o = await openApp(page, 'en', 'static-content-cdn', 'cache-and-cdn/etag-304');
  const host = 'etag-304-r1.app.test';
  // app.js ran: it appends to the heading.
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Tea shop is open');
  const first = await network(o);
  expect(first.filter((r) => r.includes('/static/'))).toEqual([
    expect.stringMatching(new RegExp(`^GET ${host}/static/app\\.[0-9a-f]{8}\\.css 200 OK$`)),
    expect.stringMatching(new RegExp(`^GET ${host}/static/app\\.[0-9a-f]{8}\\.js 200 OK$`)),
  ]);

  await reload(o);
  const rows = (await network(o)).slice(first.length);
  expect(rows).toEqual([
    `GET ${host}/ (revalidated: the cached copy is still good) 304 Not Modified`,
    expect.stringMatching(new RegExp(`^GET ${host}/static/app\\.[0-9a-f]{8}\\.css \\(from cache\\) 200 OK$`)),
    expect.stringMatching(new RegExp(`^GET ${host}/static/app\\.[0-9a-f]{8}\\.js \\(from cache\\) 200 OK$`)),
  ]);
  const { request, response } = await rawHeaders(o.browser, '(revalidated');
  const etag = /ETag: ("[0-9a-f]{16}")/.exec(response)?.[1];
  expect(etag).toBeDefined();
  expect(request).toContain(`If-None-Match: ${etag}`);
  expect(response).toContain('Cache-Control: no-cache');
});

test('containers (zh-cn): a container step opens the app its image runs, with the platform’s config vars, and a refused image shows the router’s error page', async ({
  page,
}) => {
  const o = await openApp(page, 'zh-cn', 'containers', 'container-build/health-check');
  await expect(address(o)).toHaveValue('https://health-check-r1.app.test/');
  // GREETING comes from config-vars.env, given to the container at run time.
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Hello from a container');
  await goToAddress(o.browser, '/health');
  await expect(o.app.locator('body')).toHaveText('ok');

  // Without USER the reviewer refuses the image; the release shows why.
  await o.step.getByRole('tab', { name: 'Dockerfile', exact: true }).click();
  const editor = o.step.locator('[role="tabpanel"]:not([hidden]) .cm-content');
  const dockerfile = (await editor.innerText()).replace(/^USER app$/m, '');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(dockerfile);
  await o.step.getByRole('button', { name: LABELS['zh-cn'].run, exact: true }).click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('应用出错', { timeout: FIRST_OPEN });
  await expect(o.app.locator('pre')).toContainText('root');
  await expect(address(o)).toHaveValue('https://health-check-r2.app.test/health');
});

test('PaaS (en): the notes app’s reference solution deploys, its form adds a note, an empty note’s 400 links back; a broken Procfile gets the router’s error page with the logs', async ({
  page,
}) => {
  const o = await openApp(page, 'en', 'platform-as-a-service', 'first-deploy/deploy-requests');
  const host = 'deploy-requests-r1.app.test';
  await expect(address(o)).toHaveValue(`https://${host}/`);
  // GREETING is a config var of the release.
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Team notes');
  await expect(o.app.locator('p')).toHaveText('No notes yet.');
  await o.app.getByRole('textbox', { name: 'New note' }).fill("It's <live>");
  await o.app.getByRole('button', { name: 'Add note' }).click();
  await expect(o.app.locator('li')).toHaveText(["It's <live>"]);
  await expect(address(o)).toHaveValue(`https://${host}/`);

  // An empty note: a 400 page whose link leads back to the list.
  await o.app.getByRole('button', { name: 'Add note' }).click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Empty note');
  await o.app.getByRole('link', { name: 'Back to the notes' }).click();
  await expect(o.app.locator('li')).toHaveText(["It's <live>"]);
  expect(await network(o)).toEqual(expect.arrayContaining([`POST ${host}/notes 303 See Other`, `POST ${host}/notes 400 Bad Request`, `GET ${host}/ 200 OK`]));

  // The web process names a callable app.py does not have: the release does not start.
  await editFile(o, page, 'Procfile', (text) => text.replace('web: gunicorn app:application', 'web: gunicorn app:app'));
  await o.step.getByRole('button', { name: LABELS.en.run, exact: true }).click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Application error', { timeout: FIRST_OPEN });
  await expect(address(o)).toHaveValue('https://deploy-requests-r2.app.test/');
  const logs = o.app.locator('pre');
  await expect(logs).toContainText('Starting process with command `gunicorn app:app`');
  await expect(logs).toContainText("app.py has no attribute 'app'");
  expect(await network(o)).toEqual(expect.arrayContaining(['GET deploy-requests-r2.app.test/ 503 Service Unavailable']));
});

test('PaaS (zh-cn): a Procfile line without its colon gets the router’s error page, in Chinese, with the logs that explain it', async ({ page }) => {
  const o = await openApp(page, 'zh-cn', 'platform-as-a-service', 'first-deploy/deploy-requests');
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Team notes');
  await o.app.getByRole('textbox', { name: 'New note' }).fill('部署成功');
  await o.app.getByRole('button', { name: 'Add note' }).click();
  await expect(o.app.locator('li')).toHaveText(['部署成功']);

  await editFile(o, page, 'Procfile', (text) => text.replace('web: gunicorn', 'web gunicorn'));
  await o.step.getByRole('button', { name: LABELS['zh-cn'].run, exact: true }).click();
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('应用出错', { timeout: FIRST_OPEN });
  await expect(o.app.locator('h2')).toHaveText('日志');
  await expect(o.app.locator('pre')).toContainText('Procfile');
  await expect(o.app.locator('pre')).toContainText('web gunicorn app:application');
});

test('ASGI (en): the app is served through the lifespan-aware ASGI server: text, a 404, and a POST body read whole', async ({ page }) => {
  const o = await openApp(page, 'en', 'async-and-background-work', 'queue-worker/asgi-app', 'solution', 'pre');
  const host = 'asgi-app-r1.app.test';
  await expect(address(o)).toHaveValue(`https://${host}/`);
  await expect(o.app.locator('pre')).toHaveText('Hello from ASGI');
  await goToAddress(o.browser, '/nothing-here');
  await expect(o.app.locator('pre')).toHaveText('Not Found');
  // The app has no form: the page's own fetch posts to it, through the same pipeline. The server
  // delivers the body in two http.request messages; the solution reads both.
  const app = page.frames().find((f) => f.url() === 'about:srcdoc');
  const echoed = await app?.evaluate(() =>
    fetch('/echo', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'email=ada%40example.test&plan=team' }).then((r) =>
      r.json(),
    ),
  );
  expect(echoed).toEqual({ received: 'email=ada%40example.test&plan=team', bytes: 34 });
  expect(await network(o)).toEqual([`GET ${host}/ 200 OK`, `GET ${host}/nothing-here 404 Not Found`, `POST ${host}/echo 200 OK`]);
  const { response } = await rawHeaders(o.browser, '/echo');
  expect(response).toMatch(/^HTTP\/1\.1 200 OK\s+content-type: application\/json\s+content-length: 63$/);
});

test('rolling release (zh-cn): the app as the fleet serves it after the roll, round-robin, each response naming its instance and release in Via', async ({
  page,
}) => {
  const o = await openApp(page, 'zh-cn', 'continuous-delivery', 'rolling-release/expand');
  const host = 'expand-r1.app.test';
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Tasks');
  // The roll's own traffic created tasks on the shared database before the page's first request.
  await expect(o.app.locator('li', { hasText: 'Practise a rollback' }).first()).toBeVisible();
  await o.app.locator('input[name="title"]').fill('滚动发布之后');
  await o.app.getByRole('button', { name: 'Add' }).click();
  await expect(o.app.locator('li').last()).toHaveText('滚动发布之后');
  await o.browser.getByRole('button', { name: LABELS['zh-cn'].reload }).click();
  await expect(o.browser.locator('[data-app-status]')).toContainText('已加载');
  await expect(o.app.locator('li').last()).toHaveText('滚动发布之后');
  expect(await network(o)).toEqual([`GET ${host}/ 200 OK`, `POST ${host}/tasks 303 See Other`, `GET ${host}/ 200 OK`, `GET ${host}/ 200 OK`]);
  // Every instance runs release 2 (the step's new release), and each request went to the next one.
  const answered = (await responseHeadersOfEach(o)).map((headers) => {
    const via = /^Via: 1\.1 router \(instance ([123]) of 3, release (\d)\)$/m.exec(headers);
    expect(via, headers).not.toBeNull();
    return { instance: Number(via![1]), release: Number(via![2]) };
  });
  expect(answered.map((a) => a.release)).toEqual([2, 2, 2, 2]);
  answered.slice(1).forEach((a, i) => expect(a.instance).toBe((answered[i]!.instance % 3) + 1));
});

test('static content (zh-cn): a fingerprinted stylesheet and script say Vary: Accept-Encoding in the network panel; the page, the same for every client, does not', async ({
  page,
}) => {
  const o = await openApp(page, 'zh-cn', 'static-content-cdn', 'cache-and-cdn/etag-304');
  await expect(o.app.getByRole('heading', { level: 1 })).toHaveText('Tea shop is open');
  const css = await rawHeaders(o.browser, /\/static\/app\.[0-9a-f]{8}\.css/);
  expect(css.response).toContain('Vary: Accept-Encoding');
  expect(css.response).toContain('Cache-Control: public, max-age=31536000, immutable');
  // This browser asked for no compression, so it got the plain variant.
  expect(css.request).not.toContain('Accept-Encoding');
  expect(css.response).not.toContain('Content-Encoding');
  const js = await rawHeaders(o.browser, /\/static\/app\.[0-9a-f]{8}\.js/);
  expect(js.response).toContain('Vary: Accept-Encoding');
  // The HTML is the same for every client: no Vary.
  const html = await rawHeaders(o.browser, /etag-304-r1\.app\.test\/\s*200 OK/);
  expect(html.response).not.toContain('Vary');
});
