// Creates a chapter in every language of the course, ready to fill:
//   npm run new:chapter -- <slug> [--title "Title"] [--section <section-id>]
// Writes content/<locale>/<slug>.mdx for each of course.json's locales, with
// frontmatter (id = slug) and an empty checklist, and adds the chapter to the
// learning path: to the given section, else to the last one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { title: { type: 'string' }, section: { type: 'string' } } });
const slug = positionals[0];
const dir = process.env.WAYMARK_CONTENT ?? 'content';

function fail(message) {
  console.error(`new:chapter: ${message}`);
  process.exit(1);
}

/** JSON as authors write it: two-space indents, short string-only objects and arrays on one line. */
export function formatJson(value, indent = '') {
  const inner = `${indent}  `;
  if (Array.isArray(value) || (value && typeof value === 'object')) {
    const entries = Array.isArray(value) ? value.map((v) => [null, v]) : Object.entries(value);
    const flat = entries.every(([, v]) => typeof v !== 'object' || v === null);
    const one = (k, v, at) => `${k === null ? '' : `${JSON.stringify(k)}: `}${formatJson(v, at)}`;
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    if (flat) {
      const pad = Array.isArray(value) ? '' : ' ';
      const line = `${open}${pad}${entries.map(([k, v]) => one(k, v, inner)).join(', ')}${pad}${close}`;
      if (!entries.length) return `${open}${close}`;
      if (line.length + indent.length <= 100) return line;
    }
    return `${open}\n${entries.map(([k, v]) => `${inner}${one(k, v, inner)}`).join(',\n')}\n${indent}${close}`;
  }
  return JSON.stringify(value);
}

if (!slug || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) fail('give a kebab-case slug, for example: npm run new:chapter -- caching-strategies');
const configFile = join(dir, 'course.json');
let config;
try {
  config = JSON.parse(readFileSync(configFile, 'utf8'));
} catch (error) {
  fail(`cannot read ${configFile} (${error.message.split('\n')[0]}); run npm run check to see what is wrong with it`);
}
const locales = Array.isArray(config.locales) ? config.locales.filter((l) => typeof l === 'string') : [];
if (!locales.length || !Array.isArray(config.path)) fail(`${configFile} needs "locales" and "path"; run npm run check`);
for (const locale of locales) {
  if (existsSync(join(dir, locale, `${slug}.mdx`))) fail(`${join(dir, locale, `${slug}.mdx`)} already exists`);
}
const listed = config.path.flatMap((entry) => (typeof entry === 'string' ? [entry] : (entry?.chapters ?? [])));
if (listed.includes(slug)) fail(`"${slug}" is already in the learning path in ${configFile}`);

let target;
if (values.section) {
  target = config.path.find((entry) => typeof entry === 'object' && entry?.id === values.section);
  if (!target) {
    const ids = config.path.filter((e) => typeof e === 'object' && e?.id).map((e) => e.id);
    fail(`no section "${values.section}" in ${configFile}${ids.length ? `; sections: ${ids.join(', ')}` : ''}`);
  }
} else {
  const last = config.path.at(-1);
  if (last && typeof last === 'object' && Array.isArray(last.chapters)) target = last;
}
if (target) target.chapters.push(slug);
else config.path.push(slug);

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
    `---\nid: ${slug}\ntitle: ${JSON.stringify(title)}\nsummary: ${JSON.stringify(text.summary)}\nupdated: ${today}\n---\n\n${text.body}\n\n<Checklist>\n</Checklist>\n`,
  );
  console.log(`created ${file}`);
}
writeFileSync(configFile, `${formatJson(config)}\n`);
console.log(`added "${slug}" to the learning path in ${configFile}${target?.id ? ` (section "${target.id}")` : ''}`);
console.log(`Next: write every language, add <Item id="…"> lines with the same ids in each, then npm run check.`);
