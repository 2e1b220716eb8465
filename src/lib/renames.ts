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
import { dict, own } from './dict';
import { mergeProgress, type ItemRef, type Mark, type ProgressDoc } from './progress';

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
export function resolveRenames(
  declared: readonly DeclaredRenames[],
  current: ReadonlySet<string>,
): { renames: Record<string, string>; problems: RenameProblem[] } {
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

  const renames = dict<string>();
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

/**
 * Moves every mark stored under an old key to the item it became. A mark
 * already under the new id is combined by `mergeProgress`'s rule: the later
 * change wins, and on equal times the mark under the new id stays. Several
 * old ids that became one item are taken in key order, so the result never
 * depends on how the record was written. Returns `doc` itself when nothing
 * moves, so applying it twice equals applying it once.
 */
export function applyRenames(doc: ProgressDoc, renames: Renames): ProgressDoc {
  // The record's ids come from outside: dictionaries, so that `constructor` is just a key.
  const kept = dict<Record<string, Mark>>();
  const moves: [string, ProgressDoc][] = [];
  for (const [chapter, items] of Object.entries(doc.chapters)) {
    for (const [item, mark] of Object.entries(items)) {
      const from = itemKey(chapter, item);
      const to = own(renames, from);
      if (!to) (kept[chapter] ??= dict())[item] = mark;
      else {
        const target = splitKey(to);
        moves.push([from, { ...doc, chapters: dict([[target.chapter, dict([[target.item, mark]])]]) }]);
      }
    }
  }
  if (!moves.length) return doc;
  moves.sort(([a], [b]) => (a < b ? -1 : 1));
  return moves.reduce((record, [, move]) => mergeProgress(record, move), { ...doc, chapters: kept });
}

/** The whole course's renames, from what each chapter received (`Chapter.renamedFrom`), for the page data. */
export function courseRenames(chapters: readonly { id: string; renamedFrom: Readonly<Record<string, string>> }[]): Record<string, string> {
  const renames = dict<string>();
  for (const chapter of chapters) for (const [from, item] of Object.entries(chapter.renamedFrom)) renames[from] = itemKey(chapter.id, item);
  return renames;
}
