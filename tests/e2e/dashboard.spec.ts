import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { SUBPATH_URL } from '../../playwright.config';
import { FIXTURE_DIR, FIXTURE_ID, FIXTURE_URL, record } from './helpers';

// The fixture course: the class dashboard is engine code, tested on the course the tests build.
const FIRST = 'first';
const SECOND = 'second';
const THIRD = 'third';
/** Items per chapter, read from the content, so the expected totals follow the course. */
const itemCount = (chapter: string) => (readFileSync(`${FIXTURE_DIR}/en/${chapter}.mdx`, 'utf8').match(/<Item id=/g) ?? []).length;
const courseTotal = readdirSync(`${FIXTURE_DIR}/en`).reduce((n, f) => n + itemCount(f.replace(/\.mdx$/, '')), 0);
/** The course's chapters in learning order with their English titles, as the dashboard's columns show them. */
const chapters = (JSON.parse(readFileSync(`${FIXTURE_DIR}/course.json`, 'utf8')) as { path: ({ chapters: string[] } | string)[] }).path
  .flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.chapters))
  .map((id) => ({ id, title: /^title:\s*(.+)$/m.exec(readFileSync(`${FIXTURE_DIR}/en/${id}.mdx`, 'utf8'))![1]!.trim() }));
/** A CSV row's per-chapter counts: the given ones, zero elsewhere. */
const counts = (done: Record<string, number>) => chapters.map((c) => done[c.id] ?? 0).join(',');

interface Upload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A progress file exactly as the export button writes it. */
function progressFile(name: string, ticks: [string, string][], opts: { learner?: string; at?: string; exportedAt?: string; courseId?: string } = {}): Upload {
  const at = opts.at ?? '2026-11-20T08:00:00.000Z';
  const { version, courseId, chapters } = record(opts.courseId ?? FIXTURE_ID, ticks, at);
  const file = {
    format: 'waymark-progress',
    version,
    courseId,
    exportedAt: opts.exportedAt ?? '2026-11-21T09:00:00.000Z',
    ...(opts.learner ? { learner: opts.learner } : {}),
    chapters,
  };
  return raw(name, JSON.stringify(file, null, 2));
}

const raw = (name: string, text: string): Upload => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

const ann = progressFile(
  'ann.json',
  [
    [SECOND, 'second-a'],
    [SECOND, 'second-b'],
    [THIRD, 'third-a'],
  ],
  { learner: 'Ann Lee', at: '2026-11-20T08:00:00.000Z' },
);
const bo = progressFile('bo.json', [[SECOND, 'second-a']], { learner: 'Bo Chen', at: '2026-11-19T08:00:00.000Z' });
const unnamed = progressFile('fixture-course-progress-2026-11-21.json', [], { exportedAt: '2026-11-18T10:00:00.000Z' });

async function open(page: Page, lang: 'en' | 'zh-cn' = 'en') {
  await page.goto(`${FIXTURE_URL}/${lang}/dashboard/`);
  const input = page.locator('input[type="file"]');
  await expect(input).toBeEnabled();
  return input;
}

const rowLabels = (page: Page) => page.locator('tbody th[scope="row"]').allTextContents();
const problems = (page: Page, name = 'Files to check') => page.getByRole('region', { name }).getByRole('listitem');

test('good files become one row per learner with done / total per chapter, total and last activity', async ({ page }) => {
  await open(page);
  await page.getByLabel('Progress files').setInputFiles([ann, bo, unnamed]);
  await expect(page.getByRole('status')).toHaveText('3 learners from 3 files');
  expect(await rowLabels(page)).toEqual(['Ann Lee', 'Bo Chen', 'fixture-course-progress-2026-11-21.json']);

  const annRow = page.getByRole('row', { name: /^Ann Lee/ });
  const cells = annRow.getByRole('cell');
  // Columns: chapters in course order (first, second, third), total, last activity.
  await expect(cells.nth(0)).toHaveAccessibleName(`0 of ${itemCount(FIRST)} done`);
  await expect(cells.nth(1)).toHaveAccessibleName(`2 of ${itemCount(SECOND)} done`);
  await expect(cells.nth(1).locator('[aria-hidden]')).toHaveText(`2 / ${itemCount(SECOND)}`);
  await expect(cells.nth(2)).toHaveAccessibleName(`1 of ${itemCount(THIRD)} done`);
  await expect(cells.nth(chapters.length)).toHaveAccessibleName(`3 of ${courseTotal} done`);
  await expect(cells.nth(chapters.length + 1).locator('time')).toHaveAttribute('datetime', '2026-11-20T08:00:00.000Z');
  await expect(cells.nth(chapters.length + 1)).toContainText('2026');
  // No marks: last activity is when the file was exported.
  await expect(page.getByRole('row', { name: /^fixture-course-progress/ }).locator('time')).toHaveAttribute('datetime', '2026-11-18T10:00:00.000Z');
  await expect(page.getByRole('heading', { name: 'Files to check' })).toBeHidden();
  await expect(page.getByText('Nothing is uploaded')).toBeVisible();
});

test('clicking a column header sorts the rows and sets aria-sort', async ({ page }) => {
  await open(page);
  await page.getByLabel('Progress files').setInputFiles([bo, unnamed, ann]);
  const learner = page.getByRole('columnheader', { name: 'Learner' });
  const total = page.getByRole('columnheader', { name: 'Total' });
  await expect(learner).toHaveAttribute('aria-sort', 'ascending');
  await expect(total).not.toHaveAttribute('aria-sort', /.*/);

  await learner.getByRole('button').click();
  await expect(learner).toHaveAttribute('aria-sort', 'descending');
  expect(await rowLabels(page)).toEqual(['fixture-course-progress-2026-11-21.json', 'Bo Chen', 'Ann Lee']);

  await total.getByRole('button').click();
  await expect(total).toHaveAttribute('aria-sort', 'ascending');
  await expect(learner).not.toHaveAttribute('aria-sort', /.*/);
  expect(await rowLabels(page)).toEqual(['fixture-course-progress-2026-11-21.json', 'Bo Chen', 'Ann Lee']);
  await total.getByRole('button').click();
  await expect(total).toHaveAttribute('aria-sort', 'descending');
  expect(await rowLabels(page)).toEqual(['Ann Lee', 'Bo Chen', 'fixture-course-progress-2026-11-21.json']);

  const last = page.getByRole('columnheader', { name: 'Last activity' });
  await last.getByRole('button').click();
  await expect(last).toHaveAttribute('aria-sort', 'ascending');
  expect(await rowLabels(page)).toEqual(['fixture-course-progress-2026-11-21.json', 'Bo Chen', 'Ann Lee']);
});

test('Download CSV saves the table, sorted as shown, with a BOM and the header in the page language', async ({ page }) => {
  await open(page);
  const evil = progressFile('evil.json', [], { learner: '=HYPERLINK("http://x")', exportedAt: '2026-11-17T00:00:00.000Z' });
  await page.getByLabel('Progress files').setInputFiles([ann, bo, evil]);
  await page.getByRole('columnheader', { name: 'Total' }).getByRole('button').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^fixture-course-class-progress-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  // A header with a comma would be quoted, as CSV requires (csvCell's unit tests cover the quoting).
  const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const chapterHeaders = chapters.map(({ id, title }) => csvField(`${title} (of ${itemCount(id)})`));
  expect(lines[0]).toBe(['Learner', 'File', ...chapterHeaders, `Total (of ${courseTotal})`, 'Last activity'].join(','));
  expect(lines.slice(1, 4)).toEqual([
    `"'=HYPERLINK(""http://x"")",evil.json,${counts({})},0,2026-11-17T00:00:00.000Z`,
    `Bo Chen,bo.json,${counts({ [SECOND]: 1 })},1,2026-11-19T08:00:00.000Z`,
    `Ann Lee,ann.json,${counts({ [SECOND]: 2, [THIRD]: 1 })},3,2026-11-20T08:00:00.000Z`,
  ]);
});

test('bad files are listed by name with the reason, and are not in the table', async ({ page }) => {
  await open(page);
  const files = [
    ann,
    progressFile('rust.json', [[SECOND, 'second-a']], { learner: 'Rusty', courseId: 'rust-for-beginners' }),
    raw('shopping.json', 'milk, eggs, bread'),
    raw('cut.json', ann.buffer.toString('utf8').slice(0, 80)),
    raw('package.json', '{"name":"my-app","version":"1.0.0"}'),
    { ...ann, name: 'ann-copy.json' },
  ];
  await page.getByLabel('Progress files').setInputFiles(files);
  await expect(page.getByRole('status')).toHaveText('1 learner from 6 files; 5 files not used');
  expect(await rowLabels(page)).toEqual(['Ann Lee']);
  await expect(problems(page)).toHaveText([
    'rust.json: Belongs to another course (“rust-for-beginners”), not this one.',
    'shopping.json: Not a progress file: it is not JSON.',
    /^cut\.json: The file stops part-way through/,
    'package.json: A JSON file, but not a progress file exported by Waymark.',
    'ann-copy.json: The same file as “ann.json”, which is already counted.',
  ]);
  await expect(page.locator('tbody')).not.toContainText('Rusty');
});

test('files accumulate; the same file added again is a duplicate; an older export of a learner is set aside; Clear all empties it', async ({ page }) => {
  await open(page);
  const input = page.getByLabel('Progress files');
  await input.setInputFiles([ann]);
  await expect(page.getByRole('status')).toHaveText('1 learner from 1 file');
  await input.setInputFiles([bo]);
  await expect(page.getByRole('status')).toHaveText('2 learners from 2 files');
  await input.setInputFiles([ann]);
  await expect(page.getByRole('status')).toHaveText('2 learners from 3 files; 1 file not used');
  await expect(problems(page)).toHaveText('ann.json: The same file as “ann.json”, which is already counted.');

  const boLater = progressFile(
    'bo-friday.json',
    [
      [SECOND, 'second-a'],
      [SECOND, 'second-b'],
    ],
    { learner: 'Bo Chen', at: '2026-11-19T08:00:00.000Z', exportedAt: '2026-11-22T09:00:00.000Z' },
  );
  await input.setInputFiles([boLater]);
  await expect(page.getByRole('status')).toHaveText('2 learners from 4 files; 2 files not used');
  await expect(
    page
      .getByRole('row', { name: /^Bo Chen/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveAccessibleName(`2 of ${itemCount(SECOND)} done`);
  // Listed in the order the files were added.
  await expect(problems(page)).toHaveText([
    'bo.json: An older export by Bo Chen. The newer “bo-friday.json” is counted instead.',
    'ann.json: The same file as “ann.json”, which is already counted.',
  ]);

  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByRole('status')).toHaveText('No files added yet.');
  await expect(page.getByRole('table')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  await expect(input).toBeFocused();
});

test('two learners who typed the same name are both shown, told apart by file, and the clash is explained', async ({ page }) => {
  await open(page);
  const one = progressFile('li-1.json', [[SECOND, 'second-a']], { learner: 'Li Wei', exportedAt: '2026-11-20T09:00:00.000Z' });
  const two = progressFile('li-2.json', [[THIRD, 'third-a']], { learner: 'Li Wei', exportedAt: '2026-11-21T09:00:00.000Z' });
  await page.getByLabel('Progress files').setInputFiles([one, two]);
  await expect(page.getByRole('status')).toHaveText('2 learners from 2 files');
  expect(await rowLabels(page)).toEqual(['Li Wei (li-1.json)', 'Li Wei (li-2.json)']);
  await expect(problems(page)).toHaveText(/^“li-1\.json” and “li-2\.json” carry the same name, “Li Wei”, but hold different progress/);
});

test('files dropped on the drop zone are read like chosen ones', async ({ page }) => {
  await open(page);
  const payload = [ann, bo, raw('notes.txt', 'not json')].map((f) => ({ name: f.name, text: f.buffer.toString('utf8') }));
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(new File([f.text], f.name, { type: 'application/json' }));
    const zone = document.querySelector('[data-drop]')!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  }, payload);
  await expect(page.getByRole('status')).toHaveText('2 learners from 3 files; 1 file not used');
  expect(await rowLabels(page)).toEqual(['Ann Lee', 'Bo Chen']);
  await expect(problems(page)).toHaveText('notes.txt: Not a progress file: it is not JSON.');
  await expect(page.locator('wm-class-dashboard')).not.toHaveAttribute('data-dragging');
});

test('the file input is reachable with the keyboard', async ({ page }) => {
  const input = await open(page);
  for (let i = 0; i < 30 && !(await input.evaluate((node) => node === document.activeElement)); i += 1) await page.keyboard.press('Tab');
  await expect(input).toBeFocused();
  await expect(page.locator('[data-drop]')).toHaveCSS('outline-style', 'solid');
});

test('in Chinese: title, headers, status, problems and CSV header are Chinese, names sort by pinyin', async ({ page }) => {
  await open(page, 'zh-cn');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('班级进度');
  const zhang = progressFile('zhang.json', [[SECOND, 'second-a']], { learner: '张伟' });
  const li = progressFile('li.json', [], { learner: '李娜' });
  const wang = progressFile('wang.json', [], { learner: '王芳' });
  await page
    .getByLabel('进度文件')
    .setInputFiles([zhang, li, wang, raw('other.json', JSON.stringify({ format: 'waymark-progress', version: 1, courseId: 'rust', chapters: {} }))]);
  await expect(page.getByRole('status')).toHaveText('共 3 名学员，来自 4 个文件；1 个文件未计入');
  expect(await rowLabels(page)).toEqual(['李娜', '王芳', '张伟']);
  await expect(page.getByRole('columnheader', { name: '第二步' })).toBeVisible();
  await expect(page.getByRole('row', { name: /^张伟/ }).getByRole('cell').nth(1)).toHaveAccessibleName(`已完成 1 / ${itemCount(SECOND)}`);
  await expect(problems(page, '需要留意的文件')).toHaveText('other.json：属于另一门课程（“rust”），不是本课程。');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
  const text = (await readFile((await download.path())!)).toString('utf8');
  expect(text.slice(1).split('\r\n')[0]).toMatch(/^学员,文件,第一步（共 \d+ 项）,/);
  expect(text).toContain('\r\n张伟,zhang.json,0,1,');
});

test('the progress page links to the dashboard in both languages', async ({ page }) => {
  await page.goto(`${FIXTURE_URL}/en/progress/`);
  await page.getByRole('link', { name: /class dashboard/ }).click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/en/dashboard/`);
  await page.goto(`${FIXTURE_URL}/zh-cn/progress/`);
  await page.getByRole('link', { name: /班级进度/ }).click();
  await expect(page).toHaveURL(`${FIXTURE_URL}/zh-cn/dashboard/`);
});

test('on a narrow screen the table scrolls sideways inside its box and the learner column stays put', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await open(page);
  await page.getByLabel('Progress files').setInputFiles([ann, bo, unnamed]);
  const wrap = page.getByRole('region', { name: 'Checklist items done, by learner and chapter' });
  await expect(wrap).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await wrap.evaluate((n) => n.scrollWidth > n.clientWidth)).toBe(true);
  const learnerCell = page.getByRole('rowheader', { name: 'Ann Lee' });
  const before = (await learnerCell.boundingBox())!.x;
  await wrap.evaluate((n) => n.scrollBy({ left: 300 }));
  await expect.poll(async () => wrap.evaluate((n) => n.scrollLeft)).toBeGreaterThan(200);
  // Sticky within a pixel (the collapsed border rounds); without it the cell would move 300 px left.
  expect(Math.abs((await learnerCell.boundingBox())!.x - before)).toBeLessThan(2);
});

test('under a sub-path (/course/) the progress page links to the dashboard and it works', async ({ page }) => {
  // The sub-path build is the fixture course's, so the files are for the fixture course.
  const fixtureFiles = [
    progressFile('ann.json', [['first', 'first-a']], { learner: 'Ann Lee', courseId: FIXTURE_ID }),
    progressFile('bo.json', [['third', 'third-b']], { learner: 'Bo Chen', courseId: FIXTURE_ID }),
  ];
  await page.goto(`${SUBPATH_URL}/en/progress/`);
  await page.getByRole('link', { name: /class dashboard/ }).click();
  await expect(page).toHaveURL(`${SUBPATH_URL}/en/dashboard/`);
  await expect(page.locator('input[type="file"]')).toBeEnabled();
  await page.getByLabel('Progress files').setInputFiles(fixtureFiles);
  await expect(page.getByRole('status')).toHaveText('2 learners from 2 files');
});
