/**
 * The one way a progress record enters the app. Whatever brings it (the
 * value in this browser's storage, a file the learner imports, a share link,
 * a learner's file on the class dashboard), it passes the same stages:
 *
 *   decode    text or payload → a value (`progress-codec.ts` for JSON, `share-link.ts` for links)
 *   migrate   an older version → the current one (`MIGRATIONS` in `progress-codec.ts`)
 *   validate  field by field → a `ProgressDoc`, ids checked, nothing trusted
 *   settle    marks under renamed ids move to the items they became (`renames.ts`);
 *             retired marks are kept for the learner's own record, dropped for
 *             readers that only count (`retired.ts`)
 *
 * and leaves as `{ ok: true, doc }` or `{ ok: false, problem }`, the problem
 * a typed code that the UI turns into words (`components/problem-text.ts`).
 * Pure: no DOM, no storage. Callers never decode on their own, so a record
 * can never skip a stage.
 */
import type { ChapterItems, ProgressDoc } from './progress';
import { decodeStored, parseProgressFile, type FileInfo, type ReadProblem } from './progress-codec';
import { applyRenames, type Renames } from './renames';
import { withoutRetired } from './retired';
import { decodeShareLink, type ShareProblem } from './share-link';

/** What every intake needs to know about the course. */
export interface IntakeCourse {
  courseId: string;
  /** Old item key → current item key (`chapter/item`); none by default. */
  renames?: Renames;
}

/** A course with its current chapters: links address items by position, and counting needs the current items. */
export interface IntakeShape extends IntakeCourse {
  chapters: readonly ChapterItems[];
}

/** What happens to marks of items the course no longer has: kept in a learner's own record, dropped where records are only counted. */
export type RetiredMarks = 'keep' | 'drop';

export type Intake<Problem, Extra = object> = ({ ok: true; doc: ProgressDoc } & Extra) | { ok: false; problem: Problem };

/** A file as read in the browser: its text, and its size (checked before the text is read at all). */
export interface FileText {
  text: string;
  bytes: number;
}

/** The last stage: renames applied (idempotent, so a settled record may pass again), retired marks kept or dropped. */
export function settle(doc: ProgressDoc, course: IntakeCourse): ProgressDoc;
export function settle(doc: ProgressDoc, course: IntakeShape, retired: RetiredMarks): ProgressDoc;
export function settle(doc: ProgressDoc, course: IntakeCourse & Partial<IntakeShape>, retired: RetiredMarks = 'keep'): ProgressDoc {
  const renamed = applyRenames(doc, course.renames ?? {});
  return retired === 'drop' ? withoutRetired(renamed, course.chapters ?? []) : renamed;
}

/** The value the progress store finds under its key. Retired marks stay: it is the learner's own record. */
export function intakeStored(raw: string, course: IntakeCourse): Intake<ReadProblem> {
  const read = decodeStored(raw, course.courseId);
  return read.ok ? { ok: true, doc: settle(read.doc, course) } : read;
}

/** An exported progress file, with the name and export time it carries. */
export function intakeFile(file: FileText, course: IntakeShape, retired: RetiredMarks = 'keep'): Intake<ReadProblem, FileInfo> {
  const read = parseProgressFile(file.text, course.courseId, file.bytes);
  if (!read.ok) return read;
  const { learner, exportedAt } = read;
  return {
    ok: true,
    doc: settle(read.doc, course, retired),
    ...(learner !== undefined ? { learner } : {}),
    ...(exportedAt !== undefined ? { exportedAt } : {}),
  };
}

/** The payload of a share link (what follows `#share=`). */
export function intakeLink(payload: string, course: IntakeShape): Intake<ShareProblem> {
  const read = decodeShareLink(payload, course);
  return read.ok ? { ok: true, doc: settle(read.doc, course) } : read;
}
