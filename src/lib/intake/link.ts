/** The way in for a share link opened on the progress page (see `pipeline.ts`). */
import { decodeShareLink, type ShareProblem } from '../share-link';
import { settle, type Intake, type IntakeShape } from './pipeline';

/** The payload of a link (what follows `#share=`). A link carries current items only, so settling moves nothing; it runs all the same. */
export function intakeLink(payload: string, course: IntakeShape): Intake<ShareProblem> {
  const read = decodeShareLink(payload, course);
  return read.ok ? { ok: true, doc: settle(read.doc, course) } : read;
}
