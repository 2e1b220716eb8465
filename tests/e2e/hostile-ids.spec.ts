import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { fileJson, HOSTILE_IDS, passesIdRule, recordJson, type RawMark } from '../unit/hostile-ids';
import { checklistReady, FIXTURE_ID, FIXTURE_URL, keptAsideKey, progressKey } from './helpers';

/**
 * Chapter and item ids that every plain object inherits (`constructor`,
 * `__proto__`, …), arriving through each way outside data enters a page: an
 * imported file, a share link, the class dashboard and a value in storage.
 * The page never throws, shows what the data holds and loses none of it.
 * Runs on the fixture course, whose first chapter renamed `read-first` to
 * `first-a`, so the rename path runs too.
 */
const T = '2026-11-20T08:00:00.000Z';

/** Marks under the id as a chapter and as an item, a renamed tick and a current one. */
const marksWith = (id: string): RawMark[] => [
  [id, 'prototype', true, T],
  [id, id, true, T],
  ['first', id, true, T],
  ['first', 'read-first', true, T],
  ['first', 'first-b', true, T],
];

/** The marks under ids the course does not have, by key: what the progress page lists as retired. */
const retiredKeys = (id: string) => [...new Set([`${id}/prototype`, `${id}/${id}`, `first/${id}`])];

type Stored = { chapters: Record<string, Record<string, { done: boolean; at: string }>> };

/** Every `chapter/item` key of the stored record; `JSON.parse` makes even `__proto__` a key of its own. */
async function storedKeys(page: Page): Promise<string[]> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), progressKey(FIXTURE_ID));
  const { chapters } = JSON.parse(raw ?? '{"chapters":{}}') as Stored;
  return Object.keys(chapters)
    .flatMap((chapter) => Object.keys(chapters[chapter]!).map((item) => `${chapter}/${item}`))
    .sort();
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function seed(page: Page, raw: string, path: string) {
  await page.goto(`${FIXTURE_URL}/en/`);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [progressKey(FIXTURE_ID), raw] as const);
  await page.goto(`${FIXTURE_URL}${path}`);
}

const preview = (page: Page) => page.getByRole('form', { name: 'What this import will change' });
const retired = (page: Page) => page.getByRole('region', { name: 'Retired items' }).getByRole('listitem');

/** A share link made the way a learner makes one, in a browser of its own, with third/third-a ticked. */
async function shareLink(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${FIXTURE_URL}/en/chapters/third/`);
  await checklistReady(page);
  await page.getByLabel('Read fixture chapter 3.').check();
  await page.goto(`${FIXTURE_URL}/en/progress/`);
  await page.getByRole('button', { name: 'Make a share link' }).click();
  const field = page.getByRole('textbox', { name: 'Share link with your current progress' });
  await expect(field).toHaveValue(/#share=[A-Za-z0-9_-]+$/);
  const link = await field.inputValue();
  await context.close();
  return link;
}

for (const id of HOSTILE_IDS) {
  test.describe(`the id "${id}" as a chapter and an item id`, () => {
    test('in an imported file: previewed, imported, nothing lost', async ({ page }) => {
      const errors = watchErrors(page);
      await seed(page, recordJson(FIXTURE_ID, [['second', 'second-a', true, T]]), '/en/progress/');
      await expect(page.getByRole('button', { name: 'Export progress' })).toBeEnabled();
      const file = test.info().outputPath(`${id}.json`);
      await writeFile(file, fileJson(FIXTURE_ID, marksWith(id)));
      await page.getByLabel('Progress file').setInputFiles(file);

      if (!passesIdRule(id)) {
        await expect(page.getByText(`The file is damaged: the entry at "chapters.${id}" is not valid. Your progress was not changed.`)).toBeVisible();
        await expect(preview(page)).toBeHidden();
        expect(await storedKeys(page)).toEqual(['second/second-a']);
        expect(errors).toEqual([]);
        return;
      }
      const form = preview(page);
      const ticked = retiredKeys(id).length + 2;
      await expect(form).toContainText(`with ${ticked} ticked items.`);
      const listed = [
        'First steps: Read fixture chapter 1.',
        'First steps: Tick the second item of chapter 1.',
        `First steps: ${id}`,
        `${id}: prototype`,
        `${id}: ${id}`,
      ];
      await expect(form.getByRole('listitem')).toHaveCount(ticked);
      expect((await form.getByRole('listitem').allTextContents()).sort()).toEqual([...new Set(listed)].sort());
      await form.getByRole('button', { name: 'Import' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Progress imported.' })).toBeVisible();
      await expect(page.locator('wm-progress[data-chapter="first"] .text')).toHaveText(/^2 of 2 done/);
      await expect(retired(page)).toHaveCount(retiredKeys(id).length);
      await expect(retired(page).filter({ hasText: 'native code' })).toHaveCount(0);
      expect(await storedKeys(page)).toEqual([...retiredKeys(id), 'first/first-a', 'first/first-b', 'second/second-a'].sort());
      expect(errors).toEqual([]);
    });

    test('in the stored progress, with a share link opened on top: previewed, merged, nothing lost', async ({ page, browser }) => {
      const link = await shareLink(browser);
      const errors = watchErrors(page);
      const raw = recordJson(FIXTURE_ID, marksWith(id));
      await seed(page, raw, '/en/');
      await page.goto(link);
      const form = preview(page);
      await expect(form).toContainText('From a share link, with 1 ticked item');
      await expect(form.getByRole('listitem')).toHaveText(['Third steps: Read fixture chapter 3.']);
      await form.getByRole('button', { name: 'Import' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Progress imported.' })).toBeVisible();
      await expect(page.locator('wm-progress[data-chapter="third"] .text')).toHaveText(/^1 of 2 done/);

      if (!passesIdRule(id)) {
        // A record no Waymark could have written is kept aside as it was, never lost.
        await expect(page.getByRole('region', { name: 'Progress data kept aside' })).toContainText(`the entry at "chapters.${id}" is not valid`);
        expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), keptAsideKey(FIXTURE_ID)))!).map((e: { raw: string }) => e.raw)).toEqual([raw]);
        expect(await storedKeys(page)).toEqual(['third/third-a']);
      } else {
        await expect(page.locator('wm-progress[data-chapter="first"] .text')).toHaveText(/^2 of 2 done/);
        await expect(retired(page)).toHaveCount(retiredKeys(id).length);
        expect(await storedKeys(page)).toEqual([...retiredKeys(id), 'first/first-a', 'first/first-b', 'third/third-a'].sort());
      }
      expect(errors).toEqual([]);
    });

    test('in a file on the class dashboard: counted by the course’s items only', async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(`${FIXTURE_URL}/en/dashboard/`);
      await expect(page.locator('input[type="file"]')).toBeEnabled();
      await page.getByLabel('Progress files').setInputFiles([
        { name: 'ann.json', mimeType: 'application/json', buffer: Buffer.from(fileJson(FIXTURE_ID, marksWith(id), { learner: 'Ann' })) },
        { name: 'bo.json', mimeType: 'application/json', buffer: Buffer.from(fileJson(FIXTURE_ID, [['second', 'second-a', true, T]], { learner: 'Bo' })) },
      ]);
      if (!passesIdRule(id)) {
        await expect(page.getByRole('status')).toHaveText('1 learner from 2 files; 1 file not used');
        await expect(page.getByRole('region', { name: 'Files to check' }).getByRole('listitem')).toHaveText([
          `ann.json: Damaged: the entry at “chapters.${id}” is not valid.`,
        ]);
      } else {
        await expect(page.getByRole('status')).toHaveText('2 learners from 2 files');
        const cells = page.getByRole('row', { name: /^Ann/ }).getByRole('cell');
        await expect(cells.nth(0)).toHaveAccessibleName('2 of 2 done');
        await expect(cells.nth(3)).toHaveAccessibleName('2 of 6 done');
        await expect(page.getByRole('row', { name: /^Bo/ }).getByRole('cell').nth(1)).toHaveAccessibleName('1 of 2 done');
      }
      expect(errors).toEqual([]);
    });

    test('in the stored progress: every page works, ticking keeps every mark', async ({ page }) => {
      const errors = watchErrors(page);
      const raw = recordJson(FIXTURE_ID, marksWith(id));
      await seed(page, raw, '/en/chapters/second/');
      await checklistReady(page);
      await page.getByLabel('Read fixture chapter 2.').check();
      if (!passesIdRule(id)) {
        await page.goto(`${FIXTURE_URL}/en/progress/`);
        const kept = page.getByRole('region', { name: 'Progress data kept aside' });
        await expect(kept).toContainText(`the entry at "chapters.${id}" is not valid`);
        const [download] = await Promise.all([page.waitForEvent('download'), kept.getByRole('button', { name: 'Download' }).click()]);
        expect(await readFile((await download.path())!, 'utf8')).toBe(raw);
        expect(await storedKeys(page)).toEqual(['second/second-a']);
        expect(errors).toEqual([]);
        return;
      }
      await page.goto(`${FIXTURE_URL}/en/chapters/first/`);
      await checklistReady(page);
      await expect(page.getByLabel('Read fixture chapter 1.')).toBeChecked();
      await expect(page.getByLabel('Tick the second item of chapter 1.')).toBeChecked();
      await page.goto(`${FIXTURE_URL}/en/progress/`);
      await expect(retired(page)).toHaveCount(retiredKeys(id).length);
      await expect(page.getByRole('region', { name: 'Progress data kept aside' })).toBeHidden();
      const stored = (await page.evaluate((k) => localStorage.getItem(k), progressKey(FIXTURE_ID)))!;
      expect((JSON.parse(stored) as Stored).chapters.first).toMatchObject({ 'first-a': { done: true, at: T } });
      expect(await storedKeys(page)).toEqual([...retiredKeys(id), 'first/first-a', 'first/first-b', 'second/second-a'].sort());
      await page.goto(`${FIXTURE_URL}/en/`);
      await expect(page.locator('.course-progress wm-progress .text')).toHaveText(/^3 of 6 done/);
      expect(errors).toEqual([]);
    });
  });
}
