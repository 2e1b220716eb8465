// Fails when a built chapter page ships more JS than the budget allows, or
// fetches more than one script file or any stylesheet before it is ready
// (bench-paint measures what those cost; here they are only counted).
// Sizes and counts, not timings: deterministic for a given build, so safe to assert.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHAPTER_JS_BUDGET_GZIP, CHAPTER_REQUEST_BUDGET, pageWeight } from './lib/page-weight.mjs';

const dist = process.argv[2] ?? 'dist';
let failed = 0;
let checked = 0;
for (const locale of readdirSync(dist).filter((d) => /^[a-z]{2}(-[a-z]+)?$/.test(d))) {
  const chapters = join(dist, locale, 'chapters');
  for (const slug of readdirSync(chapters)) {
    const weight = pageWeight(dist, '/', join(chapters, slug, 'index.html'));
    checked += 1;
    const ok = weight.js.gzip <= CHAPTER_JS_BUDGET_GZIP;
    if (!ok) failed += 1;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${locale}/chapters/${slug}: JS ${weight.js.gzip} B gzip (budget ${CHAPTER_JS_BUDGET_GZIP} B)`);
    for (const [kind, most] of Object.entries(CHAPTER_REQUEST_BUDGET)) {
      if (weight.requests[kind] <= most) continue;
      failed += 1;
      console.log(`OVER ${locale}/chapters/${slug}: ${weight.requests[kind]} ${kind} files before the page is ready (at most ${most})`);
    }
  }
}
// i18next and shiki run at build time only; their code must never reach the browser.
const shipped = readdirSync(join(dist, '_astro')).filter((f) => f.endsWith('.js'));
for (const file of shipped) {
  const code = readFileSync(join(dist, '_astro', file), 'utf8');
  for (const [name, marker] of [
    ['i18next', /i18next/],
    ['shiki', /shiki|createHighlighter|oniguruma/i],
  ]) {
    if (marker.test(code)) {
      failed += 1;
      console.log(`OVER _astro/${file} contains ${name}, which must stay at build time`);
    }
  }
}
console.log(`ok   ${shipped.length} browser scripts checked: no i18next, no shiki`);

if (!checked) {
  console.error('check-budget: no chapter pages found; build the site first');
  process.exit(1);
}
process.exit(failed ? 1 : 0);
