import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { checklistReady, COURSE_URL, courseChapterIds, FIXTURE_URL } from './helpers';

test('lists the chapters in order, each with its summary and progress', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/en/`);
  const chapters = page.locator('ol.chapters > li');
  await expect(chapters).toHaveCount(3);
  await expect(chapters.locator('.title')).toHaveText(['First steps', 'Second steps', 'Third steps']);
  await expect(chapters.nth(1)).toContainText('Fixture chapter 2, used by the end-to-end tests.');
  await expect(chapters.nth(0).locator('wm-progress .text')).toHaveText('0 of 2 done · 2 steps left');
  await expect(page.locator('.course-progress wm-progress .text')).toHaveText('0 of 6 done · 6 steps left');
});

test('progress and the continue link follow the ticks', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/en/`);
  await expect(page.getByRole('link', { name: 'Start with First steps →' })).toHaveAttribute('href', '/en/chapters/first/');

  await page.goto(`${FIXTURE_URL}/en/chapters/first/`);
  await checklistReady(page);
  await page.getByLabel('Read fixture chapter 1.').check();
  await page.goto(`${FIXTURE_URL}/en/`);
  await expect(page.locator('ol.chapters > li').nth(0).locator('wm-progress .text')).toHaveText('1 of 2 done · 1 step left');
  await expect(page.locator('.course-progress wm-progress .text')).toHaveText('1 of 6 done · 5 steps left');
  await expect(page.locator('.course-progress progress')).toHaveAttribute('value', '1');
  await expect(page.getByRole('link', { name: 'Continue with First steps →' })).toHaveAttribute('href', '/en/chapters/first/');

  await page.goto(`${FIXTURE_URL}/en/chapters/first/`);
  await checklistReady(page);
  await page.getByLabel('Tick the second item of chapter 1.').check();
  await page.goto(`${FIXTURE_URL}/en/`);
  await expect(page.getByRole('link', { name: 'Continue with Second steps →' })).toHaveAttribute('href', '/en/chapters/second/');
  await expect(page.locator('ol.chapters > li').nth(0).locator('wm-progress .text')).toHaveText('2 of 2 done · All done');
});

test('says so when every checklist is done', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/zh-cn/`);
  await page.evaluate(() => {
    const chapters: Record<string, Record<string, { done: boolean; at: string }>> = {};
    for (const c of ['first', 'second', 'third']) {
      chapters[c] = { [`${c}-a`]: { done: true, at: '2026-11-20T08:00:00Z' }, [`${c}-b`]: { done: true, at: '2026-11-20T08:00:00Z' } };
    }
    localStorage.setItem('waymark:fixture-course:progress:v1', JSON.stringify({ version: 1, courseId: 'fixture-course', chapters }));
  });
  await page.reload();
  await expect(page.locator('.course-progress wm-progress .text')).toHaveText('已完成 6 / 6 · 全部完成');
  await expect(page.getByRole('link', { name: '所有清单都已完成。回顾一下：第一步' })).toBeVisible();
});

/** The shipped course's config and a chapter's title in one language, read from its files so the test follows the course. */
const courseConfig = JSON.parse(readFileSync('content/course.json', 'utf8')) as {
  title: Record<'en' | 'zh-cn', string>;
  path: ({ title: { en: string }; chapters: string[] } | string)[];
};
const chapterTitle = (lang: string, id: string) => /^title:\s*(.+)$/m.exec(readFileSync(`content/${lang}/${id}.mdx`, 'utf8'))![1]!.trim();

test('the real course lists its chapters', async ({ page }) => {
  for (const lang of ['en', 'zh-cn'] as const) {
    await page.goto(`${COURSE_URL}/${lang}/`);
    await expect(page.getByRole('heading', { level: 1, name: courseConfig.title[lang] })).toBeVisible();
    await expect(page.locator('ol.chapters > li .title')).toHaveText(courseChapterIds().map((id) => chapterTitle(lang, id)));
    for (const [i, id] of courseChapterIds().entries()) {
      const link = page
        .locator('ol.chapters > li')
        .nth(i)
        .getByRole('link', { name: chapterTitle(lang, id) });
      await expect(link.first()).toHaveAttribute('href', `/${lang}/chapters/${id}/`);
    }
  }
});

test('groups chapters into the sections course.json declares, numbering across them', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/zh-cn/`);
  const basics = page.getByRole('region', { name: '基础' });
  await expect(basics.getByRole('heading', { level: 2 })).toHaveText('基础');
  await expect(basics.locator('.title')).toHaveText(['第一步', '第二步']);
  // "third" is listed outside any section: it follows, untitled, and is still number 3.
  const loose = page.locator('[data-section=""]');
  await expect(loose.locator('.title')).toHaveText(['第三步']);
  await expect(loose.locator('.number')).toHaveText('3');

  await page.goto(`${COURSE_URL}/en/`);
  const sections = courseConfig.path.flatMap((e) => (typeof e === 'string' ? [] : [e]));
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(sections.map((s) => s.title.en));
  for (const section of sections) {
    await expect(page.getByRole('region', { name: section.title.en }).locator('.title')).toHaveText(section.chapters.map((id) => chapterTitle('en', id)));
  }
});
