// The class progress dashboard with a class of generated learners: how long
// the pure aggregation takes in Node, and how long Chromium takes from
// choosing the files to a drawn table. Used by scripts/bench.mjs; run alone
// with `node scripts/lib/bench-dashboard.mjs` against an existing dist/.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ssrServer } from './vite-ssr.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** The built course's id, chapters and item ids in learning order, from the page data of its progress page. */
export function courseShape(dist = 'dist') {
  const html = readFileSync(join(dist, 'en', 'progress', 'index.html'), 'utf8');
  const data = JSON.parse(/<script type="application\/json" id="wm-page-data">(.*?)<\/script>/s.exec(html)[1]);
  return { courseId: data.courseId, chapters: data.chapters.map(({ id, items }) => ({ id, items })) };
}

/**
 * `n` progress files as learners export them: each has a name (a quarter in
 * Chinese), ticks spread over several days, about half the course done, and
 * a few earlier unticks. A fixed seed makes every run the same class.
 */
export function generateFiles(n, course, toProgressFile) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
  const files = [];
  for (let i = 0; i < n; i += 1) {
    const chapters = {};
    for (const chapter of course.chapters) {
      for (const item of chapter.items) {
        const r = random();
        if (r < 0.6) {
          const at = new Date(Date.UTC(2026, 10, 10 + Math.floor(random() * 10), Math.floor(random() * 24))).toISOString();
          (chapters[chapter.id] ??= {})[item] = { done: r < 0.5, at };
        }
      }
    }
    const learner = i % 4 === 0 ? `${surnames[i % surnames.length]}同学${i}` : `Learner ${i}`;
    const doc = { version: 1, courseId: course.courseId, chapters };
    const text = JSON.stringify(toProgressFile(doc, new Date(Date.UTC(2026, 10, 21, 9, 0, i % 60)), learner), null, 2);
    files.push({ name: `learner-${i}.json`, size: Buffer.byteLength(text), text });
  }
  return files;
}

export async function measureDashboard({ dist = 'dist', port = 4526, count = 200, runs = 7, nodeRuns = 21 } = {}) {
  const vite = await ssrServer();
  const course = courseShape();
  let files;
  const node = {};
  try {
    const { aggregateClass, sortRows, toCsv } = await vite.ssrLoadModule('/src/lib/class-progress.ts');
    const { toProgressFile } = await vite.ssrLoadModule('/src/lib/progress-codec.ts');
    files = generateFiles(count, course, toProgressFile);
    const labels = {
      learner: 'Learner',
      file: 'File',
      ofTotal: '{{title}} (of {{total}})',
      total: 'Total',
      lastActivity: 'Last activity',
      chapterTitles: course.chapters.map((c) => c.id),
    };
    const times = { aggregate: [], sort: [], csv: [] };
    const warmUp = 3;
    for (let run = 0; run < nodeRuns + warmUp; run += 1) {
      let t = performance.now();
      const result = aggregateClass(files, course);
      const aggregateMs = performance.now() - t;
      t = performance.now();
      const sorted = sortRows(result.rows, { by: 'learner' }, 'asc', 'zh-CN');
      const sortMs = performance.now() - t;
      t = performance.now();
      toCsv(sorted, course, labels);
      const csvMs = performance.now() - t;
      if (result.rows.length !== count) throw new Error(`expected ${count} rows, got ${result.rows.length}`);
      if (run < warmUp) continue; // until the JIT has compiled the parser
      times.aggregate.push(aggregateMs);
      times.sort.push(sortMs);
      times.csv.push(csvMs);
    }
    node.files = count;
    node.runs = nodeRuns;
    node.bytes = files.reduce((n, f) => n + f.size, 0);
    for (const [name, values] of Object.entries(times)) {
      node[`${name}Ms`] = +median(values).toFixed(2);
      node[`${name}MinMs`] = +Math.min(...values).toFixed(2);
    }
  } finally {
    await vite.close();
  }

  // Chromium, end to end: choose the files, wait until every row is drawn.
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dist, '--port', String(port)], { stdio: 'ignore' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const browserTimes = { wall: [], inPage: [] };
  try {
    await new Promise((r) => setTimeout(r, 800));
    const page = await browser.newPage();
    const payload = files.map((f) => ({ name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) }));
    for (let run = 0; run < runs; run += 1) {
      await page.goto(`http://127.0.0.1:${port}/en/dashboard/`);
      const input = page.locator('wm-class-dashboard input[type="file"]');
      await input.waitFor({ state: 'attached' });
      await page.waitForFunction(() => !document.querySelector('wm-class-dashboard input[type="file"]').disabled);
      // The page notes when the input fires; the poll below notes when the last row is in.
      await page.evaluate(() => {
        const node = document.querySelector('wm-class-dashboard input[type="file"]');
        node.addEventListener('change', () => (window.__changedAt = performance.now()), { capture: true, once: true });
      });
      const started = performance.now();
      await input.setInputFiles(payload);
      const handle = await page.waitForFunction(
        (n) => document.querySelectorAll('wm-class-dashboard tbody tr').length === n && performance.now() - window.__changedAt,
        count,
        { polling: 'raf' },
      );
      browserTimes.wall.push(performance.now() - started);
      browserTimes.inPage.push(await handle.jsonValue());
    }
  } finally {
    await browser.close();
    server.kill();
  }
  return {
    node,
    chromium: { files: count, wallMs: Math.round(median(browserTimes.wall)), changeToTableMs: Math.round(median(browserTimes.inPage)), runs },
  };
}

export function printDashboard(result) {
  const { node, chromium: c } = result;
  console.log(`\nClass progress dashboard, ${node.files} generated progress files (${(node.bytes / 1024).toFixed(0)} KiB), medians:`);
  console.log(
    `  Node (${node.runs} runs): aggregate ${node.aggregateMs} ms (fastest ${node.aggregateMinMs} ms), sort by name (zh-CN) ${node.sortMs} ms, CSV ${node.csvMs} ms`,
  );
  console.log(
    `  Chromium (${c.runs} runs): files chosen → ${c.files} rows drawn: ${c.changeToTableMs} ms in the page (from the input's change event), ${c.wallMs} ms wall clock including Playwright handing the files over`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printDashboard(await measureDashboard({ port: Number(process.env.WAYMARK_PORT_BASE ?? 4410) + 6 }));
}
