import { expect, test } from '@playwright/test';
import { checklistReady, COURSE_ID, COURSE_URL, storedProgress } from './helpers';

const EN = `${COURSE_URL}/en/chapters/platform-as-a-service/`;
const ZH = `${COURSE_URL}/zh-cn/chapters/platform-as-a-service/`;
const box = (id: string) => `input[data-item="${id}"]`;

test('a tick survives a reload, can be undone, and shows in the chapter header at once', async ({ page }) => {
  await page.goto(EN);
  await checklistReady(page);
  const meter = page.locator('.chapter-header wm-progress .text');
  await expect(meter).toHaveText(/^0 of \d+ done/);
  await page.locator(box('weigh-options')).check();
  await expect(meter).toHaveText(/^1 of \d+ done/);
  await page.reload();
  await checklistReady(page);
  await expect(page.locator(box('weigh-options'))).toBeChecked();
  await page.locator(box('weigh-options')).uncheck();
  await expect(meter).toHaveText(/^0 of \d+ done/);
  await page.reload();
  await checklistReady(page);
  await expect(page.locator(box('weigh-options'))).not.toBeChecked();
  expect(await storedProgress(page, COURSE_ID)).toMatchObject({
    version: 1,
    courseId: COURSE_ID,
    chapters: { 'platform-as-a-service': { 'weigh-options': { done: false } } },
  });
});

test('ticks made in English show on the Chinese page and back', async ({ page }) => {
  await page.goto(EN);
  await checklistReady(page);
  await page.locator(box('deploy-app')).check();
  await page.getByRole('link', { name: '用简体中文阅读本页' }).click();
  await expect(page).toHaveURL(ZH);
  await checklistReady(page);
  await expect(page.locator(box('deploy-app'))).toBeChecked();
  await expect(page.locator('.chapter-header wm-progress .text')).toHaveText(/^已完成 1 \/ \d+/);
  await page.locator(box('verify-deploy')).check();
  await page.getByRole('link', { name: 'Read this page in English' }).click();
  await checklistReady(page);
  await expect(page.locator(box('verify-deploy'))).toBeChecked();
});

test('another open tab follows without a reload', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(EN);
  await second.goto(`${COURSE_URL}/zh-cn/`);
  await checklistReady(first);
  const secondMeter = second.locator('ol.chapters wm-progress[data-chapter="platform-as-a-service"] .text');
  await expect(secondMeter).toHaveText(/^已完成 0 \//);
  await first.locator(box('create-account')).check();
  await expect(secondMeter).toHaveText(/^已完成 1 \//);
  await second.goto(ZH);
  await checklistReady(second);
  await first.locator(box('add-config-files')).check();
  await expect(second.locator(box('add-config-files'))).toBeChecked();
  await second.locator(box('add-config-files')).uncheck();
  await expect(first.locator(box('add-config-files'))).not.toBeChecked();
});

test('items can be ticked with the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(EN);
  await checklistReady(page);
  const target = page.locator(box('weigh-options'));
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
  await expect(page.locator(box('create-account'))).toBeChecked();
  await page.keyboard.press('Space');
  await expect(page.locator(box('create-account'))).not.toBeChecked();
});
