import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { inBothSchemes } from './axe';
import { checklistReady, FIXTURE_ID, FIXTURE_URL, progressKey, storedProgress } from './helpers';

/**
 * The fixture course's first chapter declares `renamed: { read-first: first-a }`
 * and `retired: { skim-first: … }` in both languages.
 */
const OLD_TICK = '2026-11-18T08:00:00.000Z';
const RETIRED_TICK = '2026-11-19T08:00:00.000Z';

type Stored = { chapters: Record<string, Record<string, { done: boolean; at: string }>> };

/** Stores a record written before the content changed, then opens `path`. */
async function seed(page: Page, path: string, chapters: Stored['chapters']) {
  await page.goto(`${FIXTURE_URL}/en/`);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    progressKey(FIXTURE_ID),
    JSON.stringify({ version: 1, courseId: FIXTURE_ID, chapters }),
  ] as const);
  await page.goto(`${FIXTURE_URL}${path}`);
}

test('a tick under a renamed id shows on the new item, counts in the tallies and is stored under the new id', async ({ page }) => {
  await seed(page, '/en/chapters/first/', { first: { 'read-first': { done: true, at: OLD_TICK } } });
  await checklistReady(page);
  await expect(page.getByLabel('Read fixture chapter 1.')).toBeChecked();
  await expect(page.getByLabel('Tick the second item of chapter 1.')).not.toBeChecked();
  await expect(page.locator('.chapter-header wm-progress .text')).toHaveText('1 of 2 done · 1 step left');

  await page.goto(`${FIXTURE_URL}/zh-cn/`);
  await expect(page.locator('.course-progress wm-progress .text')).toHaveText(/^已完成 1 \/ 6/);
  await page.goto(`${FIXTURE_URL}/en/progress/`);
  await expect(page.locator('wm-progress[data-chapter="first"] .text')).toHaveText('1 of 2 done · 1 step left');
  // A rename is not a removal.
  await expect(page.getByRole('heading', { name: 'Retired items' })).toBeHidden();

  await page.goto(`${FIXTURE_URL}/en/chapters/second/`);
  await checklistReady(page);
  await page.getByLabel('Read fixture chapter 2.').check();
  const stored = (await storedProgress(page, FIXTURE_ID)) as Stored;
  expect(stored.chapters.first).toEqual({ 'first-a': { done: true, at: OLD_TICK } });
});

for (const [lang, heading, item, chapter, ticked, goneItem] of [
  ['en', 'Retired items', 'Skim fixture chapter 1 (removed).', 'First steps', /ticked Nov 19, 2026/, 'old-item'],
  ['zh-cn', '已下线的条目', '略读测试章节 1（已移除）。', '第一步', /2026年11月19日 勾选/, 'old-item'],
] as const) {
  test(`ticks of removed items are kept and listed under ${heading} (${lang}), through ticking and reload`, async ({ page }) => {
    await seed(page, `/${lang}/progress/`, {
      first: { 'skim-first': { done: true, at: RETIRED_TICK }, 'first-b': { done: true, at: RETIRED_TICK } },
      'gone-chapter': { [goneItem]: { done: true, at: RETIRED_TICK }, unticked: { done: false, at: RETIRED_TICK } },
    });
    const section = page.getByRole('region', { name: heading });
    await expect(section).toBeVisible();
    const entries = section.getByRole('listitem');
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(0)).toContainText(item);
    await expect(entries.nth(0)).toContainText(chapter);
    await expect(entries.nth(0)).toContainText(ticked);
    // A removed chapter is named by its id; an item without a declared text by its id.
    await expect(entries.nth(1)).toContainText(goneItem);
    await expect(entries.nth(1)).toContainText('gone-chapter');
    await expect(page.locator('wm-progress[data-chapter="first"] .text')).toHaveText(lang === 'en' ? '1 of 2 done · 1 step left' : /^已完成 1 \/ 2/);

    await page.goto(`${FIXTURE_URL}/${lang}/chapters/first/`);
    await checklistReady(page);
    await page.locator('wm-checklist input[type="checkbox"]').first().check();
    await page.reload();
    await checklistReady(page);
    await expect(page.locator('wm-checklist input[type="checkbox"]').first()).toBeChecked();

    await page.goto(`${FIXTURE_URL}/${lang}/progress/`);
    await expect(page.getByRole('region', { name: heading }).getByRole('listitem')).toHaveCount(2);
    const stored = (await storedProgress(page, FIXTURE_ID)) as Stored;
    expect(stored.chapters.first!['skim-first']).toEqual({ done: true, at: RETIRED_TICK });
    expect(stored.chapters['gone-chapter']![goneItem]).toEqual({ done: true, at: RETIRED_TICK });
  });
}

test('an imported file with a tick under a renamed id ticks the new item', async ({ page }) => {
  await seed(page, '/en/progress/', {});
  const file = test.info().outputPath('old-progress.json');
  await writeFile(
    file,
    JSON.stringify({
      format: 'waymark-progress',
      version: 1,
      courseId: FIXTURE_ID,
      exportedAt: OLD_TICK,
      chapters: { first: { 'read-first': { done: true, at: OLD_TICK } } },
    }),
  );
  await expect(page.getByRole('button', { name: 'Export progress' })).toBeEnabled();
  await page.getByLabel('Progress file').setInputFiles(file);
  const preview = page.getByRole('form', { name: 'What this import will change' });
  await expect(preview).toContainText('with 1 ticked item.');
  // The preview names the item as it is now, not by its old id.
  await expect(preview.getByRole('listitem')).toHaveText(['First steps: Read fixture chapter 1.']);
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('wm-progress[data-chapter="first"] .text')).toHaveText('1 of 2 done · 1 step left');
  const stored = (await storedProgress(page, FIXTURE_ID)) as Stored;
  expect(stored.chapters.first).toEqual({ 'first-a': { done: true, at: OLD_TICK } });
});

test('reset and undo bring retired ticks back', async ({ page }) => {
  await seed(page, '/en/progress/', { first: { 'skim-first': { done: true, at: RETIRED_TICK } } });
  const section = page.getByRole('region', { name: 'Retired items' });
  await expect(section.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(section).toBeHidden();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(section.getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Retired items' }).getByRole('listitem')).toHaveCount(1);
});

for (const lang of ['en', 'zh-cn'] as const) {
  inBothSchemes(
    (scheme) => `the progress page with retired items (${lang}, ${scheme}) has no WCAG 2.2 A/AA violations`,
    async (page) => {
      await seed(page, `/${lang}/progress/`, {
        first: { 'skim-first': { done: true, at: RETIRED_TICK } },
        gone: { 'old-item': { done: true, at: RETIRED_TICK } },
      });
      await expect(page.locator('wm-retired-items li')).toHaveCount(2);
    },
  );
}

test('the class dashboard counts a tick under a renamed id for the new item, and retired ticks nowhere', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const upload = (name: string, learner: string, exportedAt: string, chapters: Stored['chapters']) => ({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'waymark-progress', version: 1, courseId: FIXTURE_ID, exportedAt, learner, chapters })),
  });
  const LATER = '2026-11-21T08:00:00.000Z';
  await page.goto(`${FIXTURE_URL}/en/dashboard/`);
  await expect(page.locator('input[type="file"]')).toBeEnabled();
  await page.getByLabel('Progress files').setInputFiles([
    // Exported before the rename, then again after it: the same learner, not behind and not a clash.
    upload('ann-before.json', 'Ann', '2026-11-18T09:00:00.000Z', { first: { 'read-first': { done: true, at: OLD_TICK } } }),
    upload('ann-after.json', 'Ann', LATER, { first: { 'first-a': { done: true, at: OLD_TICK } }, second: { 'second-a': { done: true, at: LATER } } }),
    // Retired ticks, later than the rest, count in no column and not as the last activity.
    upload('cy.json', 'Cy', LATER, {
      first: { 'read-first': { done: true, at: OLD_TICK }, 'skim-first': { done: true, at: RETIRED_TICK } },
      'gone-chapter': { 'old-item': { done: true, at: LATER } },
    }),
  ]);
  await expect(page.getByRole('status')).toHaveText('2 learners from 3 files; 1 file not used');
  const cells = (learner: string) => page.getByRole('row', { name: new RegExp(`^${learner}`) }).getByRole('cell');
  await expect(cells('Ann').nth(0)).toHaveAccessibleName('1 of 2 done');
  await expect(cells('Ann').nth(1)).toHaveAccessibleName('1 of 2 done');
  await expect(cells('Ann').nth(3)).toHaveAccessibleName('2 of 6 done');
  await expect(cells('Cy').nth(0)).toHaveAccessibleName('1 of 2 done');
  await expect(cells('Cy').nth(3)).toHaveAccessibleName('1 of 6 done');
  await expect(cells('Cy').nth(4).locator('time')).toHaveAttribute('datetime', OLD_TICK);
  await expect(page.getByRole('region', { name: 'Files to check' }).getByRole('listitem')).toHaveText([/^ann-before\.json: .*Ann.*ann-after\.json/]);
  expect(errors).toEqual([]);
});
