/**
 * The course config, `<content>/course.json`: the one file that says what a
 * course is. Its id, the languages it is written in, its name and
 * description in each, and the learning path (the chapters in order,
 * optionally grouped into sections). Nothing else in the engine names a
 * course, a chapter order or a language list; Astro's config, the pages and
 * `npm run check` all read it through this module.
 *
 * ```json
 * {
 *   "id": "deploying-python-web-apps",
 *   "locales": ["en", "zh-cn"],
 *   "title": { "en": "…", "zh-cn": "…" },
 *   "description": { "en": "…", "zh-cn": "…" },
 *   "factReviewMonths": 6,
 *   "path": [
 *     { "id": "getting-online", "title": { "en": "…", "zh-cn": "…" }, "chapters": ["production-environment", "platform-as-a-service"] },
 *     "security"
 *   ]
 * }
 * ```
 *
 * A path entry is a chapter id or a section; consecutive chapter ids outside
 * sections form an untitled group. Problems are reported with the line of
 * course.json they concern.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'astro/zod';
import { ContentError, type ContentProblem } from '../lib/content-error';
import { ITEM_ID_PATTERN } from '../lib/ids';
import { jsonLine, jsonValueLines } from '../lib/json-lines';
import { contentDir } from './content-dir';
import { isLocale, locales as uiLocales, type Locale } from './locales';

/** Text in each of the course's languages. */
export type Localized = Record<Locale, string>;

export interface PathSection {
  /** Absent for chapters listed outside any section. */
  id?: string;
  title?: Localized;
  chapters: string[];
}

export interface CourseConfig {
  /**
   * Namespaces the learner's stored progress and exported files. Changing it
   * starts every learner from zero, so pick it once.
   */
  id: string;
  /** The course's languages; the first is the default. */
  locales: Locale[];
  title: Localized;
  description: Localized;
  /** The learning path in order. Every chapter appears exactly once. */
  sections: PathSection[];
  /** Chapter ids in learning order, flattened from `sections`. */
  order: string[];
  /** The line of course.json that lists each chapter id, for messages. */
  chapterLines: Record<string, number>;
  /** Where the config was read from, for messages. */
  file: string;
  /**
   * How old a dated fact (`content/facts/`) may get before `npm run check`
   * lists it for review; 6 months unless the config says otherwise.
   */
  factReviewMonths: number;
}

const kebab = (what: string, example: string) => z.string().regex(ITEM_ID_PATTERN, `${what} must be kebab-case, such as "${example}"`);

const supported = Object.keys(uiLocales).join(', ');

const rawSchema = z
  .object({
    id: kebab('course id', 'deploying-python-web-apps'),
    locales: z
      .array(z.string().refine(isLocale, { message: `not a language Waymark's interface is written in; use one of: ${supported}` }))
      .min(1, `list at least one language, such as ["en"]`),
    title: z.record(z.string(), z.string()),
    description: z.record(z.string(), z.string()),
    path: z.array(z.unknown()).min(1, 'the learning path is empty; list the chapter ids in order'),
    factReviewMonths: z.number().int('factReviewMonths is a whole number of months').min(1).max(60).optional(),
  })
  .strict();

const sectionSchema = z
  .object({
    id: kebab('section id', 'getting-online'),
    title: z.record(z.string(), z.string()),
    chapters: z.array(kebab('chapter id', 'platform-as-a-service')).min(1, 'a section needs at least one chapter id'),
  })
  .strict();

type Issue = { path: (string | number)[]; message: string };

function localized(value: Record<string, string>, field: (string | number)[], languages: readonly string[], issues: Issue[]): Localized {
  for (const locale of languages) {
    if (!value[locale]?.trim()) issues.push({ path: [...field, locale], message: `${field.join('.')} has no text in ${locale}; add "${locale}": "…"` });
  }
  for (const locale of Object.keys(value)) {
    if (!languages.includes(locale)) {
      issues.push({
        path: [...field, locale],
        message: `${field.join('.')} has text in "${locale}", which is not in "locales"; add the language there or remove the text`,
      });
    }
  }
  return value as Localized;
}

/** Validates the config's text; `file` names it in problems. */
export function parseCourseConfig(text: string, file: string): { ok: true; config: CourseConfig } | { ok: false; problems: ContentProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ file, message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const lines = jsonValueLines(text);
  const problems = (issues: Issue[]) => ({
    ok: false as const,
    problems: issues.map((issue) => ({ file, line: jsonLine(lines, issue.path), message: issue.message })),
  });

  const parsed = rawSchema.safeParse(raw);
  if (!parsed.success) {
    return problems(
      parsed.error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
        const where = path.join('.');
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; a course has id, locales, title, description, path and factReviewMonths`
            : issue.code === 'invalid_type' && issue.input === undefined
              ? `"${where}" is missing`
              : `${where ? `${where}: ` : ''}${issue.message}`;
        return { path, message };
      }),
    );
  }

  const data = parsed.data;
  const issues: Issue[] = [];
  const languages = data.locales as Locale[];
  languages.forEach((locale, i) => {
    if (languages.indexOf(locale) !== i) issues.push({ path: ['locales', i], message: `"${locale}" is listed twice in locales` });
  });
  const title = localized(data.title, ['title'], languages, issues);
  const description = localized(data.description, ['description'], languages, issues);

  const sections: PathSection[] = [];
  const seenChapters = new Map<string, number>();
  const seenSections = new Set<string>();
  const chapterLines: Record<string, number> = {};
  const addChapter = (id: string, path: (string | number)[]) => {
    if (seenChapters.has(id)) issues.push({ path, message: `chapter "${id}" is already in the learning path; list each chapter once` });
    seenChapters.set(id, seenChapters.size);
    chapterLines[id] ??= jsonLine(lines, path);
  };
  data.path.forEach((entry, i) => {
    if (typeof entry === 'string') {
      if (!ITEM_ID_PATTERN.test(entry)) {
        issues.push({ path: ['path', i], message: `"${entry}" is not a chapter id; chapter ids are kebab-case, such as "platform-as-a-service"` });
        return;
      }
      addChapter(entry, ['path', i]);
      const last = sections.at(-1);
      if (last && last.id === undefined) last.chapters.push(entry);
      else sections.push({ chapters: [entry] });
      return;
    }
    const section = sectionSchema.safeParse(entry);
    if (!section.success) {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        issues.push({ path: ['path', i], message: 'each path entry is a chapter id ("databases") or a section { "id", "title", "chapters" }' });
        return;
      }
      for (const issue of section.error.issues) {
        const path = ['path', i, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; a section has id, title and chapters`
            : issue.code === 'invalid_type' && issue.input === undefined
              ? `section is missing "${issue.path.join('.')}"`
              : `${issue.path.join('.')}: ${issue.message}`;
        issues.push({ path, message });
      }
      return;
    }
    const { id, chapters } = section.data;
    if (seenSections.has(id)) issues.push({ path: ['path', i, 'id'], message: `section id "${id}" is used twice; section ids must be unique` });
    seenSections.add(id);
    chapters.forEach((chapter, n) => addChapter(chapter, ['path', i, 'chapters', n]));
    sections.push({ id, title: localized(section.data.title, ['path', i, 'title'], languages, issues), chapters });
  });

  if (issues.length) return problems(issues);
  return {
    ok: true,
    config: {
      id: data.id,
      locales: languages,
      title,
      description,
      sections,
      order: sections.flatMap((s) => s.chapters),
      chapterLines,
      file,
      factReviewMonths: data.factReviewMonths ?? 6,
    },
  };
}

/** Reads and validates `<dir>/course.json`; throws a ContentError listing every problem. */
export function readCourseConfig(dir: string = contentDir): CourseConfig {
  const path = join(dir, 'course.json');
  const file = relative(process.cwd(), path) || path;
  if (!existsSync(path)) {
    throw new ContentError([{ file, message: 'missing: every course folder needs course.json with id, locales, title, description and path' }]);
  }
  const result = parseCourseConfig(readFileSync(path, 'utf8'), file);
  if (!result.ok) throw new ContentError(result.problems);
  return result.config;
}

/**
 * The languages of the course being built, in the config's order (the first
 * is the default). Read once when the build starts; a broken config falls
 * back to every interface language here and is reported, with lines, by
 * whatever reads the config in full (the build and `npm run check`).
 */
export const localeKeys: readonly Locale[] = (() => {
  try {
    return readCourseConfig().locales;
  } catch {
    return Object.keys(uiLocales) as Locale[];
  }
})();

export const defaultLocale: Locale = localeKeys[0]!;

/** `getStaticPaths` for a page built once per course language (`src/pages/[lang]/…`). */
export function localePaths(): { params: { lang: Locale } }[] {
  return localeKeys.map((lang) => ({ params: { lang } }));
}
