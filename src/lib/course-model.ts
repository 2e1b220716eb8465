import { readChecklist, type SourceChecklist, type SourceItem } from './checklist-source';
import { ContentError, type ContentProblem } from './content-error';
import { itemKey, qualify, resolveRenames, splitKey } from './renames';
import { checkFactUses, type ChapterFactUses, type FactRecord } from './fact-model';
import { checkWalkthroughs, type ChapterWalkthroughs, type WalkthroughShape } from './walkthrough-model';

/** What frontmatter says about items that changed since learners ticked them; see `src/lib/renames.ts`. */
export interface ItemChanges {
  /** Old item id (or `chapter/item`) → the id of one of this chapter's items. */
  renamed?: Record<string, string>;
  /** Removed item id (or `chapter/item`) → its last text in this language, for the progress page. */
  retired?: Record<string, string>;
}

/** A chapter file as the content layer hands it over, before validation. */
export interface ChapterSource {
  /** Locale folder the file sits in, such as `en` or `zh-cn`. */
  locale: string;
  /** File name without `.mdx`; the chapter's URL segment. */
  slug: string;
  /** Path for messages, relative to the project root. */
  file: string;
  /** Validated frontmatter. */
  meta: { id: string; title: string; summary: string } & ItemChanges;
  /** The whole file, frontmatter included, so line numbers match the file. */
  source: string;
}

export interface ChapterText {
  title: string;
  summary: string;
  file: string;
  /** Item id → the item's text in this language. */
  labels: Record<string, string>;
  /** How many `##`/`###` headings come before the checklist; where it goes in the table of contents. */
  headingsBeforeChecklist: number;
  /** The walkthroughs placed in this chapter, each with the number of headings before it. */
  walkthroughs: { id: string; headingsBefore: number }[];
  /** Removed item key (`chapter/item`) → its last text in this language, as the author declared it. */
  retired: Record<string, string>;
  /** Ids of the dated facts the chapter states in this language, in order of first use. */
  facts: string[];
}

export interface Chapter {
  id: string;
  slug: string;
  /** Position in the learning path, from 0. */
  order: number;
  /** Checklist item ids in the order the author wrote them. */
  items: string[];
  /** Glossary ids the chapter links with `<Term>`, in any language. */
  terms: string[];
  /**
   * Old item keys (`chapter/item`) whose ticks now belong to one of this
   * chapter's items → that item's id, resolved through rename chains.
   */
  renamedFrom: Record<string, string>;
  text: Record<string, ChapterText>;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * Pairs every chapter across the course's locales and checks what must hold
 * for progress to be shared between languages: each chapter exists in every
 * locale, under the same slug, with the same checklist ids in the
 * same order, and no id repeats; and that chapters and walkthrough files
 * agree, and that the learning path lists every chapter once. Returns
 * chapters in learning order.
 */
/** The learning path as the course config gives it. */
export interface LearningPath {
  /** Chapter ids in learning order. */
  order: readonly string[];
  /** The config file, for messages. */
  file: string;
  /** The line of course.json that lists each chapter id. */
  lines?: Readonly<Record<string, number>>;
}

export interface CourseExtras {
  /** Without a path, chapters keep the order they were given in. */
  path?: LearningPath;
  walkthroughs?: readonly WalkthroughShape[];
  /** Glossary entry ids; `<Term id>` must name one of them. */
  glossary?: ReadonlySet<string>;
  /** Dated facts; `<Fact id>` must name one of them, and each must be used. */
  facts?: readonly (FactRecord & { file: string; line?: number })[];
}

export function buildCourse(sources: readonly ChapterSource[], locales: readonly string[], extras: CourseExtras = {}): Chapter[] {
  const { walkthroughs = [], glossary = new Set<string>(), path, facts } = extras;
  const factUses: ChapterFactUses[] = [];
  const problems: ContentProblem[] = [];
  const placements: ChapterWalkthroughs[] = [];
  const links: { to: string; line: number; file: string }[] = [];
  const termsById = new Map<string, Set<string>>();
  const byId = new Map<string, Map<string, { src: ChapterSource; items: SourceItem[]; checklist: SourceChecklist }>>();

  for (const src of sources) {
    if (!locales.includes(src.locale)) {
      problems.push({
        file: src.file,
        message: `"${src.locale}" is not one of the course's locales (${locales.join(', ')}); move the file into one of those folders`,
      });
      continue;
    }
    const checklist = readChecklist(src.source);
    for (const p of checklist.problems) problems.push({ file: src.file, line: p.line, message: p.message });
    placements.push({ chapterId: src.meta.id, file: src.file, items: checklist.items.map((i) => i.id), walkthroughs: checklist.walkthroughs });
    for (const term of checklist.terms) {
      if (!glossary.has(term.id)) {
        problems.push({
          file: src.file,
          line: term.line,
          message: `<Term id="${term.id}"> names no glossary entry; add it to a file in glossary/ or fix the id`,
        });
      }
    }
    links.push(...checklist.chapterLinks.map((link) => ({ ...link, file: src.file })));
    factUses.push({ chapterId: src.meta.id, locale: src.locale, file: src.file, uses: checklist.facts });

    const forId = byId.get(src.meta.id) ?? new Map();
    byId.set(src.meta.id, forId);
    const twin = forId.get(src.locale);
    if (twin) {
      problems.push({
        file: src.file,
        message: `chapter id "${src.meta.id}" is already used by ${twin.src.file}; chapter ids must be unique`,
      });
      continue;
    }
    forId.set(src.locale, { src, items: checklist.items, checklist });
    const termSet = termsById.get(src.meta.id) ?? new Set<string>();
    for (const term of checklist.terms) termSet.add(term.id);
    termsById.set(src.meta.id, termSet);
  }

  const chapters: Chapter[] = [];
  for (const [id, forId] of byId) {
    const present = locales.filter((l) => forId.has(l));
    const first = forId.get(present[0]!)!;
    for (const missing of locales.filter((l) => !forId.has(l))) {
      problems.push({
        file: first.src.file,
        message: `chapter "${id}" has no ${missing} version; add ${first.src.file.replace(`/${first.src.locale}/`, `/${missing}/`)} with id: ${id}`,
      });
    }
    const ids = first.items.map((i) => i.id);
    for (const locale of present.slice(1)) {
      const other = forId.get(locale)!;
      if (other.src.slug !== first.src.slug) {
        problems.push({
          file: other.src.file,
          message: `chapter "${id}" is named "${other.src.slug}" here but "${first.src.slug}" in ${first.src.file}; use the same file name in every language`,
        });
      }
      const otherIds = other.items.map((i) => i.id);
      if (!sameList(ids, otherIds)) {
        const missing = ids.filter((x) => !otherIds.includes(x));
        const extra = otherIds.filter((x) => !ids.includes(x));
        const parts = [
          missing.length ? `missing ${missing.map((x) => `"${x}"`).join(', ')}` : '',
          extra.length ? `not in ${first.src.locale}: ${extra.map((x) => `"${x}"`).join(', ')}` : '',
          !missing.length && !extra.length ? 'same ids in a different order' : '',
        ].filter(Boolean);
        problems.push({
          file: other.src.file,
          message: `checklist item ids differ from ${first.src.file} (${parts.join('; ')}); items are matched by id across languages`,
        });
      }
      problems.push(...compareDeclared(id, first.src, other.src));
    }
    if (present.length !== locales.length) continue;
    chapters.push({
      id,
      slug: first.src.slug,
      order: 0,
      items: ids,
      terms: [...(termsById.get(id) ?? [])].sort(),
      renamedFrom: {},
      text: Object.fromEntries(
        present.map((locale) => {
          const { src, items, checklist } = forId.get(locale)!;
          const text: ChapterText = {
            title: src.meta.title,
            summary: src.meta.summary,
            file: src.file,
            labels: Object.fromEntries(items.map((i) => [i.id, i.label])),
            headingsBeforeChecklist:
              checklist.checklistLine === undefined ? checklist.headingLines.length : checklist.headingLines.filter((l) => l < checklist.checklistLine!).length,
            walkthroughs: checklist.walkthroughs.map((w) => ({
              id: w.id,
              headingsBefore: checklist.headingLines.filter((l) => l < w.line).length,
            })),
            retired: Object.fromEntries(Object.entries(src.meta.retired ?? {}).map(([ref, label]) => [qualify(id, ref), label])),
            facts: [...new Set(checklist.facts.map((f) => f.id))],
          };
          return [locale, text];
        }),
      ),
    });
  }

  problems.push(...checkRenamesAndRetired(byId, chapters, locales));
  problems.push(...checkWalkthroughs(walkthroughs, placements));
  if (facts) problems.push(...checkFactUses(facts, factUses));
  for (const link of links) {
    if (!byId.has(link.to)) problems.push({ file: link.file, line: link.line, message: `<ChapterLink to="${link.to}"> names no chapter; use a chapter id` });
  }

  const slugs = new Map<string, string>();
  for (const chapter of chapters) {
    const taken = slugs.get(chapter.slug);
    if (taken) {
      problems.push({ file: chapter.text[locales[0]!]!.file, message: `slug "${chapter.slug}" is also used by chapter "${taken}"` });
    }
    slugs.set(chapter.slug, chapter.id);
  }

  const order = path ? [...path.order] : [...byId.keys()];
  if (path) {
    for (const chapter of chapters) {
      if (!path.order.includes(chapter.id)) {
        problems.push({
          file: chapter.text[locales[0]!]!.file,
          message: `chapter "${chapter.id}" is not in the learning path; add "${chapter.id}" to "path" in ${path.file}`,
        });
      }
    }
    for (const id of path.order) {
      if (!byId.has(id)) {
        problems.push({
          file: path.file,
          ...(path.lines?.[id] ? { line: path.lines[id] } : {}),
          message: `the learning path lists "${id}", but no chapter has that id; fix the id or add the chapter (npm run new:chapter -- ${id})`,
        });
      }
    }
  }

  if (problems.length) throw new ContentError(problems);
  for (const chapter of chapters) chapter.order = order.indexOf(chapter.id);
  return chapters.sort((a, b) => a.order - b.order);
}

/**
 * 1-based line of `key:` in a file's frontmatter, or of `entry` inside that
 * key's mapping (block or `{ … }` style); the key's line, or 1, when not found.
 */
export function frontmatterLine(source: string, key: string, entry?: string): number {
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') return 1;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  const stop = end < 0 ? lines.length : end;
  const at = lines.findIndex((line, i) => i > 0 && i < stop && line.startsWith(`${key}:`));
  if (at < 0) return 1;
  if (entry !== undefined) {
    const escaped = entry.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    const pattern = new RegExp(`(^|[\\s{,'"])${escaped}['"]?\\s*:`);
    for (let i = at; i < stop; i += 1) {
      if (i > at && /^\S/.test(lines[i]!)) break;
      if (pattern.test(i === at ? lines[i]!.slice(key.length + 1) : lines[i]!)) return i + 1;
    }
  }
  return at + 1;
}

const describeEntries = (entries: readonly string[]) => entries.map((e) => `"${e}"`).join(', ');

/** `renamed` must be identical in every language, and `retired` must name the same ids (its texts differ). */
function compareDeclared(id: string, first: ChapterSource, other: ChapterSource): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const renames = (src: ChapterSource) => Object.entries(src.meta.renamed ?? {}).map(([from, to]) => `${qualify(id, from)} → ${to}`);
  const mine = renames(first);
  const theirs = renames(other);
  const missing = mine.filter((r) => !theirs.includes(r));
  const extra = theirs.filter((r) => !mine.includes(r));
  if (missing.length || extra.length) {
    const parts = [missing.length ? `missing ${describeEntries(missing)}` : '', extra.length ? `not in ${first.locale}: ${describeEntries(extra)}` : ''].filter(
      Boolean,
    );
    problems.push({
      file: other.file,
      line: frontmatterLine(other.source, 'renamed'),
      message: `renamed differs from ${first.file} (${parts.join('; ')}); renames are shared by every language, so write the same entries in each file`,
    });
  }
  const retired = (src: ChapterSource) => Object.keys(src.meta.retired ?? {}).map((ref) => qualify(id, ref));
  const mineRetired = retired(first);
  const theirsRetired = retired(other);
  const missingRetired = mineRetired.filter((r) => !theirsRetired.includes(r));
  const extraRetired = theirsRetired.filter((r) => !mineRetired.includes(r));
  if (missingRetired.length || extraRetired.length) {
    const parts = [
      missingRetired.length ? `missing ${describeEntries(missingRetired)}` : '',
      extraRetired.length ? `not in ${first.locale}: ${describeEntries(extraRetired)}` : '',
    ].filter(Boolean);
    problems.push({
      file: other.file,
      line: frontmatterLine(other.source, 'retired'),
      message: `retired names other ids than ${first.file} (${parts.join('; ')}); give every retired item its text in every language`,
    });
  }
  return problems;
}

type Paired = Map<string, Map<string, { src: ChapterSource; items: SourceItem[] }>>;

/**
 * Resolves the course's renames (see `src/lib/renames.ts`), records them on
 * the chapters the ticks now belong to, and checks that retired ids are
 * really gone. Reads each chapter's first language; `compareDeclared` makes
 * sure the others agree.
 */
function checkRenamesAndRetired(byId: Paired, chapters: Chapter[], locales: readonly string[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const firstOf = new Map<string, ChapterSource>();
  const current = new Set<string>();
  for (const [id, forId] of byId) {
    const first = forId.get(locales.find((l) => forId.has(l))!)!;
    firstOf.set(id, first.src);
    for (const item of first.items) current.add(itemKey(id, item.id));
  }

  const declared = [...firstOf].map(([chapter, src]) => ({ chapter, renamed: src.meta.renamed ?? {} }));
  const { renames, problems: renameProblems } = resolveRenames(declared, current);
  for (const p of renameProblems) {
    const src = firstOf.get(p.chapter)!;
    problems.push({ file: src.file, line: frontmatterLine(src.source, 'renamed', p.entry), message: p.message });
  }
  const byChapter = new Map(chapters.map((c) => [c.id, c]));
  for (const [from, to] of Object.entries(renames)) {
    const { chapter, item } = splitKey(to);
    const target = byChapter.get(chapter);
    if (target) target.renamedFrom[from] = item;
  }

  for (const [chapter, src] of firstOf) {
    for (const ref of Object.keys(src.meta.retired ?? {})) {
      const key = qualify(chapter, ref);
      const line = frontmatterLine(src.source, 'retired', ref);
      if (current.has(key)) {
        problems.push({
          file: src.file,
          line,
          message: `retired: "${ref}" is still an item of the course; list only removed items (remove the entry, or the item)`,
        });
      } else if (key in renames) {
        problems.push({
          file: src.file,
          line,
          message: `retired: "${ref}" is renamed to "${renames[key]}", so its ticks are not retired; remove the retired entry`,
        });
      }
    }
  }
  return problems;
}

/** The chapters before and after one in learning order. */
export function neighbours<T extends { id: string }>(chapters: readonly T[], id: string): { prev?: T; next?: T } {
  const i = chapters.findIndex((c) => c.id === id);
  if (i < 0) return {};
  return { prev: chapters[i - 1], next: chapters[i + 1] };
}
