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
 *             readers that only count (`retired.ts`, through `file.ts`)
 *
 * and leaves as `{ ok: true, doc }` or `{ ok: false, problem }`, the problem
 * a typed code that the UI turns into words (`components/problem-text.ts`).
 * Pure: no DOM, no storage. Callers never decode on their own, so a record
 * can never skip a stage.
 *
 * This module holds the last stage and the shapes every way in shares; each
 * way in is its own module (`stored.ts`, `file.ts`, `link.ts`), so a chapter
 * page, which only reads storage, does not ship the file and link decoders.
 */
import type { ChapterItems, ProgressDoc } from '../progress';
import { applyRenames, type Renames } from '../renames';

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

/**
 * The last stage for every way in: marks under renamed ids move to the items
 * they became. Idempotent, so a settled record may pass again. Retired marks
 * stay; only a reader that counts drops them (`file.ts`, `RetiredMarks`), so
 * chapter pages, which read storage only, do not ship that code.
 */
export function settle(doc: ProgressDoc, course: IntakeCourse): ProgressDoc {
  return applyRenames(doc, course.renames ?? {});
}
