/**
 * The term check of `npm run check`: every text a reader of a locale meets
 * (its chapters, and the locale's strings in the glossary, walkthroughs,
 * facts, course config, UI and harness catalogs) uses the terms of
 * `<content>/terms.<locale>.json`; and the code samples of Chinese chapters
 * explain themselves in Chinese.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'astro/zod';
import type { ContentProblem } from '../../src/lib/content-error';
import { jsonLine, jsonValueLines, schemaProblems, type JsonPath } from '../../src/lib/json-lines';
import { englishComments } from '../../src/lib/code-comments';
import { describeTermProblem, termProblems, type TermRule } from '../../src/lib/terms';

const rel = (path: string) => relative(process.cwd(), path) || path;

const termFileSchema = z
  .object({
    locale: z.string(),
    terms: z.array(
      z
        .object({
          term: z.string().min(1),
          concept: z.string().min(1),
          avoid: z.array(z.string().min(1)).min(1),
          allow: z.array(z.string().min(1)).optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** String values of a JSON document that belong to `locale`: under a key named after it, or all of them when `whole`. */
function localeStrings(value: unknown, locale: string, whole: boolean, path: JsonPath = []): { path: JsonPath; text: string }[] {
  if (typeof value === 'string') return whole ? [{ path, text: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => localeStrings(v, locale, whole, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => localeStrings(v, locale, whole || k === locale, [...path, k]));
  }
  return [];
}

function jsonTermProblems(path: string, locale: string, whole: boolean, rules: readonly TermRule[]): ContentProblem[] {
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return []; // reported by the loader that owns the file
  }
  const lines = jsonValueLines(text);
  return localeStrings(data, locale, whole).flatMap(({ path: at, text: value }) =>
    termProblems(value, rules).map((p) => ({ file: rel(path), line: jsonLine(lines, at), message: describeTermProblem(p) })),
  );
}

const jsonFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(dir, f))
    : [];

export function checkTerms(dir: string, locales: readonly string[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const locale of locales.filter((l) => l.startsWith('zh'))) {
    const chapterDir = join(dir, locale);
    for (const name of existsSync(chapterDir) ? readdirSync(chapterDir).filter((f) => f.endsWith('.mdx')) : []) {
      const path = join(chapterDir, name);
      for (const p of englishComments(readFileSync(path, 'utf8'))) {
        problems.push({
          file: rel(path),
          line: p.line,
          message: `the code comment “${p.comment}” is English in a ${locale} chapter; explain the code in the reader's language`,
        });
      }
    }
  }
  for (const locale of locales) {
    const termsFile = join(dir, `terms.${locale}.json`);
    if (!existsSync(termsFile)) continue;
    const text = readFileSync(termsFile, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      problems.push({ file: rel(termsFile), message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = termFileSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...schemaProblems(rel(termsFile), text, parsed.error.issues));
      continue;
    }
    if (parsed.data.locale !== locale)
      problems.push({
        file: rel(termsFile),
        line: jsonLine(jsonValueLines(text), ['locale']),
        message: `says locale "${parsed.data.locale}" but is named for "${locale}"`,
      });
    const rules = parsed.data.terms;

    const chapterDir = join(dir, locale);
    for (const name of existsSync(chapterDir) ? readdirSync(chapterDir).filter((f) => f.endsWith('.mdx')) : []) {
      const path = join(chapterDir, name);
      for (const p of termProblems(readFileSync(path, 'utf8'), rules)) problems.push({ file: rel(path), line: p.line, message: describeTermProblem(p) });
    }
    const walkthroughs = join(dir, 'walkthroughs');
    const shared = [
      join(dir, 'course.json'),
      ...jsonFiles(join(dir, 'glossary')),
      ...jsonFiles(join(dir, 'facts')),
      ...(existsSync(walkthroughs)
        ? readdirSync(walkthroughs)
            .map((w) => join(walkthroughs, w, 'walkthrough.json'))
            .filter(existsSync)
        : []),
      join('src', 'runtime', 'python', 'waymark', 'messages.json'),
    ];
    for (const path of shared.filter(existsSync)) problems.push(...jsonTermProblems(path, locale, false, rules));
    const ui = join('src', 'i18n', `${locale}.json`);
    if (existsSync(ui)) problems.push(...jsonTermProblems(ui, locale, true, rules));
  }
  return problems;
}
