import { expect, test } from '@playwright/test';
import { SUBPATH_URL } from '../../playwright.config';
import { fixtureItemCount, stepCheckCount, walkthroughStep } from './helpers';

/** The sub-path build (dist-base) is the fixture course's, built with WAYMARK_BASE=/course/. */
test.describe.configure({ timeout: 120_000 });

test('under a sub-path, links, assets, ticks and the Python runtime all work', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const broken: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) broken.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${SUBPATH_URL}/`);
  await expect(page).toHaveURL(`${SUBPATH_URL}/zh-cn/`);
  await page
    .getByRole('link', { name: /第三步/ })
    .first()
    .click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/zh-cn/chapters/third/`);
  await page.locator('input[data-item="third-a"]').check();
  const step = await walkthroughStep(page, 'say-hello');
  await step.getByRole('button', { name: '运行', exact: true }).click();
  await expect(step.getByRole('button', { name: '运行', exact: true })).toBeEnabled({ timeout: 90_000 });
  await expect(step.locator('[data-checks] li')).toHaveCount(stepCheckCount('fixture-deploy', 'say-hello'));
  await page.getByRole('link', { name: '术语表' }).click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/zh-cn/glossary/`);
  await page.getByRole('link', { name: 'Read this page in English' }).click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/en/glossary/`);
  await page.getByRole('link', { name: 'Learning path' }).click();
  await expect(page.locator('wm-progress[data-chapter="third"] .text')).toHaveText(new RegExp(`^1 of ${fixtureItemCount('third')} done`));
  expect(broken).toEqual([]);
  await context.close();
});
