/**
 * How chapters use dated facts, checked without a build: every `<Fact id>`
 * names a fact of one of its languages; a fact with a value is shown by the
 * self-closing `<Fact id="…" />` (so the languages cannot disagree), one
 * without a value wraps the author's words; a fact shared by the languages
 * appears in every language of a chapter that uses it; no fact goes unused.
 * And which facts are due for review, for `npm run check`.
 */

/** A fact as the course records it (see `factSchema` in `src/config/schema.ts`). */
export interface FactRecord {
  id: string;
  label: Record<string, string>;
  value?: string | Record<string, string>;
  source: string;
  /** YYYY-MM-DD. */
  checked: string;
  /** The languages whose chapters may use it. */
  locales: readonly string[];
}

/** One `<Fact>` in a chapter file. */
export interface FactUse {
  id: string;
  line: number;
  /** Whether the element wraps words of its own. */
  wraps: boolean;
}

export interface ChapterFactUses {
  chapterId: string;
  locale: string;
  file: string;
  uses: readonly FactUse[];
}

export interface FactProblem {
  file: string;
  line?: number;
  message: string;
}

/** The text a self-closing `<Fact>` shows in a language. */
export function factValue(fact: Pick<FactRecord, 'value'>, locale: string): string | undefined {
  if (fact.value === undefined) return undefined;
  if (typeof fact.value === 'string') return fact.value;
  return Object.hasOwn(fact.value, locale) ? fact.value[locale] : undefined;
}

export function checkFactUses(facts: readonly (FactRecord & { file: string; line?: number })[], chapters: readonly ChapterFactUses[]): FactProblem[] {
  const problems: FactProblem[] = [];
  const byId = new Map(facts.map((f) => [f.id, f]));
  const used = new Set<string>();
  // chapter id → fact id → the locales whose file uses it
  const where = new Map<string, Map<string, Set<string>>>();
  for (const chapter of chapters) {
    const forChapter = where.get(chapter.chapterId) ?? new Map<string, Set<string>>();
    where.set(chapter.chapterId, forChapter);
    for (const use of chapter.uses) {
      const fact = byId.get(use.id);
      if (!fact) {
        problems.push({ file: chapter.file, line: use.line, message: `<Fact id="${use.id}"> names no fact; add it to a file in facts/ or fix the id` });
        continue;
      }
      used.add(fact.id);
      if (!fact.locales.includes(chapter.locale)) {
        problems.push({
          file: chapter.file,
          line: use.line,
          message: `fact "${fact.id}" is only for ${fact.locales.join(', ')}; add "${chapter.locale}" to its locales (with a label) or remove it here`,
        });
        continue;
      }
      if (fact.value !== undefined && use.wraps) {
        problems.push({
          file: chapter.file,
          line: use.line,
          message: `fact "${fact.id}" has a value, so write <Fact id="${fact.id}" /> and let it show the value; words of your own could disagree with it`,
        });
      } else if (fact.value === undefined && !use.wraps) {
        problems.push({
          file: chapter.file,
          line: use.line,
          message: `fact "${fact.id}" has no value, so <Fact> must wrap the words that state it: <Fact id="${fact.id}">…</Fact>`,
        });
      }
      const locales = forChapter.get(fact.id) ?? new Set<string>();
      locales.add(chapter.locale);
      forChapter.set(fact.id, locales);
    }
  }
  for (const chapter of chapters) {
    for (const [id, locales] of where.get(chapter.chapterId) ?? []) {
      const fact = byId.get(id)!;
      if (fact.locales.includes(chapter.locale) && !locales.has(chapter.locale)) {
        const other = [...locales][0]!;
        problems.push({
          file: chapter.file,
          message: `fact "${id}" is used in the ${other} version of this chapter but not in this one; state it here too with <Fact id="${id}">, or mark the fact "locales": ["${other}"] if it only concerns those readers`,
        });
      }
    }
  }
  for (const fact of facts) {
    if (!used.has(fact.id))
      problems.push({
        file: fact.file,
        line: fact.line,
        message: `fact "${fact.id}" is not used by any chapter; use it with <Fact id="${fact.id}"> or remove it`,
      });
  }
  return problems;
}

/** The day `months` months before `today` (YYYY-MM-DD), clamped to the month's last day. */
export function reviewCutoff(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Facts last checked before the cutoff, oldest first. */
export function staleFacts<T extends Pick<FactRecord, 'id' | 'checked'>>(facts: readonly T[], today: string, months: number): T[] {
  const cutoff = reviewCutoff(today, months);
  return facts.filter((f) => f.checked < cutoff).sort((a, b) => a.checked.localeCompare(b.checked) || a.id.localeCompare(b.id));
}
