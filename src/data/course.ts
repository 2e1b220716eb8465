/**
 * The course as pages see it at build time: the validated course file and
 * every chapter paired across locales. Validation errors end the build with
 * every problem listed by file and line (see `buildCourse`).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../config/locales';
import { readCourseConfig, type CourseConfig } from '../config/course-config';
import { buildCourse, type Chapter } from '../lib/course-model';
import { loadFacts, type Fact } from './facts';
import { loadGlossary, type GlossaryEntry } from './glossary';
import { loadWalkthroughs, type Walkthrough } from './walkthroughs';

export interface Course {
  config: CourseConfig;
  chapters: Chapter[];
  walkthroughs: Walkthrough[];
  glossary: GlossaryEntry[];
  /** Dated facts by id. */
  facts: Map<string, Fact>;
  /** The rendered MDX entry of a chapter in one locale. */
  entry(chapterId: string, locale: Locale): CollectionEntry<'chapters'>;
}

async function load(): Promise<Course> {
  const config = readCourseConfig();
  const entries = await getCollection('chapters');
  const byKey = new Map<string, CollectionEntry<'chapters'>>();
  const sources = entries.map((entry) => {
    const file = entry.filePath ?? entry.id;
    const locale = basename(dirname(file));
    byKey.set(`${entry.data.id}|${locale}`, entry);
    return {
      locale,
      slug: basename(file, '.mdx'),
      file: relative(process.cwd(), file) || file,
      meta: entry.data,
      source: readFileSync(file, 'utf8'),
    };
  });
  const walkthroughs = loadWalkthroughs();
  const glossary = loadGlossary();
  const facts = loadFacts();
  const chapters = buildCourse(sources, config.locales, {
    path: { order: config.order, file: config.file, lines: config.chapterLines },
    walkthroughs: walkthroughs.map((w) => ({ id: w.id, chapter: w.chapter, file: w.file, steps: w.steps })),
    glossary: new Set(glossary.map((entry) => entry.id)),
    facts,
  });
  return {
    config,
    chapters,
    walkthroughs,
    glossary,
    facts: new Map(facts.map((fact) => [fact.id, fact])),
    entry(chapterId, locale) {
      const entry = byKey.get(`${chapterId}|${locale}`);
      if (!entry) throw new Error(`no ${locale} entry for chapter ${chapterId}`);
      return entry;
    },
  };
}

let cached: Promise<Course> | undefined;

export function getCourse(): Promise<Course> {
  // The dev server must see edits; a build reads the content once.
  if (import.meta.env.DEV) return load();
  cached ??= load();
  return cached;
}
