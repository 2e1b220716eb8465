import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, test } from '@playwright/test';
import { COURSE_URL, stdlibRequests } from './helpers';

/**
 * Every walkthrough of the course, in the browser, in each language, step by
 * step as a learner meets it: the starter fails at least one check, and
 * everything the page says about that run (every check's name, each
 * failure's reason, the error) is in the page's language: Chinese text has
 * Han characters, English text has none. On the English page the step's
 * reference solution, loaded through the page's own button, then passes every
 * check without an error. No run fetches the standard library's file (the
 * snapshot has what they import). One page per language, so Python loads
 * once for its runs.
 *
 * The solution runs on one page only: whether it passes does not depend on the
 * page's language (the checks are the same Python; only the words of a failed
 * check are translated, and the starter runs show those in both languages).
 * This is the browser twin of scripts/try_walkthrough.py (which `npm run
 * check` runs for authors, in both languages); CI also runs the solutions
 * under CPython and Gunicorn (scripts/verify_walkthroughs.py).
 */
const root = 'content/walkthroughs';
const walkthroughs = readdirSync(root).map(
  (id) => JSON.parse(readFileSync(join(root, id, 'walkthrough.json'), 'utf8')) as { id: string; chapter: string; steps: { id: string }[] },
);
const HAN = /[\u3400-\u9fff]/;

/** Each check's own name, without the "— Passed" the page adds in its language. */
const checkNames = async (s: Locator) => (await s.locator('[data-checks] li .name').allInnerTexts()).map((t) => t.replace(/ — [^—]*$/, ''));

function inLanguage(texts: string[], lang: 'en' | 'zh-cn', where: string): void {
  for (const text of texts.filter((t) => t.trim())) expect(HAN.test(text), `${where} (${lang}): "${text}"`).toBe(lang === 'zh-cn');
}

test.describe.configure({ timeout: 240_000 });

for (const walkthrough of walkthroughs) {
  for (const lang of ['en', 'zh-cn'] as const) {
    test(`${walkthrough.id} (${lang}): every step's starter fails with reasons in the page's language${lang === 'en' ? ', and its solution passes' : ''}`, async ({
      page,
    }) => {
      // Python's snapshot holds every module the walkthroughs import: none of these runs needs the standard library's file.
      const stdlib = stdlibRequests(page);
      await page.goto(`${COURSE_URL}/${lang}/chapters/${walkthrough.chapter}/`);
      const labels =
        lang === 'en'
          ? { solution: 'Load the reference solution', yes: 'Replace my code', run: 'Run' }
          : { solution: '载入参考答案', yes: '替换我的代码', run: '运行' };
      for (const step of walkthrough.steps) {
        const s = page.locator(`wm-step[data-key="${walkthrough.id}/${step.id}"]`);
        await s.scrollIntoViewIfNeeded();
        // The starter, as the learner first meets it.
        await s.getByRole('button', { name: labels.run, exact: true }).click();
        await expect(s.getByRole('button', { name: labels.run, exact: true })).toBeEnabled({ timeout: 90_000 });
        const failed = s.locator('[data-checks] li.fail');
        expect(await failed.count(), `${walkthrough.id}/${step.id}: the starter passes every check`).toBeGreaterThan(0);
        inLanguage(
          [
            ...(await checkNames(s)),
            ...(await failed.locator('.reason').allInnerTexts()),
            ...(await s.locator('[data-error]:not([hidden]) [data-error-message]').allInnerTexts()),
          ],
          lang,
          `${walkthrough.id}/${step.id} starter`,
        );
        if (lang !== 'en') continue;
        // The reference solution.
        await s.locator('details.hint summary').click();
        await s.getByRole('button', { name: labels.solution }).click();
        await s.getByRole('button', { name: labels.yes }).click();
        await s.getByRole('button', { name: labels.run, exact: true }).click();
        await expect(s.getByRole('button', { name: labels.run, exact: true })).toBeEnabled({ timeout: 90_000 });
        await expect(s.locator('[data-checks] li.fail'), `${walkthrough.id}/${step.id}: ${await s.locator('[data-checks]').innerText()}`).toHaveCount(0);
        expect(await s.locator('[data-checks] li.pass').count()).toBeGreaterThan(0);
        await expect(s.locator('[data-error-message]'), `${walkthrough.id}/${step.id}: the solution raised an error`).toBeHidden();
        inLanguage(await checkNames(s), lang, `${walkthrough.id}/${step.id} solution`);
      }
      expect(stdlib, 'a run imported a module the Python snapshot lacks (add it to src/runtime/python/prelude.py)').toEqual([]);
    });
  }
}
