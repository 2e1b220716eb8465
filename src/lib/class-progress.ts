/**
 * An instructor's view of a class: many learners' exported progress files
 * turned into one table, learners by chapter, with every file that could not
 * be used listed and explained. Pure: the dashboard page reads the files and
 * renders the result; nothing here touches the DOM or storage.
 *
 * Which files count as duplicates (decided here, so the page and the tests
 * agree):
 *
 * - Two files with exactly the same text are one export seen twice (the same
 *   file dropped again, or a copy with another name). The first one is used;
 *   each later one is reported as `same-file`, naming the first.
 * - Files that carry the same learner name (compared without regard to case,
 *   width or spacing) are the same learner only when the newer export holds
 *   everything the older one did: each mark of the older file is in the newer
 *   one, at the same time or later. That is what a later export from the same
 *   browser looks like, because marks are never deleted, only updated. The
 *   newest such export is used; the older ones are reported as
 *   `older-export`, naming the one used.
 * - Files with the same name whose marks disagree (an older file has a mark
 *   the newer one lacks or has at a later time) may be two people who typed
 *   the same name, or one person on two devices. Merging them would invent
 *   progress nobody made, so both rows stay, each labelled with its file name
 *   as well, and the clash is listed so the instructor can decide.
 * - Files without a learner name are never taken for the same learner: the
 *   name the browser gave the download says nothing about who made it. They
 *   are labelled with their file name.
 *
 * Every file is read by the rules the learner's own browser follows: marks
 * under renamed ids count for the items they became (`renames.ts`), and
 * marks of retired items count nowhere (`retired.ts`): not in the tallies,
 * not as the last activity, and not when telling an older export from a
 * clash, because they are invisible in the table.
 */
import { own } from './dict';
import { intakeFile } from './intake/file';
import { tallyChapter, type ChapterItems, type ProgressDoc, type Tally } from './progress';
import type { ReadProblem } from './progress-codec';
import type { Renames } from './renames';

/** A file as the browser read it. `text` is null when it could not be read at all. */
export interface InputFile {
  name: string;
  size: number;
  text: string | null;
}

/** The course a class takes, as far as progress is concerned: chapters in learning order. */
export interface CourseShape {
  courseId: string;
  chapters: readonly ChapterItems[];
  /** Old item key → current item key (`chapter/item`), as the page data carries them; none by default. */
  renames?: Renames;
}

export interface LearnerRow {
  /** Unique within one result, stable for the same input: the name of the file the row comes from, plus its position. */
  key: string;
  /** What the table shows: the typed name, the file name when there is none, made unique when two rows would read the same. */
  label: string;
  /** The name the learner typed, if any. */
  learner?: string;
  file: string;
  /** One tally per chapter of the course, in course order; only current items count. */
  chapters: Tally[];
  total: Tally;
  /** The latest mark in the file, or else when it was exported (ISO 8601); absent when the file says neither. */
  lastActivity?: string;
}

export type FileProblem = ReadProblem | { code: 'unreadable' } | { code: 'same-file'; of: string } | { code: 'older-export'; of: string; learner: string };

export interface ProblemEntry {
  file: string;
  problem: FileProblem;
}

/** Files that name the same learner but hold different progress: all are used, none merged. */
export interface NameClash {
  learner: string;
  files: string[];
}

export interface ClassProgress {
  rows: LearnerRow[];
  /** Files not used, in the order they were given. */
  problems: ProblemEntry[];
  clashes: NameClash[];
  /** How many files were given. */
  files: number;
}

interface Candidate {
  index: number;
  file: InputFile;
  doc: ProgressDoc;
  learner?: string;
  exportedAt?: string;
  latestMark?: string;
}

/** Learner names that differ only in case, full-width letters or spacing are the same name. */
export function learnerKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

function latestMark(doc: ProgressDoc): string | undefined {
  let latest: string | undefined;
  let latestMs = -Infinity;
  for (const items of Object.values(doc.chapters)) {
    for (const mark of Object.values(items)) {
      const ms = Date.parse(mark.at);
      if (ms > latestMs) {
        latestMs = ms;
        latest = mark.at;
      }
    }
  }
  return latest;
}

/** True when `newer` holds every mark of `older`, each at the same time or later. */
export function supersedes(newer: ProgressDoc, older: ProgressDoc): boolean {
  for (const [chapter, items] of Object.entries(older.chapters)) {
    for (const [item, mark] of Object.entries(items)) {
      const later = own(own(newer.chapters, chapter), item);
      if (!later || Date.parse(later.at) < Date.parse(mark.at)) return false;
    }
  }
  return true;
}

const when = (iso: string | undefined) => (iso === undefined ? -Infinity : Date.parse(iso));

/** Newest export first; a file without an export time counts by its latest mark, then by input order. */
function newestFirst(a: Candidate, b: Candidate): number {
  return when(b.exportedAt ?? b.latestMark) - when(a.exportedAt ?? a.latestMark) || a.index - b.index;
}

export function aggregateClass(files: readonly InputFile[], course: CourseShape): ClassProgress {
  const problems: { index: number; entry: ProblemEntry }[] = [];
  const report = (index: number, file: string, problem: FileProblem) => problems.push({ index, entry: { file, problem } });

  // Read every file; identical texts are one export.
  const byText = new Map<string, string>();
  const candidates: Candidate[] = [];
  files.forEach((file, index) => {
    if (file.text === null) return report(index, file.name, { code: 'unreadable' });
    // Read by the learner's own rules, but counted: retired marks are invisible in the table.
    const read = intakeFile({ text: file.text, bytes: file.size }, course, 'drop');
    if (!read.ok) return report(index, file.name, read.problem);
    const first = byText.get(file.text);
    if (first !== undefined) return report(index, file.name, { code: 'same-file', of: first });
    byText.set(file.text, file.name);
    const doc = read.doc;
    candidates.push({ index, file, doc, learner: read.learner, exportedAt: read.exportedAt, latestMark: latestMark(doc) });
  });

  // Group named files by learner; keep the newest export and any that disagree with it.
  const used: Candidate[] = [];
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.learner === undefined) used.push(c);
    else {
      const key = learnerKey(c.learner);
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
  }
  const clashes: NameClash[] = [];
  const clashed = new Set<Candidate>();
  for (const group of groups.values()) {
    const kept: Candidate[] = [];
    for (const c of [...group].sort(newestFirst)) {
      const by = kept.find((k) => supersedes(k.doc, c.doc));
      if (by) report(c.index, c.file.name, { code: 'older-export', of: by.file.name, learner: by.learner! });
      else kept.push(c);
    }
    used.push(...kept);
    if (kept.length > 1) {
      kept.sort((a, b) => a.index - b.index);
      kept.forEach((k) => clashed.add(k));
      clashes.push({ learner: kept[0]!.learner!, files: kept.map((k) => k.file.name) });
    }
  }
  used.sort((a, b) => a.index - b.index);

  const rows = used.map((c): LearnerRow => {
    const chapters = course.chapters.map((chapter) => tallyChapter(c.doc, chapter));
    const total = chapters.reduce((sum, t) => ({ done: sum.done + t.done, total: sum.total + t.total }), { done: 0, total: 0 });
    const lastActivity = c.latestMark ?? c.exportedAt;
    const label = c.learner === undefined ? c.file.name : clashed.has(c) ? `${c.learner} (${c.file.name})` : c.learner;
    return {
      key: `${c.index}:${c.file.name}`,
      label,
      ...(c.learner !== undefined ? { learner: c.learner } : {}),
      file: c.file.name,
      chapters,
      total,
      ...(lastActivity !== undefined ? { lastActivity } : {}),
    };
  });

  // Two rows must never read the same, or the instructor cannot tell them apart.
  const seen = new Map<string, number>();
  for (const row of rows) {
    const n = (seen.get(row.label) ?? 0) + 1;
    seen.set(row.label, n);
    if (n > 1) row.label = `${row.label} (${n})`;
  }

  problems.sort((a, b) => a.index - b.index);
  return { rows, problems: problems.map((p) => p.entry), clashes, files: files.length };
}

export type SortColumn = { by: 'learner' } | { by: 'total' } | { by: 'last' } | { by: 'chapter'; index: number };
export type SortDirection = 'asc' | 'desc';

/**
 * Rows in a new order; the input is not changed. Equal rows keep their
 * relative order in both directions, so sorting by one column and then
 * another gives a predictable table. Learners compare by the page
 * language's collation (Chinese names by pinyin, numbers in names by value);
 * rows with no known activity come last either way.
 */
export function sortRows(rows: readonly LearnerRow[], column: SortColumn, direction: SortDirection, lang: string): LearnerRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  let compare: (a: LearnerRow, b: LearnerRow) => number;
  if (column.by === 'learner') {
    const collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
    compare = (a, b) => sign * collator.compare(a.label, b.label);
  } else if (column.by === 'last') {
    compare = (a, b) => {
      const x = when(a.lastActivity);
      const y = when(b.lastActivity);
      if (x === y) return 0;
      if (x === -Infinity) return 1;
      if (y === -Infinity) return -1;
      return sign * (x - y);
    };
  } else {
    const tally = (row: LearnerRow) => (column.by === 'total' ? row.total : row.chapters[column.index]);
    const share = (t: Tally | undefined) => (t?.total ? t.done / t.total : 0);
    compare = (a, b) => sign * (share(tally(a)) - share(tally(b)) || (tally(a)?.done ?? 0) - (tally(b)?.done ?? 0));
  }
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => compare(a.row, b.row) || a.i - b.i)
    .map(({ row }) => row);
}

export interface CsvLabels {
  learner: string;
  file: string;
  /** Header of a count column, with `{{title}}` and `{{total}}` slots: "Databases (of 5)". */
  ofTotal: string;
  total: string;
  lastActivity: string;
  /** Chapter titles in course order, in the page language. */
  chapterTitles: readonly string[];
}

/**
 * Spreadsheet apps run a cell that starts with one of these as a formula, so
 * a learner who types `=HYPERLINK(…)` as their name could plant one in the
 * instructor's sheet. Such cells get a leading apostrophe, which spreadsheets
 * read as "this is text".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The byte order mark that tells spreadsheet apps the file is UTF-8, so Chinese names open correctly. */
export const UTF8_BOM = '\uFEFF';

/**
 * The table as CSV (RFC 4180: comma-separated, CRLF line ends, quotes
 * doubled inside quoted fields), headers in the page language. Counts are
 * plain numbers with the chapter's item count in the header, because a cell
 * such as `3/5` turns into a date in some spreadsheet apps. Times stay
 * ISO 8601 in UTC, which every spreadsheet reads.
 */
export function toCsv(rows: readonly LearnerRow[], course: CourseShape, labels: CsvLabels): string {
  const of = (title: string, total: number) => labels.ofTotal.replace('{{title}}', title).replace('{{total}}', String(total));
  const courseTotal = course.chapters.reduce((n, c) => n + c.items.length, 0);
  const chapterHeaders = course.chapters.map((c, i) => of(labels.chapterTitles[i] ?? c.id, c.items.length));
  const header = [labels.learner, labels.file, ...chapterHeaders, of(labels.total, courseTotal), labels.lastActivity];
  const lines = [header, ...rows.map((row) => [row.label, row.file, ...row.chapters.map((t) => t.done), row.total.done, row.lastActivity ?? ''])];
  return UTF8_BOM + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
