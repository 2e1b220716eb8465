import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { axeViolations, COLOUR_RULES } from './axe';
import { checklistReady, COURSE_ID, COURSE_URL, courseChapterIds, FIXTURE_URL, record } from './helpers';

/**
 * Every page of the shipped course, in both languages and both colour
 * schemes, is axe-clean; chapters and items come from its files, so new
 * chapters are checked too and edited prose breaks nothing. The search dialog
 * is engine UI, checked on the fixture course with words written into it.
 */
const chapters = readdirSync('content/en').map((f) => f.replace(/\.mdx$/, ''));
/** A chapter's first checklist item id, from its English file. */
const firstItem = (chapter: string) => /<Item id="([^"]+)"/.exec(readFileSync(`content/en/${chapter}.mdx`, 'utf8'))![1]!;
const [chapterA, chapterB] = courseChapterIds() as [string, string];

/** The DOM as markup, and where every element sits: what every axe rule but the colour ones reads. */
const domAndLayout = (page: Page) =>
  page.evaluate(
    () =>
      document.documentElement.outerHTML +
      [...document.querySelectorAll('*')]
        .map((e) => {
          const r = e.getBoundingClientRect();
          return `${r.x},${r.y},${r.width},${r.height}`;
        })
        .join(' '),
  );
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/**
 * Two tests on one page that `open` loads and prepares once: the light scheme
 * against every WCAG 2.2 A/AA rule, then the dark scheme, switched on the same
 * page, against the colour rules (COLOUR_RULES). Every other rule reads the
 * DOM and the layout, and the scheme changes neither: the site's themes are
 * CSS only (`light-dark()` values of colour properties, under `color-scheme`)
 * and no script reads the scheme. The dark test checks that before it relies
 * on it: same markup, every element in the same place, another background.
 */
function inBothSchemes(title: (scheme: 'light' | 'dark') => string, open: (page: Page) => Promise<void>): void {
  test.describe(() => {
    // The dark test reads the page the light one checked: one worker, in order.
    test.describe.configure({ mode: 'serial' });
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await browser.newPage();
      await page.emulateMedia({ colorScheme: 'light' });
      await open(page);
    });
    test.afterAll(async () => {
      await page.context().close();
    });

    test(title('light'), async () => {
      expect(await axeViolations(page)).toEqual([]);
    });

    test(title('dark'), async () => {
      const light = { dom: await domAndLayout(page), background: await background(page) };
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await background(page), 'the dark scheme took effect').not.toBe(light.background);
      expect((await domAndLayout(page)) === light.dom, 'the dark scheme changed only colours, not the DOM or the layout').toBe(true);
      expect(await axeViolations(page, COLOUR_RULES)).toEqual([]);
    });
  });
}

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
