import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { COURSE_URL } from './helpers';

/**
 * Every walkthrough of the course, in the browser: each step's reference
 * solution, loaded through the page's own button, passes every check. (CI
 * also runs the same solutions under CPython and Gunicorn.)
 */
const root = 'content/walkthroughs';
const walkthroughs = readdirSync(root).map(
  (id) => JSON.parse(readFileSync(join(root, id, 'walkthrough.json'), 'utf8')) as { id: string; chapter: string; steps: { id: string }[] },
);

test.describe.configure({ timeout: 240_000 });

for (const walkthrough of walkthroughs) {
  for (const lang of ['en', 'zh-cn'] as const) {
    test(`${walkthrough.id} (${lang}): every step's solution passes in the browser`, async ({ page }) => {
      await page.goto(`${COURSE_URL}/${lang}/chapters/${walkthrough.chapter}/`);
      const labels =
        lang === 'en'
          ? { solution: 'Load the reference solution', yes: 'Replace my code', run: 'Run' }
          : { solution: '载入参考答案', yes: '替换我的代码', run: '运行' };
      for (const step of walkthrough.steps) {
        const s = page.locator(`wm-step[data-key="${walkthrough.id}/${step.id}"]`);
        await s.scrollIntoViewIfNeeded();
        await s.locator('details.hint summary').click();
        await s.getByRole('button', { name: labels.solution }).click();
        await s.getByRole('button', { name: labels.yes }).click();
        await s.getByRole('button', { name: labels.run, exact: true }).click();
        await expect(s.getByRole('button', { name: labels.run, exact: true })).toBeEnabled({ timeout: 90_000 });
        await expect(s.locator('[data-checks] li.fail'), `${walkthrough.id}/${step.id}: ${await s.locator('[data-checks]').innerText()}`).toHaveCount(0);
        expect(await s.locator('[data-checks] li.pass').count()).toBeGreaterThan(0);
      }
    });
  }
}

/**
 * Every step's starter, as a learner first meets it, fails at least one
 * check, and everything the page then says about it (each failed check's
 * name and reason, the error) is in the page's language: Chinese text has
 * Han characters, English text has none.
 */
const HAN = /[\u3400-\u9fff]/;

for (const walkthrough of walkthroughs) {
  for (const lang of ['en', 'zh-cn'] as const) {
    test(`${walkthrough.id} (${lang}): every step's starter fails with reasons in the page's language`, async ({ page }) => {
      await page.goto(`${COURSE_URL}/${lang}/chapters/${walkthrough.chapter}/`);
      const run = lang === 'en' ? 'Run' : '运行';
      for (const step of walkthrough.steps) {
        const s = page.locator(`wm-step[data-key="${walkthrough.id}/${step.id}"]`);
        await s.scrollIntoViewIfNeeded();
        await s.getByRole('button', { name: run, exact: true }).click();
        await expect(s.getByRole('button', { name: run, exact: true })).toBeEnabled({ timeout: 90_000 });
        const failed = s.locator('[data-checks] li.fail');
        expect(await failed.count(), `${walkthrough.id}/${step.id}: the starter passes every check`).toBeGreaterThan(0);
        const said = [
          ...(await failed.locator('.name, .reason').allInnerTexts()),
          ...(await s.locator('[data-error]:not([hidden]) [data-error-message]').allInnerTexts()),
        ];
        for (const text of said.filter((t) => t.trim())) {
          expect(HAN.test(text), `${walkthrough.id}/${step.id} (${lang}): "${text}"`).toBe(lang === 'zh-cn');
        }
      }
    });
  }
}
