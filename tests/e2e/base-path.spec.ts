import { expect, test } from '@playwright/test';
import { SUBPATH_URL } from '../../playwright.config';

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
    .getByRole('link', { name: /平台即服务/ })
    .first()
    .click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/zh-cn/chapters/platform-as-a-service/`);
  await page.locator('input[data-item="weigh-options"]').check();
  const step = page.locator('wm-step').first();
  await step.scrollIntoViewIfNeeded();
  await expect(step).toHaveAttribute('data-editor', 'ready');
  await step.getByRole('button', { name: '运行', exact: true }).click();
  await expect(step.getByRole('button', { name: '运行', exact: true })).toBeEnabled({ timeout: 90_000 });
  await expect(step.locator('[data-checks] li')).toHaveCount(4);
  await page.getByRole('link', { name: '术语表' }).click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/zh-cn/glossary/`);
  await page.getByRole('link', { name: 'Read this page in English' }).click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/en/glossary/`);
  await page.getByRole('link', { name: 'Learning path' }).click();
  await expect(page.locator('wm-progress[data-chapter="platform-as-a-service"] .text')).toHaveText(/^1 of 9 done/);
  expect(broken).toEqual([]);
  await context.close();
});
