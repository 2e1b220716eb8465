import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SUBPATH_URL } from '../../playwright.config';
import { axeViolations, darkSchemeViolations } from './axe';
import { checklistReady, COURSE_URL, FIXTURE_ID, FIXTURE_URL, progressKey, record, storedProgress } from './helpers';

/**
 * Share links and export, on the fixture course (tests/fixtures/small-course):
 * chapters first, second and third with items first-a, first-b and so on.
 * One test opens a fixture link on the shipped course, which must refuse it.
 */
const CH = 'first';
const learnerKey = `waymark:${FIXTURE_ID}:learner`;

async function seed(page: Page, ticks: [string, string][], lang = 'en') {
  await page.goto(`${FIXTURE_URL}/${lang}/progress/`);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [progressKey(FIXTURE_ID), JSON.stringify(record(FIXTURE_ID, ticks))] as const);
  await page.reload();
  await expect(page.getByRole('button', { name: /^(Make a share link|生成分享链接)$/ })).toBeEnabled();
}

/** Ticks items on their chapter pages, as a learner would, and builds a share link on the progress page. */
async function makeLink(page: Page, ticks: [string, string][]): Promise<string> {
  for (const [chapter, item] of ticks) {
    await page.goto(`${FIXTURE_URL}/en/chapters/${chapter}/`);
    await checklistReady(page);
    await page.locator(`input[data-item="${item}"]`).check();
  }
  await page.goto(`${FIXTURE_URL}/en/progress/`);
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
  await seed(page, [[CH, 'first-b']]);
  await page.getByRole('textbox', { name: 'Your name, for your instructor (optional)' }).fill('  Ada   Lovelace ');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^fixture-course-progress-ada-lovelace-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(file).toMatchObject({ format: 'waymark-progress', courseId: FIXTURE_ID, learner: 'Ada Lovelace' });
  expect(file.chapters[CH]['first-b'].done).toBe(true);

  expect(await page.evaluate((k) => localStorage.getItem(k), learnerKey)).toBe('"Ada Lovelace"');
  await page.goto(`${FIXTURE_URL}/zh-cn/progress/`);
  await expect(page.getByRole('textbox', { name: '你的名字，方便老师辨认（可不填）' })).toHaveValue('Ada Lovelace');
});

test('export without a name leaves the name out', async ({ page }) => {
  await seed(page, [[CH, 'first-b']]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^fixture-course-progress-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(await readFile((await download.path())!, 'utf8'))).not.toHaveProperty('learner');
});

test('share link round trip: copy in one browser, preview and apply in a fresh one, fragment removed, undo works', async ({ browser, context, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: FIXTURE_URL });
  const link = await makeLink(page, [
    [CH, 'first-a'],
    ['third', 'third-b'],
  ]);
  expect(link.startsWith(`${FIXTURE_URL}/en/progress/#share=`)).toBe(true);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByText('which browsers never send to a server')).toBeVisible();

  const other = await fresh(browser);
  await other.page.goto(`${FIXTURE_URL}/en/`);
  await other.page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    progressKey(FIXTURE_ID),
    JSON.stringify(record(FIXTURE_ID, [['second', 'second-a']])),
  ] as const);
  await other.page.goto(link);
  const form = preview(other.page);
  await expect(form).toBeVisible();
  await expect(form).toContainText('From a share link, with 2 ticked items');
  await expect(form).toContainText('2 items will be ticked');
  await expect(form).toContainText('First steps: Read fixture chapter 1.');
  await expect(form).toContainText('Third steps: Deploy the fixture app.');
  await form.getByRole('radio', { name: /^Replace/ }).check();
  await expect(form).toContainText('1 item will be unticked');
  await form.getByRole('radio', { name: /^Merge/ }).check();
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(other.page.getByRole('status').filter({ hasText: 'Progress imported.' })).toBeVisible();
  expect(new URL(other.page.url()).hash).toBe('');
  expect(other.page.url()).toBe(`${FIXTURE_URL}/en/progress/`);

  await other.page.getByRole('button', { name: 'Undo' }).click();
  expect(await storedProgress(other.page, FIXTURE_ID)).toEqual(record(FIXTURE_ID, [['second', 'second-a']]));

  // Apply again (the link opens the same way a second time) and see the ticks on the chapter.
  await other.page.goto(link);
  await preview(other.page).getByRole('button', { name: 'Import' }).click();
  await other.page.goto(`${FIXTURE_URL}/zh-cn/chapters/${CH}/`);
  await checklistReady(other.page);
  await expect(other.page.locator('input[data-item="first-a"]')).toBeChecked();
  await expect(other.page.locator('input[data-item="first-b"]')).not.toBeChecked();
  await expect(other.page.locator('input[data-item="second-a"]')).toHaveCount(0);
  await other.page.goto(`${FIXTURE_URL}/zh-cn/chapters/third/`);
  await checklistReady(other.page);
  await expect(other.page.locator('input[data-item="third-b"]')).toBeChecked();
  await other.context.close();
});

test('cancelling a share link removes the fragment and changes nothing', async ({ browser, page }) => {
  const link = await makeLink(page, [[CH, 'first-a']]);
  const other = await fresh(browser);
  await other.page.goto(link);
  await expect(preview(other.page)).toBeVisible();
  await other.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview(other.page)).toBeHidden();
  expect(other.page.url()).toBe(`${FIXTURE_URL}/en/progress/`);
  expect(await storedProgress(other.page, FIXTURE_ID)).toBeNull();
  await other.context.close();
});

test('a share link stays open across a language switch and previews in Chinese', async ({ browser, page }) => {
  const link = await makeLink(page, [[CH, 'first-a']]);
  const other = await fresh(browser);
  await other.page.goto(link);
  await expect(preview(other.page)).toBeVisible();
  await other.page.locator('a[data-wm-locale="zh-cn"]').click();
  await expect(other.page).toHaveURL(/\/zh-cn\/progress\/#share=/);
  const form = preview(other.page);
  await expect(form).toContainText('来自分享链接，其中已勾选 1 项');
  await expect(form).toContainText('将勾选 1 项');
  await form.getByRole('button', { name: '导入', exact: true }).click();
  await expect(other.page).toHaveURL(`${FIXTURE_URL}/zh-cn/progress/`);
  expect(await storedProgress(other.page, FIXTURE_ID)).toMatchObject({ chapters: { [CH]: { 'first-a': { done: true } } } });
  await other.context.close();
});

test('a share link pasted while the progress page is open is previewed too', async ({ page, browser }) => {
  const link = await makeLink(page, [[CH, 'first-b']]);
  const other = await fresh(browser);
  await other.page.goto(`${FIXTURE_URL}/en/progress/`);
  await expect(other.page.getByRole('button', { name: 'Make a share link' })).toBeEnabled();
  await other.page.goto(link);
  await expect(preview(other.page)).toContainText('1 item will be ticked');
  await other.context.close();
});

test('a share link opens under a sub-path', async ({ page, browser }) => {
  // The sub-path build is the fixture course's.
  const link = await makeLink(page, [
    [CH, 'first-a'],
    [CH, 'first-b'],
  ]);
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
  await seed(page, [[CH, 'first-a']]);
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
    const link = await makeLink(page, [[CH, 'first-b']]);
    const payload = link.split('#share=')[1]!;
    const other = await fresh(browser);
    await seed(other.page, [[CH, 'first-a']]);
    const before = await other.page.evaluate((k) => localStorage.getItem(k), progressKey(FIXTURE_ID));
    await other.page.goto(`${FIXTURE_URL}/en/`);
    await other.page.goto(`${FIXTURE_URL}/en/progress/#share=${mangle(payload)}`);
    const alert = other.page.getByRole('alert').filter({ hasText: 'This share link cannot be used.' });
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Your progress was not changed.');
    await expect(preview(other.page)).toBeHidden();
    expect(await other.page.evaluate((k) => localStorage.getItem(k), progressKey(FIXTURE_ID))).toBe(before);
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
  const link = await makeLink(page, [[CH, 'first-b']]);
  const other = await browser.newContext({ colorScheme: 'light' });
  const tab = await other.newPage();
  await tab.goto(link.replace('/en/', '/zh-cn/'));
  await expect(preview(tab)).toBeVisible();
  await tab.getByRole('button', { name: '生成分享链接' }).click();
  await tab.getByRole('textbox', { name: '你的名字，方便老师辨认（可不填）' }).fill('王小明');
  expect(await axeViolations(tab)).toEqual([]);
  expect(await darkSchemeViolations(tab)).toEqual([]);
  await other.close();
});
test('when the clipboard refuses, the link is selected and the learner is told how to copy it', async ({ page }) => {
  await seed(page, [[CH, 'first-b']]);
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
