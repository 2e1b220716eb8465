// How soon a chapter's text paints, against the floor: a bare page the bench
// makes from the same chapter's <main> (no site CSS, no JS, a few hundred
// bytes of style), so the ratio says what the site's CSS and scripts cost
// before the reader sees the text. Chromium at 4× CPU throttling (CDP
// Emulation.setCPUThrottlingRate), a fresh browser context per load (cold
// HTTP cache, no service worker yet), chapter and floor loads interleaved so
// a busy machine slows both alike; the median of several loads. Also counts
// what a chapter page requests before the reader does anything, by type.
// Used by scripts/bench.mjs; run alone with `node scripts/lib/bench-paint.mjs`
// against an existing dist/ (ports from WAYMARK_PORT_BASE).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

export const LCP_GOAL_RATIO = 1.1;
export const REQUESTS_GOAL = 6;
const CPU_RATE = 4;

// The floor's whole stylesheet: readable text, nothing more.
const FLOOR_STYLE =
  'body{max-width:46rem;margin:0 auto;padding:1rem;font:1rem/1.6 system-ui,sans-serif}pre{overflow:auto}svg,img{max-width:100%;height:auto}table{border-collapse:collapse}';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The floor page for a built chapter: its <main> with every script and stylesheet taken out. */
export function floorPage(html) {
  const main = /<main\b[^>]*>[\s\S]*<\/main>/.exec(html)?.[0];
  if (!main) throw new Error('bench-paint: the chapter page has no <main>');
  const lang = /<html\b[^>]*\blang="([^"]+)"/.exec(html)?.[1] ?? 'en';
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
  const bare = main
    .replace(/<script\b[\s\S]*?<\/script>/g, '')
    .replace(/<style\b[\s\S]*?<\/style>/g, '')
    .replace(/<link\b[^>]*>/g, '');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${FLOOR_STYLE}</style></head><body>${bare}</body></html>`;
}

async function serve(dir, port) {
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.once('data', resolve);
    server.once('exit', () => reject(new Error(`bench-paint: the server on port ${port} stopped`)));
  });
  return server;
}

/** LCP of one cold load at 4× CPU, in ms from navigation start. */
async function coldLcp(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    await page.goto(url, { waitUntil: 'load' });
    // LCP candidates stop at the first input; none comes, so wait until paints settle.
    await page.waitForTimeout(400);
    return await page.evaluate(
      () =>
        new Promise((resolve) => {
          new PerformanceObserver((list) => resolve(list.getEntries().at(-1).startTime)).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
  } finally {
    await context.close();
  }
}

/** What a first visit to `url` requests until the network has been idle, with no input: counts by resource type. */
async function requestsBeforeInteraction(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const byType = {};
    const urls = [];
    page.on('request', (request) => {
      byType[request.resourceType()] = (byType[request.resourceType()] ?? 0) + 1;
      urls.push(request.url());
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    return { total: urls.length, byType, urls };
  } finally {
    await context.close();
  }
}

/**
 * Measures each `locale/slug` chapter of `dist` against its floor page.
 * `runs` cold loads of each, interleaved.
 */
export async function measurePaint({ dist = 'dist', chapters, runs = 11, port = Number(process.env.WAYMARK_PORT_BASE ?? 4410) + 20 } = {}) {
  const floorDir = mkdtempSync(join(tmpdir(), 'waymark-floor-'));
  for (const chapter of chapters) {
    mkdirSync(join(floorDir, chapter), { recursive: true });
    writeFileSync(join(floorDir, chapter, 'index.html'), floorPage(readFileSync(join(dist, chapter, 'index.html'), 'utf8')));
  }
  const site = await serve(dist, port);
  const floor = await serve(floorDir, port + 1);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const out = {};
  try {
    for (const chapter of chapters) {
      const pageUrl = `http://127.0.0.1:${port}/${chapter}/`;
      const floorUrl = `http://127.0.0.1:${port + 1}/${chapter}/`;
      const times = { page: [], floor: [], ratio: [] };
      // One of each first, unrecorded: the server's and Chromium's own first-use costs.
      await coldLcp(browser, pageUrl);
      await coldLcp(browser, floorUrl);
      for (let run = 0; run < runs; run += 1) {
        // Alternating which goes first, so neither always follows the other's clean-up.
        const [first, second] = run % 2 ? [floorUrl, pageUrl] : [pageUrl, floorUrl];
        const a = await coldLcp(browser, first);
        const b = await coldLcp(browser, second);
        const [page, floorMs] = run % 2 ? [b, a] : [a, b];
        times.page.push(page);
        times.floor.push(floorMs);
        times.ratio.push(page / floorMs);
      }
      // Medians of each, and the median of each back-to-back pair's ratio, which a
      // busy machine (load that comes and goes) disturbs less than either median.
      const lcp = { page: Math.round(median(times.page)), floor: Math.round(median(times.floor)), runs };
      lcp.ratio = +median(times.ratio).toFixed(2);
      out[chapter] = {
        lcp,
        requests: await requestsBeforeInteraction(browser, pageUrl),
        floorRequests: await requestsBeforeInteraction(browser, floorUrl),
      };
    }
  } finally {
    await browser.close();
    site.kill();
    floor.kill();
    rmSync(floorDir, { recursive: true, force: true });
  }
  return out;
}

export function printPaint(result) {
  const types = (byType) =>
    Object.entries(byType)
      .sort(([, a], [, b]) => b - a)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ');
  console.log(`\nChapter paint (headless Chromium, CPU throttled ${CPU_RATE}×, cold loads, 1280×800; floor: the chapter's <main> alone, no CSS or JS):`);
  for (const [chapter, r] of Object.entries(result)) {
    const { lcp, requests, floorRequests } = r;
    const lcpOk = lcp.ratio <= LCP_GOAL_RATIO;
    const reqOk = requests.total <= REQUESTS_GOAL;
    console.log(
      `  ${chapter.padEnd(40)} LCP ${lcp.page} ms vs floor ${lcp.floor} ms (median pair ratio ${lcp.ratio.toFixed(2)}×; goal ≤ ${LCP_GOAL_RATIO.toFixed(2)}×: ${lcpOk ? 'met' : 'NOT met'}; median of ${lcp.runs})`,
    );
    console.log(
      `  ${''.padEnd(40)} requests before interaction ${requests.total} (${types(requests.byType)}) vs floor ${floorRequests.total} (goal ≤ ${REQUESTS_GOAL}: ${reqOk ? 'met' : 'NOT met'})`,
    );
  }
}

/** The chapters measured by default: the first and, when there is one, the second, each in the first two locales. */
export function defaultChapters(dist = 'dist') {
  const locales = readdirSync(dist).filter((d) => /^[a-z]{2}(-[a-z]+)?$/.test(d));
  const slugs = readdirSync(join(dist, locales[0], 'chapters')).slice(0, Number(process.env.WAYMARK_PAINT_CHAPTERS ?? 1));
  return slugs.flatMap((slug) => locales.slice(0, 2).map((locale) => `${locale}/chapters/${slug}`));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measurePaint({ chapters: defaultChapters(), runs: Number(process.env.WAYMARK_PAINT_RUNS ?? 11) });
  printPaint(result);
  if (process.env.WAYMARK_PAINT_URLS) for (const [c, r] of Object.entries(result)) console.log(c, r.requests.urls.join('\n  '));
}
