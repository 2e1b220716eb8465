/**
 * Retired items: ticks under items the course no longer has (removed, not
 * renamed; see `renames.ts`). Kept apart from `renames.ts` so the listing is
 * bundled with the progress page only, not with every chapter page.
 */
import { dict, own } from './dict';
import type { ChapterItems, ItemRef, Mark, ProgressDoc } from './progress';

export interface RetiredMark extends ItemRef {
  /** When the learner ticked it. */
  at: string;
  /** Whether the chapter itself is still in the course. */
  chapterExists: boolean;
}

/**
 * Ticks under items the course no longer has: kept in the record (no write
 * path removes them) but counted nowhere, and listed on the progress page.
 * Expects renames already applied. Sorted by chapter in learning order
 * (removed chapters last, by id), then by when they were ticked.
 */
export function retiredMarks(doc: ProgressDoc, chapters: readonly ChapterItems[]): RetiredMark[] {
  const order = new Map(chapters.map((c, i) => [c.id, i]));
  const items = new Map(chapters.map((c) => [c.id, new Set(c.items)]));
  const found: RetiredMark[] = [];
  for (const [chapter, marks] of Object.entries(doc.chapters)) {
    for (const [item, mark] of Object.entries(marks)) {
      if (!mark.done || items.get(chapter)?.has(item)) continue;
      found.push({ chapter, item, at: mark.at, chapterExists: items.has(chapter) });
    }
  }
  const rank = (m: RetiredMark) => order.get(m.chapter) ?? chapters.length;
  return found.sort((a, b) => rank(a) - rank(b) || a.chapter.localeCompare(b.chapter) || a.at.localeCompare(b.at) || a.item.localeCompare(b.item));
}

/**
 * The record as the course counts it: only the marks of items it has now.
 * Expects renames already applied. For readers that only count (the class
 * dashboard); the learner's own record keeps retired marks.
 */
export function withoutRetired(doc: ProgressDoc, chapters: readonly ChapterItems[]): ProgressDoc {
  const counted = dict<Record<string, Mark>>();
  for (const chapter of chapters) {
    const marks = own(doc.chapters, chapter.id);
    if (!marks) continue;
    const kept = chapter.items.flatMap((item): [string, Mark][] => {
      const mark = own(marks, item);
      return mark ? [[item, mark]] : [];
    });
    if (kept.length) counted[chapter.id] = dict(kept);
  }
  return { ...doc, chapters: counted };
}
