// The app browser ("Open the app"): how long from a click in the app's frame
// to the new page painted, for a link and for a form POST answered by a 303
// redirect, on the fixture course's app (tests/fixtures/small-course/
// walkthroughs/fixture-app). Reported, not asserted. Used by scripts/bench.mjs;
// run alone with `node scripts/lib/bench-app.mjs`. Builds dist-fixture/ first,
// so a build left from older sources is never what gets measured.
//
// The clock starts when the course page receives the frame's message (a
// click becomes that message within the same task) and stops when the new
// document's own script reports it shown (`shown`, sent after its load event
// and the next drawn frame; a frame's load event alone can be the previous
// document's).
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function buildFixture(dist) {
  const result = spawnSync('astro', ['build'], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', WAYMARK_CONTENT: './tests/fixtures/small-course', WAYMARK_OUT: `./${dist}` },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`fixture build failed:\n${result.stderr}`);
}

/** Arms the course page's clock: the next frame message starts it, the next document's `shown` report stops it. */
function arm(page) {
  return page.evaluate(() => {
    const outer = document.querySelector('iframe.app-frame');
    const w = window;
    w.__wmBench?.stop.abort();
    const bench = { start: 0, end: 0, stop: new AbortController() };
    w.__wmBench = bench;
    outer.contentWindow.addEventListener(
      'message',
      (event) => {
        if (!bench.start) bench.start = performance.now();
        else if (event.data?.type === 'shown' && !bench.end) bench.end = performance.now();
      },
      { capture: true, signal: bench.stop.signal },
    );
  });
}

async function timed(page, act) {
  await arm(page);
  await act();
  await page.waitForFunction(() => window.__wmBench.end > 0, undefined, { timeout: 30_000 });
  return page.evaluate(() => window.__wmBench.end - window.__wmBench.start);
}

export async function measureApp({ dist = 'dist-fixture', port = 4527, runs = 7 } = {}) {
  buildFixture(dist);
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dist, '--port', String(port)], { stdio: 'ignore' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    for (let i = 0; i < 50; i += 1) {
      try {
        await page.goto(`http://127.0.0.1:${port}/en/chapters/third/`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const step = page.locator('wm-step[data-key="fixture-app/browse"]');
    await step.scrollIntoViewIfNeeded();
    const opened = performance.now();
    await step.getByRole('button', { name: 'Open the app' }).click();
    const app = step.frameLocator('iframe.app-frame').frameLocator('iframe');
    await app.locator('#to-notes').waitFor({ timeout: 120_000 });
    const openMs = performance.now() - opened;
    const link = [];
    const post = [];
    for (let i = 0; i < runs; i += 1) {
      await app.locator('#to-notes').waitFor();
      link.push(await timed(page, () => app.locator('#to-notes').click()));
      await app.getByRole('link', { name: 'Home' }).waitFor();
      await timed(page, () => app.getByRole('link', { name: 'Home' }).click());
      await app.locator('#add input').fill(`note ${i}`);
      post.push(await timed(page, () => app.locator('#add button').click()));
      await timed(page, () => app.getByRole('link', { name: 'Home' }).click());
    }
    const summary = (values) => ({ median: Math.round(median(values)), min: Math.round(Math.min(...values)), max: Math.round(Math.max(...values)) });
    return { runs, firstOpenMs: Math.round(openMs), linkMs: summary(link), postRedirectMs: summary(post) };
  } finally {
    await browser.close();
    server.kill();
  }
}

export function printApp(result) {
  console.log(`\nApp browser (fixture app, headless Chromium, ${result.runs} runs each):`);
  console.log(`  Open the app → first page painted (Python loaded cold): ${result.firstOpenMs} ms`);
  console.log(`  click a link → page painted: median ${result.linkMs.median} ms (min ${result.linkMs.min}, max ${result.linkMs.max})`);
  console.log(
    `  submit a POST form → 303 → page painted: median ${result.postRedirectMs.median} ms (min ${result.postRedirectMs.min}, max ${result.postRedirectMs.max})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printApp(await measureApp({ port: Number(process.env.WAYMARK_PORT_BASE ?? 4410) + 17 }));
}
