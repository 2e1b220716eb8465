import { readChecklist, type SourceChecklist, type SourceItem } from './checklist-source';
import { ContentError, type ContentProblem } from './content-error';
import { checkRenamesAndRetired, compareDeclared, type ItemChanges } from './item-changes';
import { qualify } from './renames';
import { checkFactUses, type ChapterFactUses, type FactRecord } from './fact-model';
import { checkWalkthroughs, type ChapterWalkthroughs, type WalkthroughShape } from './walkthrough-model';

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

/** The chapters before and after one in learning order. */
export function neighbours<T extends { id: string }>(chapters: readonly T[], id: string): { prev?: T; next?: T } {
  const i = chapters.findIndex((c) => c.id === id);
  if (i < 0) return {};
  return { prev: chapters[i - 1], next: chapters[i + 1] };
}
