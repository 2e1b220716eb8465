/** The way in for the value the progress store finds under its key (see `pipeline.ts`). */
import { decodeStored, type ReadProblem } from '../progress-codec';
import { settle, type Intake, type IntakeCourse } from './pipeline';

/** Retired marks stay: it is the learner's own record. */
export function intakeStored(raw: string, course: IntakeCourse): Intake<ReadProblem> {
  const read = decodeStored(raw, course.courseId);
  return read.ok ? { ok: true, doc: settle(read.doc, course) } : read;
}
