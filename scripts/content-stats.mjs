// Per chapter and language: prose size (English words; for Chinese, Han
// characters plus Latin words), checklist items, walkthrough steps, diagrams.
//   node scripts/content-stats.mjs [content-dir]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'content';

function prose(source) {
  return source
    .replace(/^---[\s\S]*?\n---\n/, '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#*`|>_-]/g, ' ');
}

const config = JSON.parse(readFileSync(join(dir, 'course.json'), 'utf8'));
const pathOrder = config.path.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.chapters));
const rows = [];
for (const locale of config.locales) {
  for (const file of readdirSync(join(dir, locale)).filter((f) => f.endsWith('.mdx'))) {
    const source = readFileSync(join(dir, locale, file), 'utf8');
    const text = prose(source);
    const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
    const words = (text.replace(/\p{Script=Han}/gu, ' ').match(/[A-Za-z0-9][A-Za-z0-9'’.-]*/g) ?? []).length;
    const order = pathOrder.indexOf(/^id:\s*(\S+)/m.exec(source)?.[1]) + 1;
    const walkthrough = /<Walkthrough id="([^"]+)"/.exec(source)?.[1];
    const wtFile = walkthrough && join(dir, 'walkthroughs', walkthrough, 'walkthrough.json');
    rows.push({
      order,
      chapter: file.replace(/\.mdx$/, ''),
      locale,
      size: locale === 'en' ? `${words} words` : `${han} Han characters + ${words} Latin words`,
      items: (source.match(/<Item id=/g) ?? []).length,
      steps: wtFile && existsSync(wtFile) ? JSON.parse(readFileSync(wtFile, 'utf8')).steps.length : 0,
      diagrams: (source.match(/<figure class="diagram"/g) ?? []).length,
    });
  }
}
rows.sort((a, b) => a.order - b.order || a.locale.localeCompare(b.locale));
for (const r of rows) {
  console.log(
    `${String(r.order).padStart(2)} ${r.chapter.padEnd(24)} ${r.locale.padEnd(6)} ${r.size.padEnd(38)} items ${String(r.items).padStart(2)}  steps ${r.steps}  diagrams ${r.diagrams}`,
  );
}
