import { readdirSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { inBothSchemes } from './axe';
import { checklistReady, COURSE_ID, COURSE_URL, courseChapterIds, FIXTURE_URL, record } from './helpers';

/**
 * Every page of the shipped course, in both languages and both colour
 * schemes, is axe-clean; chapters and items come from its files, so new
 * chapters are checked too and edited prose breaks nothing. The search dialog
 * is engine UI, checked on the fixture course with words written into it.
 * Each page is opened once for its two tests, light then dark (inBothSchemes).
 */
const chapters = readdirSync('content/en').map((f) => f.replace(/\.mdx$/, ''));
/** A chapter's first checklist item id, from its English file. */
const firstItem = (chapter: string) => /<Item id="([^"]+)"/.exec(readFileSync(`content/en/${chapter}.mdx`, 'utf8'))![1]!;
const [chapterA, chapterB] = courseChapterIds() as [string, string];

const pages = [
  ['learning path', ''],
  ...chapters.map((slug) => [`chapter ${slug}`, `chapters/${slug}/`] as const),
  ['progress', 'progress/'],
  ['glossary', 'glossary/'],
  ['class progress', 'dashboard/'],
  ['printable checklists', 'checklists/'],
  [`printable checklist ${chapters[0]}`, `checklists/${chapters[0]}/`],
  ['offline', 'offline/'],
] as const;

for (const lang of ['en', 'zh-cn'] as const) {
  for (const [name, path] of pages) {
    inBothSchemes(
      (scheme) => `${name} page (${lang}, ${scheme}) has no WCAG 2.2 A/AA violations`,
      async (page) => {
        await page.goto(`${COURSE_URL}/${lang}/${path}`);
        if (name.startsWith('chapter')) {
          await checklistReady(page);
          await page.locator('input[data-item]').first().check();
        }
      },
    );
  }
}

// The class dashboard with data: a table, a sorted column and a list of problems.
const dashboardFiles = [
  [
    'ann.json',
    JSON.stringify({
      format: 'waymark-progress',
      exportedAt: '2026-11-21T09:00:00.000Z',
      learner: 'Ann Lee',
      ...record(COURSE_ID, [[chapterA, firstItem(chapterA)]]),
    }),
  ],
  [
    'li.json',
    JSON.stringify({
      format: 'waymark-progress',
      exportedAt: '2026-11-21T09:00:00.000Z',
      learner: '李娜',
      ...record(COURSE_ID, [[chapterB, firstItem(chapterB)]]),
    }),
  ],
  ['notes.json', 'not json'],
] as const;
for (const lang of ['en', 'zh-cn'] as const) {
  inBothSchemes(
    (scheme) => `class progress page with files (${lang}, ${scheme}) has no WCAG 2.2 A/AA violations`,
    async (page) => {
      await page.goto(`${COURSE_URL}/${lang}/dashboard/`);
      const input = page.locator('wm-class-dashboard input[type="file"]');
      await expect(input).toBeEnabled();
      await input.setInputFiles(dashboardFiles.map(([name, text]) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) })));
      await expect(page.locator('wm-class-dashboard tbody tr')).toHaveCount(2);
      await page.locator('wm-class-dashboard th[data-sort="total"] button').click();
    },
  );
}

for (const [lang, query] of [
  ['en', 'front gateway'],
  ['zh-cn', '前端网关'],
] as const) {
  inBothSchemes(
    (scheme) => `open search dialog with results (${lang}, ${scheme}) has no WCAG 2.2 A/AA violations`,
    async (page) => {
      await page.goto(`${FIXTURE_URL}/${lang}/chapters/first/`);
      await page.locator('body').press('/');
      const dialog = page.locator('dialog.search-dialog');
      await dialog.getByRole('combobox').fill(query);
      await expect(dialog.getByRole('option').first()).toBeVisible();
      await dialog.getByRole('combobox').press('ArrowDown');
    },
  );
}
