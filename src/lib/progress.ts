/**
 * The progress model: which checklist items a learner has ticked, per course.
 * Pure data and functions; storage lives in `src/stores/progress.ts`.
 *
 * Marks are keyed by chapter id, then item id, never by URL or wording, so a
 * tick made on the English page shows on the Chinese one and survives edits
 * to an item's text. An untick is kept as `done: false` with its time rather
 * than deleted, so merging two devices can tell "never ticked" from
 * "unticked later".
 *
 * Chapter and item ids in a record may come from outside (files, links,
 * storage), so records are built as dictionaries (`dict.ts`) and read through
 * their own keys: an id such as `constructor` or `__proto__` is a key like
 * any other.
 */
import { dict, own } from './dict';

export const PROGRESS_VERSION = 1;

export interface Mark {
  done: boolean;
  /** When the learner last changed this item, ISO 8601. */
  at: string;
}

export interface ProgressDoc {
  version: typeof PROGRESS_VERSION;
  courseId: string;
  /** chapter id → item id → mark */
  chapters: Record<string, Record<string, Mark>>;
}

/** The shape of a chapter as far as progress is concerned. */
export interface ChapterItems {
  id: string;
  items: readonly string[];
}

export interface ItemRef {
  chapter: string;
  item: string;
}

export function emptyProgress(courseId: string): ProgressDoc {
  return { version: PROGRESS_VERSION, courseId, chapters: dict() };
}

export function isDone(doc: ProgressDoc, chapter: string, item: string): boolean {
  return own(own(doc.chapters, chapter), item)?.done === true;
}

/** A copy of `doc` with one item set; the input is never changed. */
export function setMark(doc: ProgressDoc, chapter: string, item: string, done: boolean, now: Date): ProgressDoc {
  const chapters = dict(Object.entries(doc.chapters));
  chapters[chapter] = dict([...Object.entries(own(doc.chapters, chapter) ?? {}), [item, { done, at: now.toISOString() }]]);
  return { ...doc, chapters };
}

export interface Tally {
  done: number;
  total: number;
}

/** Counts only the items the chapter has now; marks for removed items don't inflate it. */
export function tallyChapter(doc: ProgressDoc, chapter: ChapterItems): Tally {
  let done = 0;
  for (const item of chapter.items) if (isDone(doc, chapter.id, item)) done += 1;
  return { done, total: chapter.items.length };
}

export function tallyCourse(doc: ProgressDoc, chapters: readonly ChapterItems[]): Tally {
  let done = 0;
  let total = 0;
  for (const chapter of chapters) {
    const t = tallyChapter(doc, chapter);
    done += t.done;
    total += t.total;
  }
  return { done, total };
}

/** The first chapter, in learning order, that still has an unticked item. */
export function firstUnfinished<T extends ChapterItems>(doc: ProgressDoc, chapters: readonly T[]): T | undefined {
  return chapters.find((c) => c.items.some((item) => !isDone(doc, c.id, item)));
}

function time(mark: Mark): number {
  const t = Date.parse(mark.at);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Combines two records of the same course item by item: the later change
 * wins, so a tick made on a phone after an untick on a laptop survives, and
 * the other way round. On equal times the current record is kept.
 */
export function mergeProgress(current: ProgressDoc, incoming: ProgressDoc): ProgressDoc {
  const chapters = dict<Record<string, Mark>>();
  for (const id of new Set([...Object.keys(current.chapters), ...Object.keys(incoming.chapters)])) {
    const mine = own(current.chapters, id) ?? {};
    const theirs = own(incoming.chapters, id) ?? {};
    const merged = dict(Object.entries(mine));
    for (const [item, mark] of Object.entries(theirs)) {
      const kept = own(mine, item);
      if (!kept || time(mark) > time(kept)) merged[item] = mark;
    }
    chapters[id] = merged;
  }
  return { ...current, chapters };
}

/** How an incoming record (a file, a share link) joins the learner's own. */
export type ImportMode = 'merge' | 'replace';

/**
 * The one rule for bringing a record in, used by the import preview and by
 * the store that applies it, so what the preview shows is what happens:
 * merge keeps the later change of each item (`mergeProgress`); replace makes
 * the record match the incoming one, under the current record's course.
 */
export function combineProgress(current: ProgressDoc, incoming: ProgressDoc, mode: ImportMode): ProgressDoc {
  return mode === 'merge' ? mergeProgress(current, incoming) : { ...incoming, courseId: current.courseId };
}

export interface ProgressChange {
  ticked: ItemRef[];
  unticked: ItemRef[];
}

/** Which items change state between two records: what an import preview shows. */
export function diffProgress(before: ProgressDoc, after: ProgressDoc): ProgressChange {
  const ticked: ItemRef[] = [];
  const unticked: ItemRef[] = [];
  const chapterIds = new Set([...Object.keys(before.chapters), ...Object.keys(after.chapters)]);
  for (const chapter of chapterIds) {
    const items = new Set([...Object.keys(own(before.chapters, chapter) ?? {}), ...Object.keys(own(after.chapters, chapter) ?? {})]);
    for (const item of items) {
      const was = isDone(before, chapter, item);
      const now = isDone(after, chapter, item);
      if (!was && now) ticked.push({ chapter, item });
      if (was && !now) unticked.push({ chapter, item });
    }
  }
  return { ticked, unticked };
}

/** Number of ticked items in the record, whatever chapters they belong to. */
export function countTicked(doc: ProgressDoc): number {
  let n = 0;
  for (const items of Object.values(doc.chapters)) for (const mark of Object.values(items)) if (mark.done) n += 1;
  return n;
}
