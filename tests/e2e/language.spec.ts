import { expect, test } from '@playwright/test';
import { FIXTURE_URL } from './helpers';

test.describe('site root', () => {
  for (const [locale, expected] of [
    ['zh-CN', '/zh-cn/'],
    ['zh-TW', '/zh-cn/'],
    ['en-US', '/en/'],
    ['fr-FR', '/en/'],
  ] as const) {
    test(`a browser preferring ${locale} lands on ${expected}`, async ({ browser }) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(`${FIXTURE_URL}/`);
      await expect(page).toHaveURL(`${FIXTURE_URL}${expected}`);
      await context.close();
    });
  }

  test('an explicit language choice wins over the browser language', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${FIXTURE_URL}/en/`);
    await page.getByRole('link', { name: '用简体中文阅读本页' }).click();
    await expect(page).toHaveURL(`${FIXTURE_URL}/zh-cn/`);
    await page.goto(`${FIXTURE_URL}/`);
    await expect(page).toHaveURL(`${FIXTURE_URL}/zh-cn/`);
    await context.close();
  });
});

test.describe('language switch', () => {
  for (const path of ['', 'chapters/second/', 'progress/']) {
    test(`keeps the page: /en/${path} ⇄ /zh-cn/${path}`, async ({ page }) => {
      await page.goto(`${FIXTURE_URL}/en/${path}`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      // The switch names the target language in that language.
      await page.getByRole('link', { name: '用简体中文阅读本页' }).click();
      await expect(page).toHaveURL(`${FIXTURE_URL}/zh-cn/${path}`);
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await page.getByRole('link', { name: 'Read this page in English' }).click();
      await expect(page).toHaveURL(`${FIXTURE_URL}/en/${path}`);
    });
  }

  test('every page declares its language and its alternates', async ({ page }) => {
    await page.goto(`${FIXTURE_URL}/zh-cn/chapters/second/`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', '/en/chapters/second/');
    await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute('href', '/zh-cn/chapters/second/');
    await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute('href', '/');
  });
});
