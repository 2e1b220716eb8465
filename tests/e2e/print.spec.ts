import { expect, test, type Page } from '@playwright/test';
import { COURSE_URL, courseChapterIds, courseItemCount, FIXTURE_DIR, FIXTURE_ID, FIXTURE_URL, fixtureItemCount, progressKey, record } from './helpers';

/** Print views are engine pages: they are tested on the fixture course, except the no-JavaScript sheet of every shipped item. */
const CH = 'first';

async function seed(page: Page) {
  await page.goto(`${FIXTURE_URL}/en/`);
  await page.evaluate(
    ([key, value, learnerKey]) => {
      localStorage.setItem(key, value);
      localStorage.setItem(learnerKey, '"Ada Lovelace"');
    },
    [
      progressKey(FIXTURE_ID),
      JSON.stringify(
        record(FIXTURE_ID, [
          [CH, 'first-b'],
          ['third', 'third-a'],
        ]),
      ),
      `waymark:${FIXTURE_ID}:learner`,
    ] as const,
  );
}

const views = [
  ['en', 'chapter', `checklists/${CH}/`, 'Checklist: First steps', 1, 'Print'],
  ['zh-cn', 'chapter', `checklists/${CH}/`, '学习清单：第一步', 1, '打印'],
  ['en', 'whole course', 'checklists/', 'Checklists', courseChapterIds(FIXTURE_DIR).length, 'Print'],
  ['zh-cn', 'whole course', 'checklists/', '学习清单', courseChapterIds(FIXTURE_DIR).length, '打印'],
] as const;

for (const [lang, name, path, title, sheets, button] of views) {
  test(`print view of the ${name} (${lang}): ticks shown, site chrome hidden, prints to PDF`, async ({ page }) => {
    await seed(page);
    await page.goto(`${FIXTURE_URL}/${lang}/${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('section[data-chapter]')).toHaveCount(sheets);
    const done = page.locator(`[data-chapter="${CH}"] li[data-item="first-b"]`);
    await expect(done).toHaveAttribute('data-done', '');
    await expect(page.locator(`[data-chapter="${CH}"] li[data-item="first-a"]`)).not.toHaveAttribute('data-done');
    await expect(page.locator(`[data-chapter="${CH}"] [data-summary]`)).toHaveText(
      lang === 'en' ? `1 of ${fixtureItemCount(CH)} done` : `已完成 1 / ${fixtureItemCount(CH)}`,
    );
    await expect(page.getByText(lang === 'en' ? 'Name: Ada Lovelace' : '姓名：Ada Lovelace')).toBeVisible();
    const chapterUrl = `${FIXTURE_URL}/${lang}/chapters/${CH}/`;
    await expect(page.locator(`[data-chapter="${CH}"] a[data-url]`)).toHaveText(chapterUrl);

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.site')).toBeHidden();
    await expect(page.locator('footer.site')).toBeHidden();
    await expect(page.getByRole('button', { name: button, exact: true })).toBeHidden();
    await expect(page.locator(`[data-chapter="${CH}"] a[data-url]`)).toBeVisible();
    // Black on white, whatever the screen theme.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
    // The tick is drawn with borders, which print without "background graphics".
    expect(await done.locator('.box').evaluate((box) => getComputedStyle(box, '::after').borderRightStyle)).toBe('solid');
    // An item never splits across pages.
    expect(await done.evaluate((li) => getComputedStyle(li).breakInside)).toBe('avoid');

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5_000);
  });
}

test('the Print button prints, and the chapter and progress pages link to the printable checklists', async ({ page }) => {
  await seed(page);
  await page.goto(`${FIXTURE_URL}/en/chapters/${CH}/`);
  await page.getByRole('link', { name: 'Print checklist' }).click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/en/checklists/${CH}/`);
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.getByRole('link', { name: 'Back to the chapter' }).click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/en/chapters/${CH}/`);

  await page.goto(`${FIXTURE_URL}/zh-cn/progress/`);
  await page.getByRole('link', { name: '打印全部清单' }).click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/zh-cn/checklists/`);
});

test('without JavaScript the shipped course’s checklists still print, every item, with empty boxes and a blank date', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${COURSE_URL}/en/checklists/`);
  await expect(page.locator('li[data-item]')).toHaveCount(courseItemCount());
  await expect(page.locator('li[data-done]')).toHaveCount(0);
  await expect(page.getByText('Date: ____________')).toBeVisible();
  await context.close();
});
