/**
 * Reading progress records that come from outside the program: the browser's
 * storage and files a learner imports. Nothing read is trusted: every value
 * is checked field by field, older versions are migrated, and anything that
 * cannot be used is described by a problem code the UI turns into words.
 */
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

export type ReadResult = { ok: true; doc: ProgressDoc; migratedFrom?: number } | { ok: false; problem: ReadProblem };

/** Turns a record of version n into one of version n + 1. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations by the version they start from. Version 1 is the first released
 * schema, so the table is empty; when version 2 arrives, `1: (v1) => v2`
 * goes here and every reader (storage, import) picks it up.
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
  const chapters: ProgressDoc['chapters'] = {};
  for (const [chapterId, items] of Object.entries(value)) {
    if (!ID.test(chapterId) || !isRecord(items)) return { ok: false, path: `chapters.${chapterId}` };
    const marks: Record<string, Mark> = {};
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
  if (!isRecord(value) || !('version' in value) || !('courseId' in value)) return { ok: false, problem: { code: 'not-progress' } };
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

export interface ProgressFile {
  format: typeof PROGRESS_FILE_FORMAT;
  version: typeof PROGRESS_VERSION;
  courseId: string;
  exportedAt: string;
  chapters: ProgressDoc['chapters'];
}

export function toProgressFile(doc: ProgressDoc, now: Date): ProgressFile {
  return {
    format: PROGRESS_FILE_FORMAT,
    version: PROGRESS_VERSION,
    courseId: doc.courseId,
    exportedAt: now.toISOString(),
    chapters: doc.chapters,
  };
}

export function progressFileName(courseId: string, now: Date): string {
  return `${courseId}-progress-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * Parses an imported file. `bytes` is the file's size, checked before the
 * text is read at all so a 50 MB file is refused without being loaded.
 */
export function parseProgressFile(text: string, courseId: string, bytes: number = text.length): ReadResult {
  if (bytes > MAX_IMPORT_BYTES) return { ok: false, problem: { code: 'too-large', bytes, limit: MAX_IMPORT_BYTES } };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  if (!isRecord(parsed.value) || parsed.value.format !== PROGRESS_FILE_FORMAT) return { ok: false, problem: { code: 'not-progress' } };
  return readProgressValue(parsed.value, courseId);
}
