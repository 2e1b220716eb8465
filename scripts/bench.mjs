// Benchmarks, reported not asserted: build time per page, and what each page
// type weighs (HTML, CSS, JS raw and gzip, inline scripts counted), for the
// real course and for a generated 200-chapter course.
//   npm run bench            → table on stdout, JSON in bench-results/latest.json
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAPTER_JS_BUDGET_GZIP, pageTypes, pageWeight } from './lib/page-weight.mjs';
import { measureApp, printApp } from './lib/bench-app.mjs';
import { courseShape, measureDashboard, printDashboard } from './lib/bench-dashboard.mjs';
import { measurePython, printPython } from './lib/bench-python.mjs';
import { ssrServer } from './lib/vite-ssr.mjs';
import { indexingMs, indexSizes, searchBytes } from './lib/search-bench.mjs';
import { defaultChapters, measurePaint, printPaint } from './lib/bench-paint.mjs';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

function countPages(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countPages(join(dir, entry.name));
    else if (entry.name.endsWith('.html')) n += 1;
  }
  return n;
}

function timedBuild(extraEnv) {
  const started = performance.now();
  const result = spawnSync('astro', ['build'], { env: { ...env, ...extraEnv }, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error('build failed');
  }
  return ms;
}

/** A course of `n` chapters in both languages, each with prose, code and a checklist. */
function generateCourse(dir, n) {
  rmSync(dir, { recursive: true, force: true });
  const fixture = JSON.parse(readFileSync('tests/fixtures/small-course/course.json', 'utf8'));
  mkdirSync(join(dir, 'en'), { recursive: true });
  mkdirSync(join(dir, 'zh-cn'), { recursive: true });
  // Twenty sections of ten chapters, as a long course would group them.
  const path = Array.from({ length: Math.ceil(n / 10) }, (_, s) => ({
    id: `part-${s + 1}`,
    title: { en: `Part ${s + 1}`, 'zh-cn': `第 ${s + 1} 部分` },
    chapters: Array.from({ length: Math.min(10, n - s * 10) }, (_, i) => `chapter-${s * 10 + i + 1}`),
  }));
  writeFileSync(join(dir, 'course.json'), JSON.stringify({ ...fixture, id: 'bench-course', path }));
  const para = (i, lang) =>
    lang === 'en'
      ? `Section ${i} explains one idea in a few sentences, so the page has the weight of real prose. `.repeat(6)
      : `第 ${i} 节用几句话讲清一个概念，让页面具有真实正文的分量。`.repeat(6);
  for (let c = 1; c <= n; c += 1) {
    for (const lang of ['en', 'zh-cn']) {
      const sections = Array.from(
        { length: 6 },
        (_, i) =>
          `## Section ${i + 1}\n\n${para(i + 1, lang)}\n\n\`\`\`python\ndef handler_${i}(environ, start_response):\n    start_response("200 OK", [("Content-Type", "text/plain")])\n    return [b"chapter ${c}"]\n\`\`\`\n`,
      ).join('\n');
      const items = Array.from({ length: 8 }, (_, i) => `  <Item id="c${c}-item-${i + 1}">${lang === 'en' ? 'Do step' : '完成第'} ${i + 1}</Item>`).join('\n');
      writeFileSync(
        join(dir, lang, `chapter-${c}.mdx`),
        `---\nid: chapter-${c}\ntitle: ${lang === 'en' ? 'Chapter' : '章节'} ${c}\nsummary: Generated chapter ${c}.\n---\n\n${sections}\n<Checklist>\n${items}\n</Checklist>\n`,
      );
    }
  }
}

const report = { date: new Date().toISOString(), node: process.version, course: {}, generated: {} };

// The real course.
const courseMs = timedBuild({});
const coursePages = countPages('dist');
report.course.build = { ms: Math.round(courseMs), pages: coursePages, msPerPage: +(courseMs / coursePages).toFixed(1) };
const slug = readdirSync('dist/en/chapters')[0];
report.course.pages = Object.fromEntries(Object.entries(pageTypes('dist', slug)).map(([name, file]) => [name, pageWeight('dist', '/', file)]));

// A generated 200-chapter course: does build time per page stay flat?
const genDir = 'tests/.tmp/bench-course';
generateCourse(genDir, 200);
const genMs = timedBuild({ WAYMARK_CONTENT: `./${genDir}`, WAYMARK_OUT: './dist-bench' });
const genPages = countPages('dist-bench');
report.generated.build = { chapters: 200, ms: Math.round(genMs), pages: genPages, msPerPage: +(genMs / genPages).toFixed(1) };
report.generated.pages = {
  'learning path (en)': pageWeight('dist-bench', '/', 'dist-bench/en/index.html'),
  'chapter (en)': pageWeight('dist-bench', '/', 'dist-bench/en/chapters/chapter-100/index.html'),
};
rmSync('dist-bench', { recursive: true, force: true });

// The Python runtime in a real browser, each figure beside its same-run peer (scripts/lib/bench-python.mjs).
report.runtime = await measurePython({ chromium, dist: 'dist', slug, port: Number(process.env.WAYMARK_PORT_BASE ?? 4410) + 12 });
// Chapter paint at 4× CPU against a bare page with the chapter's text, and requests before interaction.
report.paint = await measurePaint({ chapters: defaultChapters('dist') });

// The class progress dashboard: 200 progress files in Node and in Chromium.
report.dashboard = await measureDashboard({ port: Number(process.env.WAYMARK_PORT_BASE ?? 4410) + 6 });
// The app browser: a click in the app's frame to the new page painted (fixture app).
report.app = await measureApp({ port: Number(process.env.WAYMARK_PORT_BASE ?? 4410) + 17 });
// Share links: how long the link is for the real course (built above), with
// every item ticked, half, and none. Loads the codec through Vite, as `npm run check` does.
async function measureShareLinks() {
  const vite = await ssrServer();
  try {
    const { encodeShareLink, shareUrl } = await vite.ssrLoadModule('/src/lib/share-link.ts');
    const course = courseShape('dist');
    const items = course.chapters.flatMap((c) => c.items.map((item) => [c.id, item]));
    // Ticks a chapter per evening, a few days apart, items minutes apart: how learners work.
    const doc = (share, minutesFor) => {
      const chapters = {};
      items.forEach(([c, item], i) => {
        if (i % share !== 0) return;
        (chapters[c] ??= {})[item] = { done: true, at: new Date(Date.UTC(2026, 8, 1) + minutesFor(i, c) * 60_000).toISOString() };
      });
      return { version: 1, courseId: course.courseId, chapters };
    };
    const session = (i, c) => course.chapters.findIndex((ch) => ch.id === c) * 4 * 1440 + 19 * 60 + i * 6;
    const cases = {
      'all ticked, a chapter per session': doc(1, session),
      'all ticked, one item every 9 hours': doc(1, (i) => i * 540),
      'half ticked': doc(2, session),
      'nothing ticked': doc(Infinity, session),
    };
    const page = 'https://example.org/course/zh-cn/progress/';
    return {
      items: items.length,
      chapters: course.chapters.length,
      page,
      cases: Object.fromEntries(
        Object.entries(cases).map(([name, d]) => {
          const payload = encodeShareLink(d, course);
          return [name, { fragmentChars: payload.length + '#share='.length, urlChars: shareUrl(page, payload).length }];
        }),
      ),
    };
  } finally {
    await vite.close();
  }
}
report.shareLinks = await measureShareLinks();
// Search: index size per language, indexing time, bytes per query.
report.search = {
  indexing: await indexingMs('dist'),
  sizes: indexSizes('dist'),
  bytes: await searchBytes(chromium, 'dist', Number(process.env.WAYMARK_PORT_BASE ?? 4410) + 9, {
    en: ['reverse proxy', 'database migrations'],
    'zh-cn': ['反向代理', '数据库迁移'],
  }),
};
// Offline use: what the service worker stores on a first visit, and what
// saving the Python runtime adds (bytes as stored, uncompressed).
async function measureOffline(slug) {
  const port = Number(process.env.WAYMARK_PORT_BASE ?? 4410) + 5;
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', 'dist', '--port', String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const cacheBytes = (page, kind) =>
    page.evaluate(async (kind) => {
      let bytes = 0;
      let files = 0;
      for (const name of (await caches.keys()).filter((k) => k.includes(`:${kind}:`))) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          bytes += (await (await cache.match(request)).blob()).size;
          files += 1;
        }
      }
      return { bytes, files };
    }, kind);
  try {
    const page = await browser.newPage();
    const started = performance.now();
    await page.goto(`http://127.0.0.1:${port}/en/chapters/${slug}/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const precacheMs = performance.now() - started;
    const site = await cacheBytes(page, 'site');
    await page.goto(`http://127.0.0.1:${port}/en/progress/`);
    const saveStarted = performance.now();
    await page.locator('[data-save]').click();
    await page.locator('wm-offline-python[data-state="saved"]').waitFor({ timeout: 120_000 });
    const saveMs = performance.now() - saveStarted;
    const python = await cacheBytes(page, 'python');
    return { precache: { ...site, ms: Math.round(precacheMs) }, pythonSave: { ...python, ms: Math.round(saveMs) } };
  } finally {
    await browser.close();
    server.kill();
  }
}

report.offline = await measureOffline(slug);

// Print.
const kb = (n) => `${(n / 1024).toFixed(1)}`;
const row = (name, w) =>
  `${name.padEnd(24)} ${kb(w.html.raw).padStart(7)} ${kb(w.html.gzip).padStart(6)} ${kb(w.css.raw).padStart(7)} ${kb(w.css.gzip).padStart(6)} ${kb(w.js.raw).padStart(7)} ${kb(w.js.gzip).padStart(6)} ${String(w.js.files).padStart(4)} ${kb(w.data.raw).padStart(6)}`;
const header = `${'page type'.padEnd(24)} ${'HTML'.padStart(7)} ${'gz'.padStart(6)} ${'CSS'.padStart(7)} ${'gz'.padStart(6)} ${'JS'.padStart(7)} ${'gz'.padStart(6)} ${'scr'.padStart(4)} ${'JSON'.padStart(6)}   (KiB; scr = JS files + inline scripts)`;
console.log(
  `\nCourse build: ${report.course.build.pages} pages in ${(courseMs / 1000).toFixed(1)} s, ${report.course.build.msPerPage} ms per page (whole build ÷ pages)`,
);
console.log(header);
for (const [name, w] of Object.entries(report.course.pages)) console.log(row(name, w));
console.log(
  `\nGenerated course: 200 chapters × 2 languages, ${genPages} pages in ${(genMs / 1000).toFixed(1)} s, ${report.generated.build.msPerPage} ms per page`,
);
console.log(header);
for (const [name, w] of Object.entries(report.generated.pages)) console.log(row(name, w));
printPython(report.runtime);
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
const se = report.search;
console.log(
  `\nSearch (Pagefind): indexing adds ${se.indexing.ms} ms to the build (${se.indexing.pages} pages); pagefind.js + worker ${kb(se.sizes.script)} KiB`,
);
for (const [lang, s] of Object.entries(se.sizes.languages)) {
  const b = se.bytes[lang];
  console.log(
    `  ${lang.padEnd(6)} ${s.pages} pages: index ${kb(s.meta + s.index)} KiB + fragments ${kb(s.fragments)} KiB, wasm ${kb(s.wasm)} KiB; fetched before opening ${kb(b.beforeOpen)} KiB, first query "${b.queries[0]}" ${kb(b.first)} KiB, second "${b.queries[1]}" ${kb(b.second)} KiB more (dialog code ${kb(b.dialogScript)} KiB)`,
  );
}
const off = report.offline;
console.log(`\nOffline (service worker, headless Chromium, loopback):`);
console.log(`  first visit precaches ${off.precache.files} files, ${mb(off.precache.bytes)} (page load → worker active: ${off.precache.ms} ms)`);
console.log(`  Save Python for offline use stores ${off.pythonSave.files} files, ${mb(off.pythonSave.bytes)} (${off.pythonSave.ms} ms)`);
const worst = Math.max(report.course.pages['chapter (en)'].js.gzip, report.course.pages['chapter (zh-cn)'].js.gzip);
printDashboard(report.dashboard);
printPaint(report.paint);
printApp(report.app);
console.log(`\nChapter page JS: ${worst} B gzip of a ${CHAPTER_JS_BUDGET_GZIP} B budget (${worst <= CHAPTER_JS_BUDGET_GZIP ? 'within' : 'OVER'})`);

const sl = report.shareLinks;
console.log(`\nShare links for the course (${sl.chapters} chapters, ${sl.items} items), fragment and whole link from ${sl.page}:`);
for (const [name, c] of Object.entries(sl.cases))
  console.log(`  ${name.padEnd(36)} fragment ${String(c.fragmentChars).padStart(4)} chars, link ${String(c.urlChars).padStart(4)} chars`);

// The test command: the last whole `npm test` on this machine (scripts/test.mjs
// records it; running it again here would double the bench), beside its floor:
// the CPU time the machine was busy during the run, spread over the cores (a
// run can finish no sooner, however its work is scheduled).
const testRunFile = 'bench-results/test-run.json';
if (existsSync(testRunFile)) {
  const t = JSON.parse(readFileSync(testRunFile, 'utf8'));
  report.testRun = t;
  const floor =
    t.cpuSeconds === null ? 'unknown' : `${Math.round(t.cpuSeconds / t.cores)} s (the machine busy ${Math.round(t.cpuSeconds)} CPU-s over ${t.cores} cores)`;
  console.log(
    `\nnpm test, last whole run (${t.at}, load average ${t.loadAverage.toFixed(1)}): ${t.wallSeconds} s wall clock vs floor ${floor}; ${t.passed} passed, ${t.failed} failed (goal ≤ 300 s: ${t.wallSeconds <= 300 ? 'within' : 'OVER'})`,
  );
} else console.log('\nnpm test: no whole run recorded yet (bench-results/test-run.json); run `npm test` first');

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.json', JSON.stringify(report, null, 2));
