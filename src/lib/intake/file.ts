/** The way in for an exported progress file: imported by the learner, or read by the class dashboard (see `pipeline.ts`). */
import { parseProgressFile, type FileInfo, type ReadProblem } from '../progress-codec';
import { withoutRetired } from '../retired';
import { settle, type Intake, type IntakeShape, type RetiredMarks } from './pipeline';

/** A file as read in the browser: its text, and its size (checked before the text is read at all). */
export interface FileText {
  text: string;
  bytes: number;
}

/** The record with the name and export time the file carries. */
export function intakeFile(file: FileText, course: IntakeShape, retired: RetiredMarks = 'keep'): Intake<ReadProblem, FileInfo> {
  const read = parseProgressFile(file.text, course.courseId, file.bytes);
  if (!read.ok) return read;
  const { learner, exportedAt } = read;
  return {
    ok: true,
    doc: retired === 'drop' ? withoutRetired(settle(read.doc, course), course.chapters) : settle(read.doc, course),
    ...(learner !== undefined ? { learner } : {}),
    ...(exportedAt !== undefined ? { exportedAt } : {}),
  };
}
