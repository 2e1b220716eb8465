import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { COURSE_URL, FIXTURE_ISOLATED_URL, FIXTURE_URL } from '../../playwright.config';

export { COURSE_URL, FIXTURE_ISOLATED_URL, FIXTURE_URL };
export const COURSE_ID = 'deploying-python-web-apps';
export const FIXTURE_ID = 'fixture-course';
export const progressKey = (courseId: string) => `waymark:${courseId}:progress:v1`;
export const keptAsideKey = (courseId: string) => `waymark:${courseId}:kept-aside`;

/** The stored progress record, parsed, or null. */
export async function storedProgress(page: Page, courseId: string): Promise<unknown> {
  return page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  }, progressKey(courseId));
}

/** Waits until the checklist's script has enabled its boxes. */
export async function checklistReady(page: Page): Promise<void> {
  await expect(page.locator('wm-checklist input[type="checkbox"]').first()).toBeEnabled();
}

/** A stored record with the given items ticked. */
export function record(courseId: string, ticks: [string, string][], at = '2026-11-20T08:00:00.000Z') {
  const chapters: Record<string, Record<string, { done: boolean; at: string }>> = {};
  for (const [chapter, item] of ticks) (chapters[chapter] ??= {})[item] = { done: true, at };
  return { version: 1, courseId, chapters };
}

/** The fixture course's source folder: the engine tests' course (built to dist-fixture). */
export const FIXTURE_DIR = 'tests/fixtures/small-course';

/**
 * The page of the fixture's walkthrough `fixture-deploy` (one step of each
 * kind: say-hello, wsgi-app, deploy-app; deploy-app ticks the item third-b).
 */
export const WALKTHROUGH_CHAPTER = 'chapters/third/';

/** A step of the fixture's walkthrough, scrolled into view, once its editor is ready. */
export async function walkthroughStep(page: Page, id: string): Promise<Locator> {
  const step = page.locator(`wm-step[data-key="fixture-deploy/${id}"]`);
  await step.scrollIntoViewIfNeeded();
  await expect(step).toHaveAttribute('data-editor', 'ready');
  return step;
}

/** How many checks a step of the fixture declares, read from its walkthrough file so tests follow the fixture. */
export function stepCheckCount(walkthrough: string, step: string): number {
  const data = JSON.parse(readFileSync(`${FIXTURE_DIR}/walkthroughs/${walkthrough}/walkthrough.json`, 'utf8')) as {
    steps: { id: string; checks: unknown[] }[];
  };
  const found = data.steps.find((s) => s.id === step);
  if (!found) throw new Error(`${walkthrough} has no step ${step}`);
  return found.checks.length;
}

/** The shipped course's chapter ids in learning order, from course.json, so tests follow the course as it grows (or the fixture's, given FIXTURE_DIR). */
export function courseChapterIds(dir = 'content'): string[] {
  const config = JSON.parse(readFileSync(`${dir}/course.json`, 'utf8')) as { path: ({ chapters: string[] } | string)[] };
  return config.path.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.chapters));
}

/** How many checklist items the shipped course has, counted in its English chapters. */
export function courseItemCount(): number {
  return courseChapterIds().reduce((n, id) => n + (readFileSync(`content/en/${id}.mdx`, 'utf8').match(/<Item id=/g) ?? []).length, 0);
}

/** How many checklist items a fixture chapter has, counted in its English file, so tests follow the fixture. */
export function fixtureItemCount(chapter: string): number {
  return (readFileSync(`${FIXTURE_DIR}/en/${chapter}.mdx`, 'utf8').match(/<Item id=/g) ?? []).length;
}

/**
 * Waits until the app browser's page is on screen: `aria-busy` turns false
 * when the shown document's own shim reports its first drawn frame. Until
 * then a click into a new frame can be lost (the browser has nowhere to route
 * it yet), and what a test types into the page it navigated from can be
 * replaced by the new one, so a test waits for this after opening the app
 * and after typing an address, before it acts inside the page. The wait is
 * long because a navigation may boot the release again first (after a
 * timeout, Python restarts).
 */
export async function appSettled(browser: Locator): Promise<void> {
  await expect(browser).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
}

/** Types an address into an app browser's bar and goes there, as far as the new page being on screen. */
export async function goToAddress(browser: Locator, to: string): Promise<void> {
  const bar = browser.locator('[data-address]');
  await bar.fill(to);
  await bar.press('Enter');
  await appSettled(browser);
}

/** Opens one of an app browser's panels (`<wm-app-browser>`'s cookies or network `<details>`) if it is closed. */
export async function openAppPanel(browser: Locator, name: 'network' | 'cookies'): Promise<Locator> {
  const panel = browser.locator(`[data-${name}-panel]`);
  if (!(await panel.evaluate((d: HTMLDetailsElement) => d.open))) await panel.locator('summary').click();
  return panel;
}

/** The app browser's network panel, opened, as rows of "METHOD url status" (the url as the panel shows it, with any note). */
export async function networkRows(browser: Locator): Promise<string[]> {
  const panel = await openAppPanel(browser, 'network');
  return panel.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) =>
      [...r.querySelectorAll('td')]
        .map((td) => td.textContent?.trim() ?? '')
        .slice(0, 3)
        .join(' '),
    ),
  );
}

/** Selects the network panel's latest row matching `text` and returns its raw request and response headers. */
export async function rawHeaders(browser: Locator, text: string | RegExp): Promise<{ request: string; response: string }> {
  await openAppPanel(browser, 'network');
  await browser.locator('[data-network] tr', { hasText: text }).last().locator('button').click();
  return {
    request: await browser.locator('[data-request-headers]').innerText(),
    response: await browser.locator('[data-response-headers]').innerText(),
  };
}

/**
 * The page's requests for the standard library's file, as they happen. A
 * Python restored from the build's snapshot fetches it only when a program
 * imports a module the snapshot lacks.
 */
export function stdlibRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/python_stdlib.zip')) urls.push(r.url());
  });
  return urls;
}
