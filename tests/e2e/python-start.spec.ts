import { expect, test, type Locator, type Page } from '@playwright/test';
import { FIXTURE_ID, FIXTURE_URL, stdlibRequests, walkthroughStep, WALKTHROUGH_CHAPTER } from './helpers';

/**
 * When Python starts loading, and what it starts from: at the first sign of
 * a run (never on a mere load or scroll), from the build's memory snapshot,
 * with fresh random numbers and no module left over from an earlier run, and
 * the ordinary way, saying why, when the snapshot can't be had.
 */
const EN = `${FIXTURE_URL}/en/${WALKTHROUGH_CHAPTER}`;
const FIRST_RUN = 90_000;

test.describe.configure({ timeout: 180_000 });

/** Collects the page's requests for Python (the worker, Pyodide's files, the snapshot). */
function pythonRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (/pyodide|worker/.test(r.url())) urls.push(r.url());
  });
  return urls;
}

/** Warnings from the page and its workers (the Python worker says there why it started without the snapshot). */
function consoleWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'warning' && warnings.push(m.text())));
  return warnings;
}

const startsLoading = (urls: string[]) => expect.poll(() => urls.some((u) => u.endsWith('pyodide.mjs')), { timeout: 15_000 }).toBe(true);

async function run(s: Locator): Promise<string> {
  await s.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(s.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: FIRST_RUN });
  return (await s.locator('[data-output]').textContent()) ?? '';
}

async function setCode(page: Page, s: Locator, code: string): Promise<void> {
  await s.locator('[role="tabpanel"]:not([hidden]) .cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

test('scrolling past a walkthrough, with the mouse away from it, loads nothing of Python', async ({ page }) => {
  const urls = pythonRequests(page);
  await page.goto(EN);
  await walkthroughStep(page, 'say-hello');
  await walkthroughStep(page, 'deploy-app');
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(1000);
  expect(urls).toEqual([]);
});

const intents: [string, (page: Page, s: Locator) => Promise<void>][] = [
  ['focus in a step’s editor', (_page, s) => s.locator('.cm-content').first().focus()],
  ['the pointer on Run', (_page, s) => s.getByRole('button', { name: 'Run', exact: true }).hover()],
  [
    'keyboard focus on Run',
    async (page, s) => {
      await s.getByRole('button', { name: 'Reset' }).focus();
      await page.keyboard.press('Shift+Tab');
      await expect(s.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
    },
  ],
];

for (const [name, act] of intents) {
  test(`${name} starts loading Python before any Run`, async ({ page }) => {
    const urls = pythonRequests(page);
    await page.goto(EN);
    const s = await walkthroughStep(page, 'say-hello');
    await page.waitForTimeout(300);
    expect(urls).toEqual([]);
    await act(page, s);
    await startsLoading(urls);
  });
}

test('a walkthrough the learner worked on before starts loading Python when it comes into view', async ({ page }) => {
  await page.goto(EN);
  await page.evaluate(([key, doc]) => localStorage.setItem(key, doc), [
    `waymark:${FIXTURE_ID}:code:v1`,
    JSON.stringify({
      version: 1,
      courseId: FIXTURE_ID,
      steps: { 'fixture-deploy/say-hello': { files: { 'main.py': 'print("again")\n' }, at: '2026-11-20T08:00:00.000Z' } },
    }),
  ] as const);
  const urls = pythonRequests(page);
  await page.reload();
  await page.mouse.move(0, 0);
  await walkthroughStep(page, 'say-hello');
  await startsLoading(urls);
});

test('Python starts from the snapshot; each page and each run draws new random numbers, and the learner’s module is imported afresh', async ({ page }) => {
  const warnings = consoleWarnings(page);
  const urls = pythonRequests(page);
  const stdlib = stdlibRequests(page);
  // A WSGI step imports the learner's module: it prints only if it is imported again.
  const code = [
    'import random',
    'print("imported", random.random())',
    'def application(environ, start_response):',
    '    start_response("200 OK", [("Content-Type", "text/plain")])',
    '    return [b"ok"]',
    '',
  ].join('\n');
  const draws: string[] = [];
  for (const visit of [1, 2]) {
    await page.goto(EN);
    const s = await walkthroughStep(page, 'wsgi-app');
    await setCode(page, s, code);
    for (const _ of [1, 2]) {
      const output = await run(s);
      expect(output, `visit ${visit}`).toMatch(/^imported 0\.\d+\s*$/);
      draws.push(output.trim());
    }
  }
  expect(new Set(draws).size).toBe(draws.length);
  expect(urls.filter((u) => /waymark-[0-9a-f]+\.snapshot\.zst$/.test(u)).length).toBeGreaterThan(0);
  // Everything those runs imported was in the snapshot: the standard library's file stayed on the server.
  expect(stdlib).toEqual([]);
  expect(warnings.filter((w) => w.includes('without its snapshot'))).toEqual([]);
});

test('a program that imports a module the snapshot lacks gets the standard library then, once', async ({ page }) => {
  const stdlib = stdlibRequests(page);
  await page.goto(EN);
  const s = await walkthroughStep(page, 'say-hello');
  await setCode(page, s, 'print("plain")\n');
  expect(await run(s)).toContain('plain');
  expect(stdlib).toEqual([]);
  // calendar and fractions are in no walkthrough, so not in the snapshot.
  await setCode(page, s, 'import calendar\nprint("leap", calendar.isleap(2028))\n');
  expect(await run(s)).toContain('leap True');
  await setCode(page, s, 'import fractions\nprint("half", fractions.Fraction(1, 2))\n');
  expect(await run(s)).toContain('half 1/2');
  expect(stdlib).toHaveLength(1);
});

test.describe('without its snapshot', () => {
  // The route below sees only the page's own requests: a service worker that
  // has taken control by the time Python loads would fetch the snapshot itself.
  test.use({ serviceWorkers: 'block' });

  test('without its snapshot, Python starts the ordinary way and says why', async ({ page }) => {
    const warnings = consoleWarnings(page);
    const stdlib = stdlibRequests(page);
    await page.route(/\.snapshot\.zst$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(EN);
    const s = await walkthroughStep(page, 'say-hello');
    await setCode(page, s, 'print("Hello, fixture!")\n');
    expect(await run(s)).toContain('Hello, fixture!');
    await expect.poll(() => warnings.find((w) => w.includes('without its snapshot'))).toMatch(/HTTP 404/);
    // An ordinary start needs the standard library's file at once.
    expect(stdlib).toHaveLength(1);
  });
});
