import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations } from './axe';
import { checklistReady, FIXTURE_ID, FIXTURE_ISOLATED_URL, FIXTURE_URL, stepCheckCount, walkthroughStep, WALKTHROUGH_CHAPTER } from './helpers';

/**
 * The walkthrough engine, on the fixture course's walkthrough (its third
 * chapter): one step of each kind, so these tests follow the engine and not
 * the real course's steps.
 */
const EN = `${FIXTURE_URL}/en/${WALKTHROUGH_CHAPTER}`;
const ZH = `${FIXTURE_URL}/zh-cn/${WALKTHROUGH_CHAPTER}`;
// The first run loads Python (13 MB) in a worker; give it room on a slow machine.
const FIRST_RUN = 90_000;
const editorReady = walkthroughStep;

async function setCode(page: Page, s: Locator, file: string, code: string): Promise<void> {
  await s.getByRole('tab', { name: file, exact: true }).click();
  const editor = s.locator('[role="tabpanel"]:not([hidden]) .cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

async function run(s: Locator, timeout = FIRST_RUN): Promise<void> {
  await s.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(s.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout });
}

test.describe.configure({ timeout: 180_000 });

test('nothing for Python is fetched before the learner runs something', async ({ page }) => {
  const pythonRequests: string[] = [];
  page.on('request', (r) => {
    if (/pyodide|worker/.test(r.url())) pythonRequests.push(r.url());
  });
  await page.goto(EN);
  const s = await editorReady(page, 'wsgi-app');
  await page.mouse.wheel(0, 2000);
  await page.waitForTimeout(500);
  expect(pythonRequests).toEqual([]);
  await run(s);
  expect(pythonRequests.some((u) => u.endsWith('pyodide.asm.wasm'))).toBe(true);
});

test('the first run shows load progress; a step runs and reports its named checks and raw HTTP', async ({ page }) => {
  await page.goto(EN);
  const s = await editorReady(page, 'wsgi-app');
  await s.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(s.getByRole('status')).toContainText(/Loading Python: [\d.]+ \w+ of 1\d\.\d MB/);
  await expect(s.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: FIRST_RUN });
  // The starter fails, and says why, by name.
  const checks = s.locator('[data-checks] li');
  await expect(checks).toHaveCount(4);
  await expect(checks.first()).toContainText('responds 200 on / — Failed');
  await expect(checks.first()).toContainText('got 500 Internal Server Error, expected 200');
  await expect(s.getByRole('status')).toContainText('0 of 4 checks passed');
  await expect(s.locator('.exchange').first()).toContainText('GET / HTTP/1.1');
  await expect(s.locator('.exchange').first()).toContainText('HTTP/1.1 500 Internal Server Error');
  await expect(s.locator('.exchange .problem').first()).toContainText('returned without calling start_response');
});

test('loading the solution asks first; passing every check ticks the linked checklist item', async ({ page }) => {
  await page.goto(EN);
  await checklistReady(page);
  const s = await editorReady(page, 'deploy-app');
  await s.getByText('Stuck? Show a hint').click();
  await expect(s.getByText('web: gunicorn app:application').first()).toBeVisible();
  await s.getByRole('button', { name: 'Load the reference solution' }).click();
  await s.getByRole('button', { name: 'Cancel' }).click();
  await s.getByRole('tab', { name: 'Procfile' }).click();
  await expect(s.locator('[role="tabpanel"]:not([hidden]) .cm-content')).toHaveText('');
  await s.getByRole('button', { name: 'Load the reference solution' }).click();
  await s.getByRole('button', { name: 'Replace my code' }).click();
  await expect(s.locator('[role="tabpanel"]:not([hidden]) .cm-content')).toContainText('web: gunicorn app:application');
  await run(s);
  await expect(s.locator('[data-checks] li.pass')).toHaveCount(stepCheckCount('fixture-deploy', 'deploy-app'));
  await expect(s.getByRole('status')).toContainText('“Deploy the fixture app.” is now ticked');
  await expect(page.locator('input[data-item="third-b"]')).toBeChecked();
  await expect(s.locator('[data-output]')).toContainText('Procfile declares types -> release, web');
  await expect(s.locator('[data-output]')).toContainText('Release command finished');
  // The learner can still untick it.
  await page.locator('input[data-item="third-b"]').uncheck();
  await expect(page.locator('input[data-item="third-b"]')).not.toBeChecked();
});

test('broken code shows a traceback at the learner’s own file and line', async ({ page }) => {
  await page.goto(EN);
  const s = await editorReady(page, 'wsgi-app');
  await setCode(
    page,
    s,
    'app.py',
    'def application(environ, start_response):\n    start_response("200 OK", [])\n    total = 0\n    return [str(1 / total).encode()]\n',
  );
  await run(s);
  const problem = s.locator('.exchange .problem').first();
  await expect(problem).toContainText('raised ZeroDivisionError');
  await expect(problem).toContainText('File "app.py", line 4, in application');
  await expect(problem).not.toContainText('/opt/waymark');
  await setCode(page, s, 'app.py', 'def application(environ, start_response):\n    return [b"x"\n');
  await run(s);
  await expect(s.locator('[data-error-message]')).toHaveText('The code has a syntax error, so it could not run.');
  await expect(s.locator('[data-error-traceback]')).toContainText('File "app.py", line 2');
});

for (const [name, url, expected] of [
  ['without cross-origin isolation (terminate and restart)', EN, 'Python was restarted'],
  ['with cross-origin isolation (interrupt in place)', `${FIXTURE_ISOLATED_URL}/en/${WALKTHROUGH_CHAPTER}`, 'Stopped after 5 s'],
] as const) {
  test(`an endless loop is stopped ${name}; the page stays usable and the next run works`, async ({ page }) => {
    await page.goto(url);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(url.startsWith(FIXTURE_ISOLATED_URL));
    await checklistReady(page);
    const s = await editorReady(page, 'wsgi-app');
    // Warm up first, so the timing below is the loop's, not the download's.
    await run(s);
    await setCode(page, s, 'app.py', 'while True:\n    pass\n');
    await s.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(s.getByRole('button', { name: 'Running…' })).toBeDisabled();
    // While Python spins: the page scrolls and the checklist still ticks.
    await page.mouse.wheel(0, 600);
    await page.locator('input[data-item="third-a"]').check();
    await expect(page.locator('.chapter-header wm-progress .text')).toHaveText(/^1 of/);
    await expect(s.getByRole('button', { name: 'Running…' })).toBeDisabled();
    await expect(s.getByRole('status')).toContainText(expected, { timeout: 20_000 });
    await expect(s.getByRole('status')).toContainText('the code ran too long');
    // The next run works.
    await s.getByRole('button', { name: 'Reset' }).click();
    await s.getByRole('button', { name: 'Reset files' }).click();
    await run(s);
    await expect(s.locator('[data-checks] li')).toHaveCount(4);
  });
}

test('a huge allocation is stopped with a clear message, and the next run works', async ({ page }) => {
  await page.goto(EN);
  const s = await editorReady(page, 'wsgi-app');
  await setCode(page, s, 'app.py', 'data = bytearray(2 ** 31 - 1)\n');
  await run(s);
  await expect(s.locator('[data-error-message]')).toHaveText('Stopped: the code used too much memory.');
  await s.getByRole('button', { name: 'Reset' }).click();
  await s.getByRole('button', { name: 'Reset files' }).click();
  await run(s);
  await expect(s.locator('[data-checks] li')).toHaveCount(4);
  await expect(s.locator('[data-error-message]')).toBeHidden();
});

test('edits survive a reload, and Reset puts the starter back', async ({ page }) => {
  await page.goto(EN);
  let s = await editorReady(page, 'deploy-app');
  await setCode(page, s, 'config-vars.env', 'SECRET_KEY=abc123\nGREETING=Hello there\n');
  await page.waitForTimeout(600);
  await page.reload();
  s = await editorReady(page, 'deploy-app');
  await s.getByRole('tab', { name: 'config-vars.env' }).click();
  await expect(s.locator('[role="tabpanel"]:not([hidden]) .cm-content')).toContainText('GREETING=Hello there');
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{}'), `waymark:${FIXTURE_ID}:code:v1`);
  expect(stored.steps['fixture-deploy/deploy-app'].files['config-vars.env']).toBe('SECRET_KEY=abc123\nGREETING=Hello there\n');
  await s.getByRole('button', { name: 'Reset' }).click();
  await s.getByRole('button', { name: 'Reset files' }).click();
  await expect(s.locator('[role="tabpanel"]:not([hidden]) .cm-content')).toContainText('One KEY=value per line');
  await page.reload();
  s = await editorReady(page, 'deploy-app');
  await s.getByRole('tab', { name: 'config-vars.env' }).click();
  await expect(s.locator('[role="tabpanel"]:not([hidden]) .cm-content')).toContainText('One KEY=value per line');
});

test('the editor works from the keyboard: Tab indents, Escape leaves to Run', async ({ page }) => {
  await page.goto(EN);
  const s = await editorReady(page, 'wsgi-app');
  await s.getByRole('tab', { name: 'app.py' }).focus();
  await page.keyboard.press('Tab');
  const content = s.locator('[role="tabpanel"]:not([hidden]) .cm-content');
  await expect(content).toBeFocused();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  await page.keyboard.type('x = 1');
  await expect(content).toContainText('    x = 1');
  await expect(content).toHaveAttribute('aria-describedby', /editor-help$/);
  await expect(page.locator(`#${await content.getAttribute('aria-describedby')}`)).toHaveText(
    'In the editor, Tab indents. Press Escape to leave it; focus moves to Run.',
  );
  await page.keyboard.press('Escape');
  await expect(s.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
});

test('a script step shows what the program printed; a python check explains itself through msg()', async ({ page }) => {
  await page.goto(EN);
  const s = await editorReady(page, 'say-hello');
  await run(s);
  await expect(s.locator('[data-output]')).toContainText('draft');
  await expect(s.locator('[data-checks] li')).toHaveCount(stepCheckCount('fixture-deploy', 'say-hello'));
  await expect(s.locator('[data-checks] li').last()).toContainText("expected the single line 'Hello, fixture!', got ['draft']");
  await setCode(page, s, 'main.py', 'print("Hello, fixture!")\n');
  await run(s);
  await expect(s.locator('[data-checks] li.pass')).toHaveCount(stepCheckCount('fixture-deploy', 'say-hello'));
  await expect(s.locator('[data-output]')).toContainText('Hello, fixture!');
});

test('the file tabs work from the keyboard: arrows, Home and End move between files, and only the selected tab is in the Tab order', async ({ page }) => {
  await page.goto(EN);
  const s = await editorReady(page, 'deploy-app');
  const tabs = s.getByRole('tab');
  await expect(tabs).toHaveText(['requirements.txt', 'Procfile', 'config-vars.env', 'release.py', 'app.py']);
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(s.getByRole('tab', { name: 'Procfile' })).toBeFocused();
  await expect(s.getByRole('tab', { name: 'Procfile' })).toHaveAttribute('aria-selected', 'true');
  await expect(s.getByRole('tabpanel')).toHaveCount(1);
  await expect(s.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', (await s.getByRole('tab', { name: 'Procfile' }).getAttribute('id'))!);
  await page.keyboard.press('End');
  await expect(s.getByRole('tab', { name: 'app.py' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(s.getByRole('tab', { name: 'requirements.txt' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(s.getByRole('tab', { name: 'app.py' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(s.getByRole('tab', { name: 'requirements.txt' })).toBeFocused();
  expect(await tabs.evaluateAll((all) => all.map((t) => (t as HTMLElement).tabIndex))).toEqual([0, -1, -1, -1, -1]);
});

test('a confirmation opens with focus on Cancel and gives focus back to the button that asked', async ({ page }) => {
  await page.goto(EN);
  const s = await editorReady(page, 'wsgi-app');
  const reset = s.getByRole('button', { name: 'Reset' });
  await reset.click();
  await expect(s.getByText('Put back the starter files?')).toBeVisible();
  await expect(s.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await s.getByRole('button', { name: 'Cancel' }).click();
  await expect(s.getByText('Put back the starter files?')).toBeHidden();
  await expect(reset).toBeFocused();
  await reset.click();
  await s.getByRole('button', { name: 'Reset files' }).click();
  await expect(s.getByText('Put back the starter files?')).toBeHidden();
  await expect(reset).toBeFocused();
});

test('in Chinese, the checks, the build log and the errors are in Chinese', async ({ page }) => {
  await page.goto(ZH);
  const s = await editorReady(page, 'deploy-app');
  await s.getByRole('button', { name: '运行', exact: true }).click();
  await expect(s.getByRole('button', { name: '运行', exact: true })).toBeEnabled({ timeout: FIRST_RUN });
  await expect(s.locator('[data-checks] li').first()).toContainText('平台成功启动了 web 进程 — 未通过');
  await expect(s.locator('[data-checks] li').nth(1)).toContainText('requirements.txt 里没有列出 gunicorn');
  await expect(s.locator('[data-error-message]')).toContainText('Procfile 里没有 web 进程');
  await expect(s.locator('[data-output]')).toContainText('检测到 Python 应用');
  // A python check's own failure, declared beside its code with msg(), in Chinese too.
  await expect(s.locator('[data-checks] li').last()).toContainText('请在 config-vars.env 里设置 GREETING');
});

test('a chapter with run results has no WCAG 2.2 A/AA violations', async ({ page }) => {
  await page.goto(EN);
  const s = await editorReady(page, 'wsgi-app');
  await run(s);
  expect(await axeViolations(page)).toEqual([]);
});
