/**
 * Reading progress records that come from outside the program: the browser's
 * storage and files a learner imports. Nothing read is trusted: every value
 * is checked field by field, older versions are migrated, and anything that
 * cannot be used is described by a problem code the UI turns into words.
 */
import { dict } from './dict';
import { PROGRESS_VERSION, type Mark, type ProgressDoc } from './progress';

export type ReadProblem =
  | { code: 'empty' }
  | { code: 'too-large'; bytes: number; limit: number }
  | { code: 'truncated' }
  | { code: 'not-json' }
  | { code: 'not-progress' }
  | { code: 'other-course'; courseId: string }
  | { code: 'newer-version'; version: number }
  | { code: 'invalid'; path: string };

export interface FileInfo {
  /** The name the learner typed when exporting, if any (trimmed, at most `MAX_LEARNER_LENGTH` characters). */
  learner?: string;
  /** When the file was exported, ISO 8601, if the file says so. */
  exportedAt?: string;
}

export type ReadResult = ({ ok: true; doc: ProgressDoc; migratedFrom?: number } & FileInfo) | { ok: false; problem: ReadProblem };

/** Turns a record of version n into one of version n + 1. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations by the version they start from. Version 1 is the first released
 * schema, so the table is empty; when version 2 arrives, `1: (v1) => v2`
 * goes here and every reader (storage, import) picks it up. Renamed and
 * removed checklist items need no new version: the stores move marks to the
 * new ids after reading (`applyRenames` in `renames.ts`) in the same shape.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Marks an exported file so an import can tell it from any other JSON. */
export const PROGRESS_FILE_FORMAT = 'waymark-progress';

/** A full course's progress is a few kilobytes; a megabyte is far beyond any real file. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkChapters(value: unknown): { ok: true; chapters: ProgressDoc['chapters'] } | { ok: false; path: string } {
  if (!isRecord(value)) return { ok: false, path: 'chapters' };
  // Ids come from outside: dictionaries, so that `constructor` or `prototype` is just a key.
  const chapters = dict<Record<string, Mark>>();
  for (const [chapterId, items] of Object.entries(value)) {
    if (!ID.test(chapterId) || !isRecord(items)) return { ok: false, path: `chapters.${chapterId}` };
    const marks = dict<Mark>();
    for (const [itemId, mark] of Object.entries(items)) {
      const path = `chapters.${chapterId}.${itemId}`;
      if (!ID.test(itemId) || !isRecord(mark)) return { ok: false, path };
      if (typeof mark.done !== 'boolean' || typeof mark.at !== 'string' || Number.isNaN(Date.parse(mark.at))) {
        return { ok: false, path };
      }
      marks[itemId] = { done: mark.done, at: mark.at };
    }
    chapters[chapterId] = marks;
  }
  return { ok: true, chapters };
}

/**
 * Checks a decoded value against the current schema for one course,
 * migrating older versions first. Unknown extra fields are dropped.
 */
export function readProgressValue(
  value: unknown,
  courseId: string,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = PROGRESS_VERSION,
): ReadResult {
  if (!isRecord(value) || !Object.hasOwn(value, 'version') || !Object.hasOwn(value, 'courseId')) return { ok: false, problem: { code: 'not-progress' } };
  if (typeof value.courseId !== 'string') return { ok: false, problem: { code: 'invalid', path: 'courseId' } };
  if (value.courseId !== courseId) return { ok: false, problem: { code: 'other-course', courseId: value.courseId } };
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, problem: { code: 'invalid', path: 'version' } };
  }
  if (version > current) return { ok: false, problem: { code: 'newer-version', version } };

  let record: Record<string, unknown> = value;
  for (let v = version; v < current; v += 1) {
    const step = migrations[v];
    if (!step) return { ok: false, problem: { code: 'invalid', path: `version ${v} has no migration` } };
    record = step(record);
  }
  const checked = checkChapters(record.chapters);
  if (!checked.ok) return { ok: false, problem: { code: 'invalid', path: checked.path } };
  const doc: ProgressDoc = { version: PROGRESS_VERSION, courseId, chapters: checked.chapters };
  return version < current ? { ok: true, doc, migratedFrom: version } : { ok: true, doc };
}

/**
 * True when `text` stops inside a string or an open object or array: the
 * mark of a file cut off in a download or a copy, as opposed to one that was
 * never JSON.
 */
export function looksTruncated(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < trimmed.length; i += 1) {
    const ch = trimmed[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') depth -= 1;
  }
  return inString || depth > 0;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: ReadProblem } {
  if (!text.trim()) return { ok: false, problem: { code: 'empty' } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: { code: looksTruncated(text) ? 'truncated' : 'not-json' } };
  }
}

/** Decodes what the progress store finds under its key. */
export function decodeStored(raw: string, courseId: string): ReadResult {
  const parsed = parseJson(raw);
  return parsed.ok ? readProgressValue(parsed.value, courseId) : parsed;
}

/** Longest learner name a progress file carries; longer names are cut. */
export const MAX_LEARNER_LENGTH = 80;

export interface ProgressFile {
  format: typeof PROGRESS_FILE_FORMAT;
  version: typeof PROGRESS_VERSION;
  courseId: string;
  exportedAt: string;
  /** Optional: the name the learner typed, so an instructor's dashboard can tell files apart. */
  learner?: string;
  chapters: ProgressDoc['chapters'];
}

/** A learner name as stored: whitespace collapsed, trimmed, cut to the limit; empty means none. */
export function cleanLearnerName(name: string | undefined): string | undefined {
  const clean = (name ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_LEARNER_LENGTH).trim();
  return clean || undefined;
}

/**
 * Reads the learner name the progress page remembers (a JSON string). A value
 * that is not a string, or not one `cleanLearnerName` would have stored, is
 * refused so it can be kept aside.
 */
export function decodeStoredLearner(raw: string): { ok: true; doc: string } | { ok: false; problem: ReadProblem } {
  const parsed = parseJson(raw);
  if (!parsed.ok) return parsed;
  if (typeof parsed.value !== 'string') return { ok: false, problem: { code: 'invalid', path: 'learner' } };
  if (parsed.value !== (cleanLearnerName(parsed.value) ?? '')) return { ok: false, problem: { code: 'invalid', path: 'learner' } };
  return { ok: true, doc: parsed.value };
}

export function toProgressFile(doc: ProgressDoc, now: Date, learner?: string): ProgressFile {
  const name = cleanLearnerName(learner);
  return {
    format: PROGRESS_FILE_FORMAT,
    version: PROGRESS_VERSION,
    courseId: doc.courseId,
    exportedAt: now.toISOString(),
    ...(name ? { learner: name } : {}),
    chapters: doc.chapters,
  };
}

/**
 * A learner name as a piece of a file name: letters and digits of any script
 * kept (an instructor sees whose file it is), everything else a single dash,
 * at most 40 characters; empty when nothing usable is left.
 */
export function fileSafeName(name: string | undefined): string {
  return (cleanLearnerName(name) ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
}

export function progressFileName(courseId: string, now: Date, learner?: string): string {
  const name = fileSafeName(learner);
  return `${courseId}-progress-${name ? `${name}-` : ''}${now.toISOString().slice(0, 10)}.json`;
}

/**
 * Parses an imported file. `bytes` is the file's size, checked before the
 * text is read at all so a 50 MB file is refused without being loaded.
 */
export function parseProgressFile(text: string, courseId: string, bytes: number = text.length): ReadResult {
  if (bytes > MAX_IMPORT_BYTES) return { ok: false, problem: { code: 'too-large', bytes, limit: MAX_IMPORT_BYTES } };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (!isRecord(value) || value.format !== PROGRESS_FILE_FORMAT) return { ok: false, problem: { code: 'not-progress' } };
  const read = readProgressValue(value, courseId);
  if (!read.ok) return read;
  if (value.learner !== undefined && typeof value.learner !== 'string') return { ok: false, problem: { code: 'invalid', path: 'learner' } };
  if (value.exportedAt !== undefined && (typeof value.exportedAt !== 'string' || Number.isNaN(Date.parse(value.exportedAt)))) {
    return { ok: false, problem: { code: 'invalid', path: 'exportedAt' } };
  }
  const learner = cleanLearnerName(value.learner as string | undefined);
  return {
    ...read,
    ...(learner ? { learner } : {}),
    ...(typeof value.exportedAt === 'string' ? { exportedAt: value.exportedAt } : {}),
  };
}
