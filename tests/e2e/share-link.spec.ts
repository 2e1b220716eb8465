import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SUBPATH_URL } from '../../playwright.config';
import { checklistReady, COURSE_ID, COURSE_URL, FIXTURE_URL, progressKey, record, storedProgress } from './helpers';

const CH = 'platform-as-a-service';
const learnerKey = `waymark:${COURSE_ID}:learner`;

async function seed(page: Page, ticks: [string, string][], lang = 'en') {
  await page.goto(`${COURSE_URL}/${lang}/progress/`);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [progressKey(COURSE_ID), JSON.stringify(record(COURSE_ID, ticks))] as const);
  await page.reload();
  await expect(page.getByRole('button', { name: /^(Make a share link|生成分享链接)$/ })).toBeEnabled();
}

/** Ticks items on the chapter page, as a learner would, and builds a share link on the progress page. */
async function makeLink(page: Page, items: string[]): Promise<string> {
  await page.goto(`${COURSE_URL}/en/chapters/${CH}/`);
  await checklistReady(page);
  for (const item of items) await page.locator(`input[data-item="${item}"]`).check();
  await page.goto(`${COURSE_URL}/en/progress/`);
  await page.getByRole('button', { name: 'Make a share link' }).click();
  const field = page.getByRole('textbox', { name: 'Share link with your current progress' });
  await expect(field).toHaveValue(/#share=[A-Za-z0-9_-]+$/);
  return field.inputValue();
}

async function fresh(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

const preview = (page: Page) => page.getByRole('form', { name: /^(What this import will change|这次导入会带来的变化)$/ });

test('export carries the name the learner typed, in the file and its name, and remembers it', async ({ page }) => {
  await seed(page, [[CH, 'deploy-app']]);
  await page.getByRole('textbox', { name: 'Your name, for your instructor (optional)' }).fill('  Ada   Lovelace ');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^deploying-python-web-apps-progress-ada-lovelace-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(file).toMatchObject({ format: 'waymark-progress', courseId: COURSE_ID, learner: 'Ada Lovelace' });
  expect(file.chapters[CH]['deploy-app'].done).toBe(true);

  expect(await page.evaluate((k) => localStorage.getItem(k), learnerKey)).toBe('"Ada Lovelace"');
  await page.goto(`${COURSE_URL}/zh-cn/progress/`);
  await expect(page.getByRole('textbox', { name: '你的名字，方便老师辨认（可不填）' })).toHaveValue('Ada Lovelace');
});

test('export without a name leaves the name out', async ({ page }) => {
  await seed(page, [[CH, 'deploy-app']]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^deploying-python-web-apps-progress-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(await readFile((await download.path())!, 'utf8'))).not.toHaveProperty('learner');
});

test('share link round trip: copy in one browser, preview and apply in a fresh one, fragment removed, undo works', async ({ browser, context, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: COURSE_URL });
  const link = await makeLink(page, ['weigh-options', 'deploy-app']);
  expect(link.startsWith(`${COURSE_URL}/en/progress/#share=`)).toBe(true);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByText('which browsers never send to a server')).toBeVisible();

  const other = await fresh(browser);
  await other.page.goto(`${COURSE_URL}/en/`);
  await other.page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    progressKey(COURSE_ID),
    JSON.stringify(record(COURSE_ID, [['databases', 'choose-database']])),
  ] as const);
  await other.page.goto(link);
  const form = preview(other.page);
  await expect(form).toBeVisible();
  await expect(form).toContainText('From a share link, with 2 ticked items');
  await expect(form).toContainText('2 items will be ticked');
  await expect(form).toContainText('Platform as a service: Compare at least two platforms');
  await expect(form).toContainText('Platform as a service: Deploy the app');
  await form.getByRole('radio', { name: /^Replace/ }).check();
  await expect(form).toContainText('1 item will be unticked');
  await form.getByRole('radio', { name: /^Merge/ }).check();
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(other.page.getByRole('status').filter({ hasText: 'Progress imported.' })).toBeVisible();
  expect(new URL(other.page.url()).hash).toBe('');
  expect(other.page.url()).toBe(`${COURSE_URL}/en/progress/`);

  await other.page.getByRole('button', { name: 'Undo' }).click();
  expect(await storedProgress(other.page, COURSE_ID)).toEqual(record(COURSE_ID, [['databases', 'choose-database']]));

  // Apply again (the link opens the same way a second time) and see the ticks on the chapter.
  await other.page.goto(link);
  await preview(other.page).getByRole('button', { name: 'Import' }).click();
  await other.page.goto(`${COURSE_URL}/zh-cn/chapters/${CH}/`);
  await checklistReady(other.page);
  await expect(other.page.locator('input[data-item="weigh-options"]')).toBeChecked();
  await expect(other.page.locator('input[data-item="deploy-app"]')).toBeChecked();
  await expect(other.page.locator('input[data-item="verify-deploy"]')).not.toBeChecked();
  await expect(other.page.locator('input[data-item="choose-database"]')).toHaveCount(0);
  await other.context.close();
});

test('cancelling a share link removes the fragment and changes nothing', async ({ browser, page }) => {
  const link = await makeLink(page, ['weigh-options']);
  const other = await fresh(browser);
  await other.page.goto(link);
  await expect(preview(other.page)).toBeVisible();
  await other.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview(other.page)).toBeHidden();
  expect(other.page.url()).toBe(`${COURSE_URL}/en/progress/`);
  expect(await storedProgress(other.page, COURSE_ID)).toBeNull();
  await other.context.close();
});

test('a share link stays open across a language switch and previews in Chinese', async ({ browser, page }) => {
  const link = await makeLink(page, ['weigh-options']);
  const other = await fresh(browser);
  await other.page.goto(link);
  await expect(preview(other.page)).toBeVisible();
  await other.page.locator('a[data-wm-locale="zh-cn"]').click();
  await expect(other.page).toHaveURL(/\/zh-cn\/progress\/#share=/);
  const form = preview(other.page);
  await expect(form).toContainText('来自分享链接，其中已勾选 1 项');
  await expect(form).toContainText('将勾选 1 项');
  await form.getByRole('button', { name: '导入', exact: true }).click();
  await expect(other.page).toHaveURL(`${COURSE_URL}/zh-cn/progress/`);
  expect(await storedProgress(other.page, COURSE_ID)).toMatchObject({ chapters: { [CH]: { 'weigh-options': { done: true } } } });
  await other.context.close();
});

test('a share link pasted while the progress page is open is previewed too', async ({ page, browser }) => {
  const link = await makeLink(page, ['deploy-app']);
  const other = await fresh(browser);
  await other.page.goto(`${COURSE_URL}/en/progress/`);
  await expect(other.page.getByRole('button', { name: 'Make a share link' })).toBeEnabled();
  await other.page.goto(link);
  await expect(preview(other.page)).toContainText('1 item will be ticked');
  await other.context.close();
});

test('a share link opens under a sub-path', async ({ page, browser }) => {
  const link = await makeLink(page, ['deploy-app', 'verify-deploy']);
  const other = await fresh(browser);
  await other.page.goto(`${SUBPATH_URL}/en/progress/${new URL(link).hash}`);
  const form = preview(other.page);
  await expect(form).toContainText('2 items will be ticked');
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(other.page).toHaveURL(`${SUBPATH_URL}/en/progress/`);
  await other.page.getByRole('button', { name: 'Make a share link' }).click();
  await expect(other.page.getByRole('textbox', { name: 'Share link with your current progress' })).toHaveValue(
    new RegExp(`^${SUBPATH_URL}/en/progress/#share=`),
  );
  await other.context.close();
});

test('the link on show follows later ticks', async ({ page }) => {
  await seed(page, [[CH, 'weigh-options']]);
  await page.getByRole('button', { name: 'Make a share link' }).click();
  const field = page.getByRole('textbox', { name: 'Share link with your current progress' });
  const before = await field.inputValue();
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(field).not.toHaveValue(before);
});

for (const [name, mangle, message] of [
  ['altered', (p: string) => p.slice(0, 8) + (p[8] === 'x' ? 'y' : 'x') + p.slice(9), 'It was changed on the way'],
  ['cut short', (p: string) => p.slice(0, Math.floor(p.length / 2)), 'It is cut short'],
  ['garbage', () => '%F0%9F%90%9B not a link', 'characters a share link never has'],
  ['empty', () => '', 'It holds no progress'],
] as const) {
  test(`a share link that is ${name} shows a clear error and changes nothing`, async ({ page, browser }) => {
    const link = await makeLink(page, ['deploy-app']);
    const payload = link.split('#share=')[1]!;
    const other = await fresh(browser);
    await seed(other.page, [[CH, 'weigh-options']]);
    const before = await other.page.evaluate((k) => localStorage.getItem(k), progressKey(COURSE_ID));
    await other.page.goto(`${COURSE_URL}/en/`);
    await other.page.goto(`${COURSE_URL}/en/progress/#share=${mangle(payload)}`);
    const alert = other.page.getByRole('alert').filter({ hasText: 'This share link cannot be used.' });
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Your progress was not changed.');
    await expect(preview(other.page)).toBeHidden();
    expect(await other.page.evaluate((k) => localStorage.getItem(k), progressKey(COURSE_ID))).toBe(before);
    await other.context.close();
  });
}

test('a share link for the fixture course is refused by this course in Chinese', async ({ page, browser }) => {
  // The fixture site is another course: its link names another course id.
  await page.goto(`${FIXTURE_URL}/en/progress/`);
  await page.getByRole('button', { name: 'Make a share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link with your current progress' }).inputValue();
  const other = await fresh(browser);
  await other.page.goto(`${COURSE_URL}/zh-cn/progress/#share=${link.split('#share=')[1]}`);
  await expect(other.page.getByRole('alert').filter({ hasText: '这个分享链接无法使用。' })).toContainText('链接属于另一门课程');
  await other.context.close();
});

test('the share link field and a link preview have no WCAG 2.2 A/AA violations, in both themes', async ({ browser, page }) => {
  test.setTimeout(90_000);
  const link = await makeLink(page, ['deploy-app']);
  for (const scheme of ['light', 'dark'] as const) {
    const other = await browser.newContext({ colorScheme: scheme });
    const tab = await other.newPage();
    await tab.goto(link.replace('/en/', '/zh-cn/'));
    await expect(preview(tab)).toBeVisible();
    await tab.getByRole('button', { name: '生成分享链接' }).click();
    await tab.getByRole('textbox', { name: '你的名字，方便老师辨认（可不填）' }).fill('王小明');
    const results = await new AxeBuilder({ page: tab }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await other.close();
  }
});

test('when the clipboard refuses, the link is selected and the learner is told how to copy it', async ({ page }) => {
  await seed(page, [[CH, 'deploy-app']]);
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await page.getByRole('button', { name: 'Make a share link' }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Could not copy automatically. The link is selected')).toBeVisible();
  const field = page.getByRole('textbox', { name: 'Share link with your current progress' });
  await expect(field).toBeFocused();
  const selected = await field.evaluate((input: HTMLInputElement) => input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0));
  expect(selected).toBe(await field.inputValue());
});
