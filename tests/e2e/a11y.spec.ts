import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { checklistReady, COURSE_URL } from './helpers';

import { readdirSync } from 'node:fs';

const chapters = readdirSync('content/en').map((f) => f.replace(/\.mdx$/, ''));
const pages = [
  ['learning path', ''],
  ...chapters.map((slug) => [`chapter ${slug}`, `chapters/${slug}/`] as const),
  ['progress', 'progress/'],
  ['glossary', 'glossary/'],
  ['offline', 'offline/'],
] as const;

for (const lang of ['en', 'zh-cn'] as const) {
  for (const [name, path] of pages) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`${name} page (${lang}, ${scheme}) has no WCAG 2.2 A/AA violations`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${COURSE_URL}/${lang}/${path}`);
        if (name.startsWith('chapter')) {
          await checklistReady(page);
          await page.locator('input[data-item]').first().check();
        }
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
          .analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
      });
    }
  }
}
