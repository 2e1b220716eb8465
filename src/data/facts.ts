/**
 * Dated facts: every `facts/*.json` file of the course (one per chapter, so
 * authors never edit the same file), validated and merged. A fact names its
 * source and the day it was checked; chapters show it with `<Fact id>`, and
 * `npm run check` lists those older than the course's review age.
 */
import { join } from 'node:path';
import { contentDir } from '../config/content-dir';
import { localeKeys } from '../config/course-config';
import { factFileSchema, type FactConfig } from '../config/schema';
import { ContentError, type ContentProblem } from '../lib/content-error';
import type { FactRecord } from '../lib/fact-model';
import { readJsonFolder } from './json-folder';

export interface Fact extends FactRecord {
  file: string;
  /** Line of the fact's `id` in its file. */
  line: number;
}

/**
 * Text a fact needs in each of its languages: its label, and its value when
 * that is written per language. Text in a language the course does not have
 * is left alone (a one-language copy of a course keeps its facts files).
 */
function textProblems(fact: FactConfig, locales: readonly string[], courseLocales: readonly string[]): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const fields: [string, Record<string, string>][] = [['label', fact.label]];
  if (fact.value !== undefined && typeof fact.value !== 'string') fields.push(['value', fact.value]);
  for (const [field, texts] of fields) {
    for (const locale of locales) {
      if (!Object.hasOwn(texts, locale)) problems.push({ path: [field], message: `fact "${fact.id}" has no ${field} in ${locale}; add "${locale}": "…"` });
    }
    for (const locale of Object.keys(texts)) {
      if (courseLocales.includes(locale) && !locales.includes(locale)) {
        problems.push({
          path: [field, locale],
          message: `fact "${fact.id}" has a ${field} in "${locale}", which it is not used in; remove it or add the language to "locales"`,
        });
      }
    }
  }
  return problems;
}

/**
 * Every dated fact of the course. Problems end the build (a ContentError
 * listing them all); `npm run check` passes `report` to collect them and
 * still get every fact that could be read.
 */
export function loadFacts(root = join(contentDir, 'facts'), courseLocales: readonly string[] = localeKeys, report?: ContentProblem[]): Fact[] {
  const problems: ContentProblem[] = [];
  const facts: Fact[] = [];
  const seen = new Map<string, string>();
  const today = new Date().toISOString().slice(0, 10);
  for (const { file, data, line: lineOf } of readJsonFolder(root, factFileSchema, problems)) {
    for (const [index, fact] of data.entries()) {
      const line = lineOf([index, 'id']);
      const first = seen.get(fact.id);
      if (first) problems.push({ file, line, message: `fact id "${fact.id}" is already defined in ${first}` });
      seen.set(fact.id, file);
      if (fact.checked > today)
        problems.push({ file, line: lineOf([index, 'checked']), message: `fact "${fact.id}" says it was checked on ${fact.checked}, which is in the future` });
      const locales = (fact.locales ?? courseLocales).filter((l) => courseLocales.includes(l));
      if (!locales.length) continue;
      for (const p of textProblems(fact, locales, courseLocales)) problems.push({ file, line: lineOf([index, ...p.path]), message: p.message });
      facts.push({ ...fact, locales, file, line });
    }
  }
  if (report) report.push(...problems);
  else if (problems.length) throw new ContentError(problems);
  return facts;
}
