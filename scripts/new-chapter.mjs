// Creates a chapter in every locale, ready to fill:
//   npm run new:chapter -- <slug> [--title "Title"]
// Writes content/<locale>/<slug>.mdx for each locale folder of the course,
// with frontmatter (id = slug, the next free order) and an empty checklist.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { title: { type: 'string' } } });
const slug = positionals[0];
const dir = process.env.WAYMARK_CONTENT ?? 'content';

function fail(message) {
  console.error(`new:chapter: ${message}`);
  process.exit(1);
}

if (!slug || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) fail('give a kebab-case slug, for example: npm run new:chapter -- caching-strategies');
const locales = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^[a-z]{2}(?:-[a-z]+)?$/.test(d.name))
  .map((d) => d.name)
  .sort();
if (!locales.length) fail(`no locale folders (such as en/) in ${dir}`);
for (const locale of locales) {
  if (existsSync(join(dir, locale, `${slug}.mdx`))) fail(`${join(dir, locale, `${slug}.mdx`)} already exists`);
}
let order = 0;
for (const locale of locales) {
  for (const file of readdirSync(join(dir, locale)).filter((f) => f.endsWith('.mdx'))) {
    const found = /^order:\s*(\d+)/m.exec(readFileSync(join(dir, locale, file), 'utf8'));
    if (found) order = Math.max(order, Number(found[1]));
  }
}
const title = values.title ?? slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
const today = new Date().toISOString().slice(0, 10);
const placeholder = {
  en: { summary: 'One or two sentences on what the learner will be able to do.', body: 'Write the chapter here.' },
  'zh-cn': { summary: '用一两句话说明学完本章能做什么。', body: '在这里撰写本章正文。' },
};
for (const locale of locales) {
  const text = placeholder[locale] ?? placeholder.en;
  const file = join(dir, locale, `${slug}.mdx`);
  writeFileSync(
    file,
    `---\nid: ${slug}\ntitle: ${JSON.stringify(title)}\nsummary: ${JSON.stringify(text.summary)}\norder: ${order + 1}\nupdated: ${today}\n---\n\n${text.body}\n\n<Checklist>\n</Checklist>\n`,
  );
  console.log(`created ${file}`);
}
console.log(`Next: write both languages, add <Item id="…"> lines with the same ids in each, then npm run build.`);
