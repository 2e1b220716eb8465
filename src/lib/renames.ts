/**
 * Content changes that must not lose a learner's ticks: renamed items and
 * removed ("retired") items. Pure functions; the stores apply them to what
 * they read, the build validates what authors declare.
 *
 * Authors declare a rename in the frontmatter of the chapter the item now
 * belongs to: `renamed: { old-id: new-id }`. The old id is an item id of the
 * same chapter, or `other-chapter/old-id` for an item that moved here from
 * another chapter (also one that no longer exists). The new id is always an
 * item of the declaring chapter. Chains (a → b declared once, b → c later)
 * resolve to the end of the chain; a cycle is an error.
 *
 * Inside the program every item is named by its key `chapter/item` (ids
 * never contain `/`), and `Renames` maps an old key to the key of the
 * current item it became, already resolved through chains.
 *
 * Why the stored schema stays at version 1: a rename only moves marks from
 * one key to another inside the same `chapter → item → mark` shape, and a
 * retired item is a mark under an id the course no longer has. Neither needs
 * a new field, so records are renamed when read (every time, which is cheap
 * and idempotent), and the renamed record is written on the next change.
 */
import type { ChapterItems, ItemRef, Mark, ProgressDoc } from './progress';

/** Old item key → current item key, both `chapter/item`, resolved through chains. */
export type Renames = Readonly<Record<string, string>>;

export function itemKey(chapter: string, item: string): string {
  return `${chapter}/${item}`;
}

export function splitKey(key: string): ItemRef {
  const slash = key.indexOf('/');
  return { chapter: key.slice(0, slash), item: key.slice(slash + 1) };
}

/** An id as written in a chapter's `renamed` or `retired` frontmatter, as a full key. */
export function qualify(chapter: string, ref: string): string {
  return ref.includes('/') ? ref : itemKey(chapter, ref);
}

/** What one chapter declares: old key → an item id of this chapter (as written, old ids qualified). */
export interface DeclaredRenames {
  chapter: string;
  renamed: Readonly<Record<string, string>>;
}

export interface RenameProblem {
  /** The chapter whose frontmatter has the mistake. */
  chapter: string;
  /** The old key of the entry at fault, as the author wrote it. */
  entry: string;
  message: string;
}

/**
 * Checks every chapter's declared renames against the course's current items
 * and resolves chains. `current` holds the key of every item the course has.
 * Problems name the chapter and entry so the caller can point at file:line.
 */
export function resolveRenames(declared: readonly DeclaredRenames[], current: ReadonlySet<string>): { renames: Record<string, string>; problems: RenameProblem[] } {
  const problems: RenameProblem[] = [];
  const step = new Map<string, { to: string; chapter: string; entry: string }>();
  for (const { chapter, renamed } of declared) {
    for (const [entry, to] of Object.entries(renamed)) {
      const from = qualify(chapter, entry);
      const target = itemKey(chapter, to);
      const earlier = step.get(from);
      if (earlier) {
        problems.push({
          chapter,
          entry,
          message: `renamed: "${from}" is already renamed in chapter "${earlier.chapter}"; an old id can become only one new item, so keep one of the two`,
        });
        continue;
      }
      if (current.has(from)) {
        problems.push({
          chapter,
          entry,
          message: `renamed: "${entry}" is still an item of chapter "${splitKey(from).chapter}"; rename only ids that no longer exist (remove the entry, or rename the item)`,
        });
        continue;
      }
      step.set(from, { to: target, chapter, entry });
    }
  }

  const renames: Record<string, string> = {};
  for (const [from, first] of step) {
    const path = [from];
    let at = first.to;
    while (step.has(at) && !path.includes(at)) {
      path.push(at);
      at = step.get(at)!.to;
    }
    if (path.includes(at)) {
      problems.push({
        chapter: first.chapter,
        entry: first.entry,
        message: `renamed: ${[...path, at].map((k) => `"${k}"`).join(' → ')} is a cycle; each rename must end at an item the chapter has now`,
      });
      continue;
    }
    if (!current.has(at)) {
      const { chapter, item } = splitKey(first.to);
      problems.push({
        chapter: first.chapter,
        entry: first.entry,
        message:
          at === first.to
            ? `renamed: "${first.entry}" → "${item}", but chapter "${chapter}" has no item "${item}"; use the id of one of its current items`
            : `renamed: "${first.entry}" leads to "${at}", which is not a current item; end the chain at an item the course has now`,
      });
      continue;
    }
    renames[from] = at;
  }
  return { renames, problems };
}

function later(a: Mark, b: Mark): boolean {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  return (Number.isNaN(ta) ? 0 : ta) > (Number.isNaN(tb) ? 0 : tb);
}

/**
 * Moves every mark stored under an old key to the item it became. A mark
 * already under the new id is combined by the merge rule of
 * `mergeProgress`: the later change wins, and on equal times the mark under
 * the new id stays. Several old ids that became one item are taken in key
 * order, so the result never depends on how the record was written.
 * Returns `doc` itself when nothing moves, so applying it twice equals once.
 */
export function applyRenames(doc: ProgressDoc, renames: Renames): ProgressDoc {
  const moves: { from: ItemRef; to: ItemRef; mark: Mark }[] = [];
  for (const [chapter, items] of Object.entries(doc.chapters)) {
    for (const [item, mark] of Object.entries(items)) {
      const to = renames[itemKey(chapter, item)];
      if (to) moves.push({ from: { chapter, item }, to: splitKey(to), mark });
    }
  }
  if (!moves.length) return doc;
  moves.sort((a, b) => itemKey(a.from.chapter, a.from.item).localeCompare(itemKey(b.from.chapter, b.from.item)));

  const chapters: Record<string, Record<string, Mark>> = Object.fromEntries(Object.entries(doc.chapters).map(([id, items]) => [id, { ...items }]));
  for (const { from } of moves) delete chapters[from.chapter]![from.item];
  for (const { to, mark } of moves) {
    const items = (chapters[to.chapter] ??= {});
    const own = items[to.item];
    if (!own || later(mark, own)) items[to.item] = mark;
  }
  for (const { from } of moves) if (Object.keys(chapters[from.chapter] ?? {}).length === 0) delete chapters[from.chapter];
  return { ...doc, chapters };
}

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

/** The whole course's renames, from what each chapter received (`Chapter.renamedFrom`), for the page data. */
export function courseRenames(chapters: readonly { id: string; renamedFrom: Readonly<Record<string, string>> }[]): Record<string, string> {
  const renames: Record<string, string> = {};
  for (const chapter of chapters) for (const [from, item] of Object.entries(chapter.renamedFrom)) renames[from] = itemKey(chapter.id, item);
  return renames;
}
