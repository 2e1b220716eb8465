/**
 * What chapters declare about items that changed since learners ticked them
 * (`renamed`, `retired` in frontmatter): the declarations must agree across
 * languages, renames must resolve (see `src/lib/renames.ts`), and retired ids
 * must really be gone. Split from `course-model.ts`, which calls it once per
 * course build; it reads only the fields it needs, so it imports nothing
 * from there.
 */
import type { ContentProblem } from './content-error';
import { itemKey, qualify, resolveRenames, splitKey } from './renames';

/** What frontmatter says about items that changed since learners ticked them; see `src/lib/renames.ts`. */
export interface ItemChanges {
  /** Old item id (or `chapter/item`) → the id of one of this chapter's items. */
  renamed?: Record<string, string>;
  /** Removed item id (or `chapter/item`) → its last text in this language, for the progress page. */
  retired?: Record<string, string>;
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
export function compareDeclared(id: string, first: DeclaringSource, other: DeclaringSource): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const renames = (src: DeclaringSource) => Object.entries(src.meta.renamed ?? {}).map(([from, to]) => `${qualify(id, from)} → ${to}`);
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
  const retired = (src: DeclaringSource) => Object.keys(src.meta.retired ?? {}).map((ref) => qualify(id, ref));
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

/** A chapter file as far as its item changes go; `ChapterSource` is one. */
export interface DeclaringSource {
  locale: string;
  file: string;
  source: string;
  meta: ItemChanges;
}

type Paired = Map<string, Map<string, { src: DeclaringSource; items: readonly { id: string }[] }>>;

/**
 * Resolves the course's renames (see `src/lib/renames.ts`), records them on
 * the chapters the ticks now belong to, and checks that retired ids are
 * really gone. Reads each chapter's first language; `compareDeclared` makes
 * sure the others agree.
 */
export function checkRenamesAndRetired(
  byId: Paired,
  chapters: readonly { id: string; renamedFrom: Record<string, string> }[],
  locales: readonly string[],
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const firstOf = new Map<string, DeclaringSource>();
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
