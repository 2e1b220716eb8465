/**
 * `npm run check`: everything the build would refuse, and more, without a
 * build. Reads the course folder directly and reports every problem as
 * `file:line: what is wrong and how to fix it`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import { load } from 'js-yaml';
import { contentDir } from '../../src/config/content-dir';
import { parseCourseConfig, type CourseConfig } from '../../src/config/course-config';
import { uiLocaleKeys, type Locale } from '../../src/config/locales';
import { chapterSchema } from '../../src/config/schema';
import { loadFacts, type Fact } from '../../src/data/facts';
import { loadGlossary, type GlossaryEntry } from '../../src/data/glossary';
import { loadWalkthroughs, type Walkthrough } from '../../src/data/walkthroughs';
import { readChecklist } from '../../src/lib/checklist-source';
import { ContentError, type ContentProblem } from '../../src/lib/content-error';
import { buildCourse, type ChapterSource } from '../../src/lib/course-model';
import { staleFacts } from '../../src/lib/fact-model';
import { frontmatterLine } from '../../src/lib/item-changes';
import { checkTerms } from './check-terms';

const rel = (path: string) => relative(process.cwd(), path) || path;

function collect<T>(problems: ContentProblem[], load: () => T, fallback: T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ContentError) problems.push(...error.problems);
    else throw error;
    return fallback;
  }
}

export interface ContentReport {
  /** What the build would refuse, or a reader would trip over. */
  problems: ContentProblem[];
  /** Dated facts past the course's review age: reported, failing only with --strict. */
  stale: ContentProblem[];
  /** Chapter id → the id of the walkthrough it holds, so problems can be kept to one chapter (`--only`). */
  walkthroughOf: Record<string, string>;
  summary: string;
}

/** Folders of a course that hold no chapters. */
const NOT_LOCALES = new Set(['walkthroughs', 'glossary', 'facts']);

export interface CheckOptions {
  /** The day stale facts are counted from (YYYY-MM-DD). */
  today?: string;
  /**
   * Run every walkthrough's starters and solutions under the harness (default). The test
   * command turns this off for the shipped course, whose walkthroughs it runs in Chromium and
   * under Gunicorn anyway.
   */
  runs?: boolean;
}

/** What `python3 scripts/try_walkthrough.py` printed and how it exited. */
interface TryRun {
  status: number;
  stdout: string;
  stderr: string;
}

function tryWalkthrough(folder: string, locale: string): Promise<TryRun> {
  return new Promise((resolve) => {
    execFile('python3', [join('scripts', 'try_walkthrough.py'), folder, '--lang', locale], { encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      resolve({ status: code, stdout, stderr: stderr || (error && !stdout ? error.message : '') });
    });
  });
}

/** Runs `jobs` at a time, keeping the order of the results. */
async function inTurn<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, lane));
  return results;
}

export async function checkContent(dir: string = contentDir, options: CheckOptions = {}): Promise<ContentReport> {
  const { today = new Date().toISOString().slice(0, 10), runs = true } = options;
  const problems: ContentProblem[] = [];
  const courseFile = join(dir, 'course.json');
  let config: CourseConfig | undefined;
  if (!existsSync(courseFile))
    problems.push({ file: rel(courseFile), message: 'missing: every course folder needs course.json with id, locales, title, description and path' });
  else {
    const parsed = parseCourseConfig(readFileSync(courseFile, 'utf8'), rel(courseFile));
    if (parsed.ok) config = parsed.config;
    else problems.push(...parsed.problems);
  }
  // With a broken config, check the chapters against every interface language.
  const locales: readonly Locale[] = config?.locales ?? uiLocaleKeys;

  const sources: ChapterSource[] = [];
  for (const locale of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !NOT_LOCALES.has(d.name))) {
    for (const name of readdirSync(join(dir, locale.name)).filter((f) => f.endsWith('.mdx'))) {
      const path = join(dir, locale.name, name);
      const file = rel(path);
      const source = readFileSync(path, 'utf8');
      const front = /^---\n([\s\S]*?)\n---/.exec(source);
      if (!front) {
        problems.push({ file, line: 1, message: 'no frontmatter: start the file with --- and the fields id, title, summary' });
        continue;
      }
      let data: unknown;
      try {
        data = load(front[1]!);
      } catch (error) {
        problems.push({ file, line: 1, message: `frontmatter is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
        continue;
      }
      const parsed = chapterSchema.safeParse(data);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          if (issue.code === 'unrecognized_keys') {
            for (const key of issue.keys) {
              const message =
                key === 'order'
                  ? 'frontmatter order: chapter order now lives in the learning path ("path" in course.json); delete this line'
                  : `frontmatter ${key}: unknown field; a chapter has id, title, summary and updated`;
              problems.push({ file, line: frontmatterLine(source, key), message });
            }
            continue;
          }
          const key = String(issue.path[0] ?? 'id');
          problems.push({ file, line: frontmatterLine(source, key), message: `frontmatter ${key}: ${issue.message}` });
        }
        continue;
      }
      sources.push({ locale: locale.name, slug: name.replace(/\.mdx$/, ''), file, meta: parsed.data, source });
      // Root-relative links break when the site is served under a sub-path.
      let fence = false;
      source.split('\n').forEach((line, i) => {
        if (/^\s*(```|~~~)/.test(line)) fence = !fence;
        if (!fence && /\]\(\/(?!\/)/.test(line)) {
          problems.push({
            file,
            line: i + 1,
            message: 'a link starting with / breaks when the site is served under a sub-path; use <ChapterLink to="chapter-id"> or <Term id="…">',
          });
        }
      });
    }
  }

  const walkthroughs = collect<Walkthrough[]>(problems, () => loadWalkthroughs(join(dir, 'walkthroughs'), problems), []);
  const glossary = collect<GlossaryEntry[]>(problems, () => loadGlossary(join(dir, 'glossary')), []);
  const facts = collect<Fact[]>(problems, () => loadFacts(join(dir, 'facts'), locales, problems), []);
  const chapters = collect(
    problems,
    () =>
      buildCourse(sources, locales, {
        ...(config ? { path: { order: config.order, file: config.file, lines: config.chapterLines } } : {}),
        walkthroughs: walkthroughs.map((w) => ({ id: w.id, chapter: w.chapter, file: w.file, steps: w.steps })),
        glossary: new Set(glossary.map((g) => g.id)),
        facts,
      }),
    [],
  );
  problems.push(...checkTerms(dir, locales));

  // Anchors: <ChapterLink to="…" hash="…"> must name a heading (or a checklist or walkthrough) of the target, in the same language.
  const anchors = new Map<string, Set<string>>();
  for (const src of sources) {
    const read = readChecklist(src.source);
    const slugger = new GithubSlugger();
    const ids = new Set(read.headings.map((h) => slugger.slug(h.text)));
    ids.add('checklist');
    for (const w of read.walkthroughs) {
      ids.add(`walkthrough-${w.id}`);
      for (const step of w.steps) ids.add(`step-${w.id}-${step.id}`);
    }
    anchors.set(`${src.locale}/${src.meta.id}`, ids);
  }
  for (const src of sources) {
    for (const link of readChecklist(src.source).chapterLinks) {
      if (!link.hash) continue;
      const target = anchors.get(`${src.locale}/${link.to}`);
      if (target && !target.has(link.hash)) {
        problems.push({
          file: src.file,
          line: link.line,
          message: `<ChapterLink to="${link.to}" hash="${link.hash}">: that chapter has no such heading in ${src.locale}; use one of its heading slugs`,
        });
      }
    }
  }

  // Walkthrough solutions must pass, and starters fail with reasons in the learner's language, under the harness the browser runs.
  // One process per walkthrough and language, as many at once as there are cores.
  const tries = runs ? walkthroughs.flatMap((walkthrough) => locales.map((locale) => ({ walkthrough, locale }))) : [];
  const outcomes = await inTurn(
    tries.map(
      ({ walkthrough, locale }) =>
        () =>
          tryWalkthrough(join(dir, 'walkthroughs', walkthrough.id), locale),
    ),
    availableParallelism(),
  );
  tries.forEach(({ walkthrough, locale }, i) => {
    const folder = join(dir, 'walkthroughs', walkthrough.id);
    const run = outcomes[i]!;
    for (const line of run.stdout.split('\n').filter((l) => l.startsWith('BAD '))) {
      const [, step, which, detail] = /^BAD (\S+) (starter|solution|language)(?:: (.*))?/.exec(line) ?? [];
      const message =
        which === 'solution'
          ? `step "${step}": the reference solution fails its checks; run python3 scripts/try_walkthrough.py ${rel(folder)} -v`
          : which === 'language'
            ? `step "${step}" (${locale}): a learner reading ${locale} would see ${detail}`
            : `step "${step}": the starter already passes every check, so the step teaches nothing; make the starter incomplete`;
      if (!problems.some((p) => p.file === walkthrough.file && p.message === message)) problems.push({ file: walkthrough.file, message });
    }
    if (run.status !== 0 && !run.stdout.includes('BAD '))
      problems.push({ file: walkthrough.file, message: `the harness could not run: ${run.stderr.trim().split('\n').at(-1)}` });
  });

  const months = config?.factReviewMonths ?? 6;
  const stale = staleFacts(facts, today, months).map((fact) => ({
    file: fact.file,
    line: fact.line,
    message: `${fact.id} (${Object.values(fact.label)[0]}), checked ${fact.checked}, ${fact.source}`,
  }));
  const summary = `${chapters.length} chapters in ${locales.length} languages, ${walkthroughs.length} walkthroughs, ${glossary.length} glossary entries, ${facts.length} dated facts (${stale.length} older than ${months} months)`;
  const walkthroughOf = Object.fromEntries(walkthroughs.map((w) => [w.chapter, w.id]));
  return { problems, stale, walkthroughOf, summary };
}
