import { expect, test, type Page, type Request } from '@playwright/test';
import { COURSE_URL, FIXTURE_URL, SUBPATH_URL } from '../../playwright.config';

/**
 * Search, against the built course (with its Pagefind index) served as
 * static files. Queries name words the course really contains; each test
 * that expects nothing first checks that the word is on the page.
 */
const ui = {
  en: { button: 'Search', input: 'Search this course', count: (n: number) => `${n} ${n === 1 ? 'result' : 'results'}` },
  'zh-cn': { button: '搜索', input: '搜索本课程', count: (n: number) => `找到 ${n} 条结果` },
} as const;
type Lang = keyof typeof ui;

const dialog = (page: Page) => page.locator('dialog.search-dialog');
const input = (page: Page, lang: Lang) => page.getByRole('combobox', { name: ui[lang].input });
const status = (page: Page) => page.locator('[data-search-status]');
const options = (page: Page) => dialog(page).getByRole('option');

async function search(page: Page, lang: Lang, query: string): Promise<void> {
  if (!(await dialog(page).isVisible())) await page.getByRole('button', { name: ui[lang].button, exact: true }).click();
  await expect(input(page, lang)).toBeFocused();
  await input(page, lang).fill(query);
  // A status line naming a count or saying nothing was found means this query's answer is in.
  await expect(status(page)).toContainText(query.length ? /\d|“/ : '');
}

test('an English query finds the chapter and the heading where the words are', async ({ page }) => {
  await page.goto(`${COURSE_URL}/en/chapters/security/`);
  await search(page, 'en', 'reverse proxy');
  const first = options(page).first();
  await expect(first).toHaveAttribute('href', '/en/chapters/wsgi-servers/');
  await expect(first.locator('.title')).toHaveText('WSGI servers');
  await expect(first.locator('mark').first()).toHaveText(/reverse/i);
  const heading = dialog(page).locator('a.section[href="/en/chapters/wsgi-servers/#behind-a-reverse-proxy"]');
  await expect(heading.locator('.title')).toHaveText('Behind a reverse proxy');
  await heading.click();
  await expect(page).toHaveURL(`${COURSE_URL}/en/chapters/wsgi-servers/#behind-a-reverse-proxy`);
  await expect(page.locator('#behind-a-reverse-proxy')).toBeInViewport();
});

test('a Chinese word inside running text is found on Chinese pages only', async ({ page }) => {
  await page.goto(`${COURSE_URL}/zh-cn/`);
  // 代理 stands inside 反向代理, with no spaces around it: only word segmentation finds it.
  await search(page, 'zh-cn', '代理');
  const hrefs = await options(page).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.filter((h) => !h.startsWith('/zh-cn/'))).toEqual([]);
  expect(hrefs).toContain('/zh-cn/chapters/wsgi-servers/');
  const inRunningText = await dialog(page)
    .locator('mark')
    .evaluateAll((marks) => marks.some((m) => m.textContent === '代理' && /\p{Script=Han}$/u.test(m.previousSibling?.textContent ?? '')));
  expect(inRunningText).toBe(true);

  // The English index knows nothing of Chinese pages.
  await page.goto(`${COURSE_URL}/en/`);
  await search(page, 'en', '反向代理');
  await expect(status(page)).toHaveText('Nothing found for “反向代理”. Try fewer or different words.');
  await expect(options(page)).toHaveCount(0);
});

for (const [lang, query] of [
  ['en', 'Lyon'],
  ['zh-cn', '里昂'],
  ['en', 'Gunicorn'],
  ['zh-cn', 'Gunicorn'],
] as const) {
  test(`the result count is stated in ${lang} (${query})`, async ({ page }) => {
    await page.goto(`${COURSE_URL}/${lang}/glossary/`);
    await search(page, lang, query);
    const pages = await dialog(page).locator('a[role="option"]:not(.section)').count();
    expect(pages).toBeGreaterThan(0);
    // Up to eight pages are listed; the count is of every page that matched.
    const count = Number(/\d+/.exec((await status(page).textContent()) ?? '')?.[0]);
    expect(count >= pages && (count === pages || pages === 8)).toBe(true);
    await expect(status(page)).toContainText(ui[lang].count(count));
    if (query === 'Lyon' || query === '里昂') expect(count).toBe(1);
  });
}

test('keyboard only: shortcut, type, arrow down, Enter lands on the result; Escape returns to the button', async ({ page }) => {
  await page.goto(`${COURSE_URL}/en/`);
  await page.locator('body').press('/');
  await expect(input(page, 'en')).toBeFocused();
  await page.keyboard.type('wsgiref');
  await expect(status(page)).toContainText(/result/);
  await page.keyboard.press('ArrowDown');
  const selected = dialog(page).locator('[aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  await expect(input(page, 'en')).toHaveAttribute('aria-activedescendant', (await selected.getAttribute('id')) ?? 'missing');
  const target = (await selected.getAttribute('href')) ?? '';
  expect(target).toMatch(/^\/en\//);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${COURSE_URL}${target}`);

  // The shortcut works once the new page's script has shown the button.
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(dialog(page)).toBeVisible();
  await expect(input(page, 'en')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeFocused();
});

test('arrow keys wrap around the results and the selection is announced', async ({ page }) => {
  await page.goto(`${COURSE_URL}/en/`);
  await search(page, 'en', 'Gunicorn');
  const count = await options(page).count();
  await page.keyboard.press('ArrowUp');
  await expect(options(page).nth(count - 1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options(page).first()).toHaveAttribute('aria-selected', 'true');
  await expect(input(page, 'en')).toHaveAttribute('aria-expanded', 'true');
});

test('the shortcut does nothing while the learner types in a code editor or a form field', async ({ page }) => {
  await page.goto(`${COURSE_URL}/en/chapters/platform-as-a-service/`);
  const step = page.locator('wm-step').first();
  await step.scrollIntoViewIfNeeded();
  await expect(step).toHaveAttribute('data-editor', 'ready');
  const editor = step.locator('[role="tabpanel"]:not([hidden]) .cm-content');
  await editor.click();
  await page.keyboard.press('End');
  await page.keyboard.type('/');
  await page.keyboard.press('Control+k');
  await expect(dialog(page)).toBeHidden();
  await expect(editor).toContainText('/');

  await page.getByLabel('Theme').focus();
  await page.keyboard.press('/');
  await expect(dialog(page)).toBeHidden();
});

test('walkthrough starter code and checklist items are not indexed', async ({ page, request }) => {
  // "Unauthorized" is only in the secure-notes starter files, "unsupported" only in a databases checklist item.
  const security = await (await request.get(`${COURSE_URL}/en/chapters/security/`)).text();
  const starters = [...security.matchAll(/<textarea[^>]*>([^<]*)<\/textarea>/g)].map((m) => m[1]);
  expect(starters.some((code) => code?.includes('Unauthorized'))).toBe(true);
  const databases = await (await request.get(`${COURSE_URL}/en/chapters/databases/`)).text();
  const item = /<label for="item-database-url"[^>]*>([\s\S]*?)<\/label>/.exec(databases)?.[1] ?? '';
  expect(item).toContain('unsupported');

  await page.goto(`${COURSE_URL}/en/`);
  for (const word of ['Unauthorized', 'unsupported']) {
    await search(page, 'en', word);
    await expect(status(page)).toHaveText(`Nothing found for “${word}”. Try fewer or different words.`);
  }
  // Words next to them in the chapter prose are found, so the pages themselves are indexed.
  await search(page, 'en', 'parameterized');
  await expect(dialog(page).locator('a[href^="/en/chapters/databases/"]').first()).toBeVisible();
});

test('nothing search-related is fetched before search opens', async ({ page }) => {
  const fetched: string[] = [];
  const record = (r: Request) => fetched.push(new URL(r.url()).pathname);
  page.on('request', record);
  await page.goto(`${COURSE_URL}/en/chapters/databases/`);
  await page.getByRole('button', { name: 'Search', exact: true }).hover();
  await page.mouse.wheel(0, 1500);
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((p) => p.includes('/pagefind/') || p.includes('search-dialog'))).toEqual([]);

  await page.keyboard.press('/');
  await expect(input(page, 'en')).toBeFocused();
  await expect.poll(() => fetched.filter((p) => p.includes('/pagefind/')).length).toBeGreaterThan(0);
  expect(fetched).toContain('/pagefind/pagefind.js');
});

test('search says it is unavailable when the index cannot load, and works once it can', async ({ page }) => {
  await page.route('**/pagefind/**', (route) => route.abort('internetdisconnected'));
  await page.goto(`${COURSE_URL}/zh-cn/`);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(status(page)).toHaveText('搜索暂时不可用：没能加载搜索索引。请检查网络连接后重试。');
  await page.keyboard.press('Escape');

  await page.unroute('**/pagefind/**');
  await search(page, 'zh-cn', 'Gunicorn');
  await expect(status(page)).toContainText('找到');
});

test('search works under the site CSP (script-src self and wasm-unsafe-eval)', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await page.route(`${COURSE_URL}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" } });
  });
  await page.goto(`${COURSE_URL}/en/chapters/databases/`);
  await search(page, 'en', 'migrations');
  await expect(options(page).first()).toBeVisible();
  // Inline scripts elsewhere on the page are another change's business; nothing search loads may be refused.
  expect(violations.filter((v) => !/inline script/i.test(v))).toEqual([]);
});

test('search works in the site built for a sub-path', async ({ page }) => {
  await page.goto(`${SUBPATH_URL}/en/chapters/databases/`);
  await search(page, 'en', 'reverse proxy');
  const hrefs = await options(page).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.filter((h) => !h.startsWith('/course/en/'))).toEqual([]);
  await options(page).first().click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/en/chapters/wsgi-servers/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('WSGI servers');
});

test('another course built with Waymark searches its own pages', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/zh-cn/chapters/first/`);
  await search(page, 'zh-cn', '第三');
  await expect(options(page).first()).toHaveAttribute('href', '/zh-cn/chapters/third/');
  await search(page, 'zh-cn', '反向代理');
  await expect(options(page)).toHaveCount(0);
});

test('without JavaScript the search button is not shown', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${COURSE_URL}/en/`);
  await expect(page.locator('wm-search')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Glossary' })).toBeVisible();
  await context.close();
});
