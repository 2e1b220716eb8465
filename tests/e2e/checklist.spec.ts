import { expect, test } from '@playwright/test';
import { checklistReady, FIXTURE_ID, FIXTURE_URL, storedProgress } from './helpers';

/** The fixture course's first chapter, whose checklist has the items first-a and first-b. */
const EN = `${FIXTURE_URL}/en/chapters/first/`;
const ZH = `${FIXTURE_URL}/zh-cn/chapters/first/`;
const box = (id: string) => `input[data-item="${id}"]`;

test('a tick survives a reload, can be undone, and shows in the chapter header at once', async ({ page }) => {
  await page.goto(EN);
  await checklistReady(page);
  const meter = page.locator('.chapter-header wm-progress .text');
  await expect(meter).toHaveText(/^0 of \d+ done/);
  await page.locator(box('first-a')).check();
  await expect(meter).toHaveText(/^1 of \d+ done/);
  await page.reload();
  await checklistReady(page);
  await expect(page.locator(box('first-a'))).toBeChecked();
  await page.locator(box('first-a')).uncheck();
  await expect(meter).toHaveText(/^0 of \d+ done/);
  await page.reload();
  await checklistReady(page);
  await expect(page.locator(box('first-a'))).not.toBeChecked();
  expect(await storedProgress(page, FIXTURE_ID)).toMatchObject({
    version: 1,
    courseId: FIXTURE_ID,
    chapters: { first: { 'first-a': { done: false } } },
  });
});

test('ticks made in English show on the Chinese page and back', async ({ page }) => {
  await page.goto(EN);
  await checklistReady(page);
  await page.locator(box('first-a')).check();
  await page.getByRole('link', { name: '用简体中文阅读本页' }).click();
  await expect(page).toHaveURL(ZH);
  await checklistReady(page);
  await expect(page.locator(box('first-a'))).toBeChecked();
  await expect(page.locator('.chapter-header wm-progress .text')).toHaveText(/^已完成 1 \/ \d+/);
  await page.locator(box('first-b')).check();
  await page.getByRole('link', { name: 'Read this page in English' }).click();
  await checklistReady(page);
  await expect(page.locator(box('first-b'))).toBeChecked();
});

test('another open tab follows without a reload', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(EN);
  await second.goto(`${FIXTURE_URL}/zh-cn/`);
  await checklistReady(first);
  const secondMeter = second.locator('ol.chapters wm-progress[data-chapter="first"] .text');
  await expect(secondMeter).toHaveText(/^已完成 0 \//);
  await first.locator(box('first-b')).check();
  await expect(secondMeter).toHaveText(/^已完成 1 \//);
  await second.goto(ZH);
  await checklistReady(second);
  await first.locator(box('first-a')).check();
  await expect(second.locator(box('first-a'))).toBeChecked();
  await second.locator(box('first-a')).uncheck();
  await expect(first.locator(box('first-a'))).not.toBeChecked();
});

test('items can be ticked with the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(EN);
  await checklistReady(page);
  const target = page.locator(box('first-a'));
  // From the top of the page, Tab until the first box has focus, then use
  // Space. Code editors keep Tab for indenting; Escape leaves them, as the
  // page tells keyboard users.
  let presses = 0;
  while (!(await target.evaluate((el) => el === document.activeElement)) && presses++ < 600) {
    const inEditor = await page.evaluate(() => document.activeElement?.classList.contains('cm-content') ?? false);
    await page.keyboard.press(inEditor ? 'Escape' : 'Tab');
  }
  await expect(target).toBeFocused();
  const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Space');
  await expect(target).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.locator(box('first-b'))).toBeChecked();
  await page.keyboard.press('Space');
  await expect(page.locator(box('first-b'))).not.toBeChecked();
});
