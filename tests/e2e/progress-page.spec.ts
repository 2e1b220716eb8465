import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { FIXTURE_ID, FIXTURE_URL, progressKey, record, storedProgress } from './helpers';

/** The progress page of the fixture course (tests/fixtures/small-course): chapters first, second, third, two items each. */
const PROGRESS = `${FIXTURE_URL}/en/progress/`;
const CH = 'first';

async function seed(page: Page, ticks: [string, string][]) {
  await page.goto(PROGRESS);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [progressKey(FIXTURE_ID), JSON.stringify(record(FIXTURE_ID, ticks))] as const);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Export progress' })).toBeEnabled();
}

function exportFile(ticks: [string, string][], at = '2026-11-21T09:00:00.000Z', extra: object = {}) {
  return JSON.stringify({ format: 'waymark-progress', exportedAt: at, ...record(FIXTURE_ID, ticks, at), ...extra });
}

async function choose(page: Page, name: string, content: string | Buffer) {
  // Playwright passes large buffers only as files on disk.
  const path = test.info().outputPath(name);
  await writeFile(path, content);
  await page.getByLabel('Progress file').setInputFiles(path);
}

test('export downloads every tick as a JSON file', async ({ page }) => {
  await seed(page, [
    [CH, 'first-b'],
    [CH, 'first-a'],
  ]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^fixture-course-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(file).toMatchObject({ format: 'waymark-progress', version: 1, courseId: FIXTURE_ID });
  expect(file.chapters[CH]['first-b'].done).toBe(true);
  expect(file.chapters[CH]['first-a'].done).toBe(true);
});

test('import previews a merge and a replace, then applies the chosen one, and can be undone', async ({ page }) => {
  await seed(page, [[CH, 'first-a']]);
  await choose(
    page,
    'progress.json',
    exportFile([
      [CH, 'first-b'],
      ['second', 'second-a'],
    ]),
  );
  const preview = page.getByRole('form', { name: 'What this import will change' });
  await expect(preview).toBeVisible();
  await expect(preview).toContainText('2 items will be ticked');
  await expect(preview).toContainText('First steps:');
  await expect(preview).toContainText('Second steps:');
  await expect(preview).not.toContainText('unticked');

  await preview.getByRole('radio', { name: /^Replace/ }).check();
  await expect(preview).toContainText('1 item will be unticked');
  await preview.getByRole('radio', { name: /^Merge/ }).check();
  await expect(preview).not.toContainText('unticked');

  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Progress imported.');
  const after = (await storedProgress(page, FIXTURE_ID)) as { chapters: Record<string, Record<string, { done: boolean }>> };
  expect(
    Object.entries(after.chapters)
      .flatMap(([chapter, items]) =>
        Object.entries(items)
          .filter(([, m]) => m.done)
          .map(([id]) => `${chapter}/${id}`),
      )
      .sort(),
  ).toEqual(['first/first-a', 'first/first-b', 'second/second-a']);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status')).toContainText('Restored your previous progress.');
  expect(await storedProgress(page, FIXTURE_ID)).toEqual(record(FIXTURE_ID, [[CH, 'first-a']]));
});

test('replace makes this browser match the file', async ({ page }) => {
  await seed(page, [[CH, 'first-a']]);
  await choose(page, 'progress.json', exportFile([[CH, 'first-b']]));
  const preview = page.getByRole('form', { name: 'What this import will change' });
  await preview.getByRole('radio', { name: /^Replace/ }).check();
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Progress imported.');
  const after = (await storedProgress(page, FIXTURE_ID)) as { chapters: Record<string, Record<string, { done: boolean }>> };
  expect(Object.keys(after.chapters[CH]!)).toEqual(['first-b']);
});

const bigFile = Buffer.alloc(50 * 1024 * 1024, 32);
for (const [name, content, message] of [
  ['not JSON', 'this is a shopping list', 'The file is not a progress file: it is not JSON.'],
  [
    'from another course',
    exportFile([[CH, 'first-b']], undefined, { courseId: 'rust-for-beginners' }),
    'The file belongs to another course ("rust-for-beginners")',
  ],
  ['of an unknown version', exportFile([[CH, 'first-b']], undefined, { version: 42 }), 'newer version of Waymark (format 42)'],
  ['truncated', exportFile([[CH, 'first-b']]).slice(0, 60), 'The file stops part-way through'],
  ['50 MB', bigFile, 'The file is 52.4 MB, far larger than any progress file'],
  ['JSON from elsewhere', '{"name":"package","version":"1.0.0"}', 'This JSON file was not exported by Waymark.'],
] as const) {
  test(`a file that is ${name} is refused with a clear message and changes nothing`, async ({ page }) => {
    await seed(page, [[CH, 'first-a']]);
    const before = await page.evaluate((k) => localStorage.getItem(k), progressKey(FIXTURE_ID));
    await choose(page, 'upload.json', content);
    const alert = page.getByRole('alert').filter({ hasText: message });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Your progress was not changed.');
    await expect(page.getByRole('form', { name: 'What this import will change' })).toBeHidden();
    expect(await page.evaluate((k) => localStorage.getItem(k), progressKey(FIXTURE_ID))).toBe(before);
  });
}

test('a bad file in Chinese gets a Chinese message', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/zh-cn/progress/`);
  await page.getByLabel('进度文件').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
  await expect(page.getByRole('alert').filter({ hasText: '这不是进度文件' })).toContainText('你的进度没有任何改动。');
});

test('reset asks first, then can be undone', async ({ page }) => {
  await seed(page, [
    [CH, 'first-a'],
    [CH, 'first-b'],
  ]);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect(page.getByText('Untick all 2 items?')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  expect(await storedProgress(page, FIXTURE_ID)).toEqual(
    record(FIXTURE_ID, [
      [CH, 'first-a'],
      [CH, 'first-b'],
    ]),
  );

  await page.getByRole('button', { name: 'Reset progress' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.getByRole('status')).toContainText('Progress reset.');
  await expect(page.locator('.page > section wm-progress .text').first()).toHaveText(/^0 of/);
  expect(await storedProgress(page, FIXTURE_ID)).toMatchObject({ chapters: {} });
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.page > section wm-progress .text').first()).toHaveText(/^2 of/);
  expect(await storedProgress(page, FIXTURE_ID)).toEqual(
    record(FIXTURE_ID, [
      [CH, 'first-a'],
      [CH, 'first-b'],
    ]),
  );
});

test('an exported file imports into a fresh browser', async ({ page, browser }) => {
  await seed(page, [[CH, 'first-b']]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  const path = test.info().outputPath('carried.json');
  await writeFile(path, await readFile((await download.path())!));
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(`${FIXTURE_URL}/zh-cn/progress/`);
  await other.getByLabel('进度文件').setInputFiles(path);
  await expect(other.getByRole('form', { name: '这次导入会带来的变化' })).toContainText('将勾选 1 项');
  await other.getByRole('button', { name: '导入', exact: true }).click();
  await other.goto(`${FIXTURE_URL}/zh-cn/chapters/${CH}/`);
  await expect(other.locator('input[data-item="first-b"]')).toBeChecked();
  await fresh.close();
});

test('on a phone, every chapter bar in the overview stays visible (the count wraps instead)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  for (const lang of ['en', 'zh-cn']) {
    await page.goto(`${FIXTURE_URL}/${lang}/progress/`);
    const widths = await page.locator('table.overview progress').evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width));
    expect(widths.length).toBeGreaterThan(0);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual(60);
  }
});
