import { readFileSync } from 'node:fs';
import { expect, test, type Page, type Request } from '@playwright/test';
import { COURSE_URL, FIXTURE_URL, SUBPATH_URL } from '../../playwright.config';
import { courseChapterIds, walkthroughStep, WALKTHROUGH_CHAPTER } from './helpers';

/**
 * Search, against the built fixture course (with its Pagefind index) served
 * as static files. Queries name words the fixture's chapters were written to
 * contain (its "front gateway" section, "Gunicorn" in two chapters, "Lyon" in
 * one); each test that expects nothing first checks that the word is on the
 * page. Only the last test looks at the shipped course, and only at its titles.
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
  await page.goto(`${FIXTURE_URL}/en/chapters/first/`);
  await search(page, 'en', 'front gateway');
  const first = options(page).first();
  await expect(first).toHaveAttribute('href', '/en/chapters/second/');
  await expect(first.locator('.title')).toHaveText('Second steps');
  await expect(first.locator('mark').first()).toHaveText(/front/i);
  const heading = dialog(page).locator('a.section[href="/en/chapters/second/#behind-a-front-gateway"]');
  await expect(heading.locator('.title')).toHaveText('Behind a front gateway');
  await heading.click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/en/chapters/second/#behind-a-front-gateway`);
  await expect(page.locator('#behind-a-front-gateway')).toBeInViewport();
});

test('a Chinese word inside running text is found on Chinese pages only', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/zh-cn/`);
  // 网关 stands inside 前端网关, with no spaces around it: only word segmentation finds it.
  await search(page, 'zh-cn', '网关');
  const hrefs = await options(page).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.filter((h) => !h.startsWith('/zh-cn/'))).toEqual([]);
  expect(hrefs).toContain('/zh-cn/chapters/second/');
  const inRunningText = await dialog(page)
    .locator('mark')
    .evaluateAll((marks) => marks.some((m) => m.textContent === '网关' && /\p{Script=Han}$/u.test(m.previousSibling?.textContent ?? '')));
  expect(inRunningText).toBe(true);

  // The English index knows nothing of Chinese pages.
  await page.goto(`${FIXTURE_URL}/en/`);
  await search(page, 'en', '前端网关');
  await expect(status(page)).toHaveText('Nothing found for “前端网关”. Try fewer or different words.');
  await expect(options(page)).toHaveCount(0);
});

for (const [lang, query] of [
  ['en', 'Lyon'],
  ['zh-cn', '里昂'],
  ['en', 'Gunicorn'],
  ['zh-cn', 'Gunicorn'],
] as const) {
  test(`the result count is stated in ${lang} (${query})`, async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/${lang}/glossary/`);
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
  await page.goto(`${FIXTURE_URL}/en/`);
  await page.locator('body').press('/');
  await expect(input(page, 'en')).toBeFocused();
  await page.keyboard.type('Gunicorn');
  await expect(status(page)).toContainText(/result/);
  await page.keyboard.press('ArrowDown');
  const selected = dialog(page).locator('[aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  await expect(input(page, 'en')).toHaveAttribute('aria-activedescendant', (await selected.getAttribute('id')) ?? 'missing');
  const target = (await selected.getAttribute('href')) ?? '';
  expect(target).toMatch(/^\/en\//);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${FIXTURE_URL}${target}`);

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
  await page.goto(`${FIXTURE_URL}/en/`);
  await search(page, 'en', 'Gunicorn');
  const count = await options(page).count();
  await page.keyboard.press('ArrowUp');
  await expect(options(page).nth(count - 1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options(page).first()).toHaveAttribute('aria-selected', 'true');
  await expect(input(page, 'en')).toHaveAttribute('aria-expanded', 'true');
});

test('the shortcut does nothing while the learner types in a code editor or a form field', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/en/${WALKTHROUGH_CHAPTER}`);
  const step = await walkthroughStep(page, 'say-hello');
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
  // "scaffold" is only in a starter file of the fixture walkthrough, "tally" only in a checklist item of the second chapter.
  const third = await (await request.get(`${FIXTURE_URL}/en/chapters/third/`)).text();
  const starters = [...third.matchAll(/<textarea[^>]*>([^<]*)<\/textarea>/g)].map((m) => m[1]);
  expect(starters.some((code) => code?.includes('scaffold'))).toBe(true);
  const second = await (await request.get(`${FIXTURE_URL}/en/chapters/second/`)).text();
  const item = /<label for="item-second-b"[^>]*>([\s\S]*?)<\/label>/.exec(second)?.[1] ?? '';
  expect(item).toContain('tally');

  await page.goto(`${FIXTURE_URL}/en/`);
  for (const word of ['scaffold', 'tally']) {
    await search(page, 'en', word);
    await expect(status(page)).toHaveText(`Nothing found for “${word}”. Try fewer or different words.`);
  }
  // Words next to them in the chapter prose are found, so the pages themselves are indexed.
  await search(page, 'en', 'gateway');
  await expect(dialog(page).locator('a[href^="/en/chapters/second/"]').first()).toBeVisible();
});

test('nothing search-related is fetched before search opens', async ({ page }) => {
  const fetched: string[] = [];
  const record = (r: Request) => fetched.push(new URL(r.url()).pathname);
  page.on('request', record);
  await page.goto(`${FIXTURE_URL}/en/chapters/second/`);
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
  await page.goto(`${FIXTURE_URL}/zh-cn/`);
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
  await page.route(`${FIXTURE_URL}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" } });
  });
  await page.goto(`${FIXTURE_URL}/en/chapters/first/`);
  await search(page, 'en', 'gateway');
  await expect(options(page).first()).toBeVisible();
  // Inline scripts elsewhere on the page are another change's business; nothing search loads may be refused.
  expect(violations.filter((v) => !/inline script/i.test(v))).toEqual([]);
});

test('search works in the site built for a sub-path', async ({ page }) => {
  // The sub-path build is the fixture course's.
  await page.goto(`${SUBPATH_URL}/en/chapters/first/`);
  await search(page, 'en', 'front gateway');
  const hrefs = await options(page).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.filter((h) => !h.startsWith('/course/en/'))).toEqual([]);
  await options(page).first().click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/en/chapters/second/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Second steps');
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
  await page.goto(`${FIXTURE_URL}/en/`);
  await expect(page.locator('wm-search')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Glossary' })).toBeVisible();
  await context.close();
});

/** A chapter's title in one language, from its front matter. */
const courseTitle = (lang: string, id: string) => /^title:\s*(.+)$/m.exec(readFileSync(`content/${lang}/${id}.mdx`, 'utf8'))![1]!.trim();

for (const lang of ['en', 'zh-cn'] as const) {
  test(`the shipped course indexes every chapter in ${lang}: each is among the pages its title finds`, async ({ page }) => {
    await page.goto(`${COURSE_URL}/${lang}/`);
    const titles = courseChapterIds().map((id) => [id, courseTitle(lang, id)] as const);
    // Pagefind's own API, as the dialog lists only the first eight pages.
    const found = await page.evaluate(async (titles) => {
      const module = '/pagefind/pagefind.js';
      const pagefind = await import(/* @vite-ignore */ module);
      const urls: Record<string, string[]> = {};
      for (const [id, title] of titles) {
        const { results } = await pagefind.search(title);
        urls[id] = (await Promise.all(results.map((r: { data: () => Promise<{ url: string }> }) => r.data()))).map((d) => d.url);
      }
      return urls;
    }, titles);
    for (const [id] of titles) {
      expect(found[id]!.filter((u) => !u.startsWith(`/${lang}/`))).toEqual([]);
      expect(found[id]).toContain(`/${lang}/chapters/${id}/`);
    }
  });
}
