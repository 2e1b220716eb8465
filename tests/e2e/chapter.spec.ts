import { expect, test } from '@playwright/test';
import { FIXTURE_URL, fixtureItemCount } from './helpers';

/** A chapter of the fixture course (tests/fixtures/small-course) with code, a term, dated facts and several sections. */
const FIRST = `${FIXTURE_URL}/en/chapters/first/`;

test('a chapter has a title, a table of contents that leads to its sections, and its checklist', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  // An instant jump, as for readers who ask for reduced motion, so the check
  // is on where the link lands rather than on the smooth scroll's timing.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(FIRST);
  await expect(page.getByRole('heading', { level: 1, name: 'First steps' })).toBeVisible();
  const toc = page.getByRole('complementary').getByRole('navigation', { name: 'On this page' });
  const links = toc.getByRole('link');
  expect(await links.count()).toBeGreaterThan(4);
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    await expect(page.locator(`[id="${href!.slice(1)}"]`)).toHaveCount(1);
  }
  await toc.getByRole('link', { name: 'Learning checklist' }).click();
  await expect(page).toHaveURL(/#checklist$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Learning checklist' })).toBeInViewport();
});

test('code is highlighted at build time in both themes', async ({ page }) => {
  await page.goto(FIRST);
  // A token whose two theme colours differ.
  const index = await page
    .locator('pre.astro-code span[style*="--shiki-dark"]')
    .evaluateAll((spans) =>
      spans.findIndex((s) => (s as HTMLElement).style.getPropertyValue('--shiki-light') !== (s as HTMLElement).style.getPropertyValue('--shiki-dark')),
    );
  expect(index).toBeGreaterThanOrEqual(0);
  const token = page.locator('pre.astro-code span[style*="--shiki-dark"]').nth(index);
  const colour = () => token.evaluate((el) => getComputedStyle(el).color);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await colour();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colour();
  expect(light).not.toBe(dark);
  // No highlighter is shipped: the page loads no script larger than our own glue.
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((r) => r.name.endsWith('.js'))
      .map((r) => r.name),
  );
  expect(scripts.join(' ')).not.toMatch(/shiki|i18next/);
});

test('the theme follows the system and can be set by hand, and the choice is kept', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(FIRST);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe('rgb(255, 255, 255)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await page.getByLabel('Theme').selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
  expect(await background()).toBe('rgb(255, 255, 255)');
});

test('a code block is copied from the keyboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: FIXTURE_URL });
  await page.goto(FIRST);
  const button = page.getByRole('button', { name: 'Copy code to clipboard' }).first();
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveText('Copied');
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
  const code = await page.locator('pre.astro-code').first().locator('code').textContent();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
});

test('previous and next links follow the learning order', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/en/chapters/second/`);
  const pager = page.getByRole('navigation', { name: 'Chapters' });
  await expect(pager.getByRole('link', { name: /Previous chapter/ })).toHaveAttribute('href', '/en/chapters/first/');
  await pager.getByRole('link', { name: /Next chapter/ }).click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/en/chapters/third/`);
  await expect(page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: /Next chapter/ })).toHaveCount(0);
});

test('without JavaScript a chapter reads completely and its checklist is a list', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [lang, note] of [
    ['en', 'Ticking items needs JavaScript.'],
    ['zh-cn', '勾选清单需要启用 JavaScript。'],
  ] as const) {
    await page.goto(`${FIXTURE_URL}/${lang}/chapters/first/`);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('pre.astro-code').first()).toBeVisible();
    const items = page.locator('section.checklist li');
    expect(await items.count()).toBe(fixtureItemCount('first'));
    await expect(items.first()).toBeVisible();
    await expect(page.locator('section.checklist p.noscript')).toHaveText(new RegExp(`^${note}`));
    await expect(page.locator('h2').last()).toBeVisible();
  }
  await context.close();
});

test('key terms link to the glossary, which says where each term is used', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/zh-cn/chapters/first/`);
  await page.getByRole('link', { name: '测试术语' }).click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/zh-cn/glossary/#fixture-term`);
  const entry = page.locator('#fixture-term');
  await expect(entry).toContainText('测试用的术语。');
  await entry.getByRole('link', { name: '第一步' }).click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/zh-cn/chapters/first/`);
  await page.getByRole('link', { name: '第三章' }).click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/zh-cn/chapters/third/`);
});

for (const [lang, texts] of [
  [
    'en',
    {
      mark: 'checked Nov 2026',
      value: '4.2.0',
      list: 'Dated facts',
      entry: /Fixture server version: 4\.2\.0 — checked November 30, 2026, source: example\.org/,
      noMirror: true,
    },
  ],
  [
    'zh-cn',
    {
      mark: '核实于 2026年11月',
      value: '4.2.0',
      list: '时效信息与来源',
      entry: /测试服务器版本：4\.2\.0；核实于 2026年11月30日，来源：example\.org/,
      noMirror: false,
    },
  ],
] as const) {
  test(`dated facts show when they were checked and lead to their source (${lang})`, async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${FIXTURE_URL}/${lang}/chapters/first/`);
    const mark = page.locator('a[href="#fact-fixture-version"]');
    await expect(mark).toHaveAccessibleName(texts.mark);
    await expect(page.locator('.fact', { has: mark })).toContainText(texts.value);
    await mark.click();
    await expect(page).toHaveURL(/#fact-fixture-version$/);
    const list = page.getByRole('region', { name: texts.list });
    const entry = list.locator('#fact-fixture-version');
    await expect(entry).toBeInViewport();
    await expect(entry).toHaveText(texts.entry);
    await expect(entry.getByRole('link', { name: 'example.org' })).toHaveAttribute('href', 'https://example.org/releases');
    // The China-only mirror is listed on the Chinese page only; the table of contents leads to the list.
    await expect(list.locator('#fact-fixture-mirror')).toHaveCount(texts.noMirror ? 0 : 1);
    await expect(page.getByRole('complementary').getByRole('link', { name: texts.list })).toHaveAttribute('href', '#facts');
  });
}
