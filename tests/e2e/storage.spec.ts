import { expect, test } from '@playwright/test';
import { checklistReady, FIXTURE_ID, FIXTURE_URL, keptAsideKey, progressKey, record } from './helpers';

/** A chapter of the fixture course (tests/fixtures/small-course). */
const EN = `${FIXTURE_URL}/en/chapters/first/`;

for (const [name, raw, reason] of [
  ['corrupt JSON', '{"version":1,"courseId":"deploy', 'The file stops part-way through'],
  ['not JSON at all', '\u0000\u0001binary?', 'it is not JSON'],
  ['another course’s record', JSON.stringify(record('rust-for-beginners', [['intro', 'a']])), 'belongs to another course ("rust-for-beginners")'],
  ['a newer version', JSON.stringify({ ...record(FIXTURE_ID, []), version: 5 }), 'newer version of Waymark (format 5)'],
] as const) {
  test(`a stored value that is ${name} never breaks a page and is kept aside`, async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/en/`);
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [progressKey(FIXTURE_ID), raw] as const);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(EN);
    await checklistReady(page);
    await page.locator('input[data-item="first-b"]').check();
    await expect(page.locator('.chapter-header wm-progress .text')).toHaveText(/^1 of/);

    await page.getByRole('link', { name: 'Your progress' }).click();
    const kept = page.getByRole('region', { name: 'Progress data kept aside' });
    await expect(kept).toBeVisible();
    await expect(kept).toContainText(reason);
    const [download] = await Promise.all([page.waitForEvent('download'), kept.getByRole('button', { name: 'Download' }).click()]);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile((await download.path())!, 'utf8')).toBe(raw);
    expect(errors).toEqual([]);

    // Only the learner discards it.
    await page.reload();
    await expect(kept).toBeVisible();
    await kept.getByRole('button', { name: 'Discard' }).click();
    await expect(kept).toBeHidden();
    await page.reload();
    await expect(kept).toBeHidden();
    expect(await page.evaluate((k) => localStorage.getItem(k), keptAsideKey(FIXTURE_ID))).toBe('[]');
  });
}

test('the Chinese progress page explains kept-aside data in Chinese', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/zh-cn/`);
  await page.evaluate((key) => localStorage.setItem(key, 'garbage'), progressKey(FIXTURE_ID));
  await page.goto(`${FIXTURE_URL}/zh-cn/progress/`);
  const kept = page.getByRole('region', { name: '暂存的进度数据' });
  await expect(kept).toContainText('内容不是 JSON 格式');
  await expect(kept.getByRole('button', { name: '下载' })).toBeVisible();
});

test('a browser that blocks storage still lets the learner read and tick, and says ticks will not last', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(EN);
  await checklistReady(page);
  await expect(page.getByRole('alert').filter({ hasText: 'is not keeping your ticks' })).toBeVisible();
  await page.locator('input[data-item="first-b"]').check();
  await expect(page.locator('.chapter-header wm-progress .text')).toHaveText(/^1 of/);
  await page.goto(`${FIXTURE_URL}/en/progress/`);
  await expect(page.getByRole('alert').filter({ hasText: 'does not allow this site to store data' })).toBeVisible();
  expect(errors).toEqual([]);
});
