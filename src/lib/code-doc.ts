/**
 * The learner's edits to walkthrough files, per step. Pure data and
 * validation; storage lives in `src/stores/code.ts`.
 */
import { dict } from './dict';
import type { ReadProblem } from './progress-codec';

export const CODE_VERSION = 1;

export interface StepEdits {
  /** File name → the learner's text. */
  files: Record<string, string>;
  /** When the learner last edited the step, ISO 8601. */
  at: string;
}

export interface CodeDoc {
  version: typeof CODE_VERSION;
  courseId: string;
  /** `<walkthrough id>/<step id>` → edits */
  steps: Record<string, StepEdits>;
}

export type CodeRead = { ok: true; doc: CodeDoc } | { ok: false; problem: ReadProblem };

const STEP_KEY = /^[a-z0-9-]+\/[a-z0-9-]+$/;
/** Plain relative names such as `app.py` or `templates/index.html`; nothing that climbs out. */
const FILE_NAME = /^(?!.*\.\.)[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;

export function emptyCode(courseId: string): CodeDoc {
  return { version: CODE_VERSION, courseId, steps: dict() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readCodeValue(value: unknown, courseId: string): CodeRead {
  if (!isRecord(value) || !Object.hasOwn(value, 'version') || !Object.hasOwn(value, 'courseId')) return { ok: false, problem: { code: 'not-progress' } };
  if (value.courseId !== courseId) return { ok: false, problem: { code: 'other-course', courseId: String(value.courseId) } };
  if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    return { ok: false, problem: { code: 'invalid', path: 'version' } };
  }
  if (value.version > CODE_VERSION) return { ok: false, problem: { code: 'newer-version', version: value.version } };
  if (!isRecord(value.steps)) return { ok: false, problem: { code: 'invalid', path: 'steps' } };
  // Step keys and file names come from storage: dictionaries, so that a file named `__proto__` is kept.
  const steps = dict<StepEdits>();
  for (const [key, edits] of Object.entries(value.steps)) {
    if (!STEP_KEY.test(key) || !isRecord(edits) || !isRecord(edits.files) || typeof edits.at !== 'string') {
      return { ok: false, problem: { code: 'invalid', path: `steps.${key}` } };
    }
    const files = dict<string>();
    for (const [name, text] of Object.entries(edits.files)) {
      if (!FILE_NAME.test(name) || typeof text !== 'string') return { ok: false, problem: { code: 'invalid', path: `steps.${key}.files.${name}` } };
      files[name] = text;
    }
    steps[key] = { files, at: edits.at };
  }
  return { ok: true, doc: { version: CODE_VERSION, courseId, steps } };
}

export function decodeCode(raw: string, courseId: string): CodeRead {
  try {
    return readCodeValue(JSON.parse(raw), courseId);
  } catch {
    return { ok: false, problem: { code: 'not-json' } };
  }
}

/** A copy with one step's edits saved, or removed when `files` is undefined. */
export function withStepEdits(doc: CodeDoc, stepKey: string, files: Record<string, string> | undefined, now: Date): CodeDoc {
  const steps = dict(Object.entries(doc.steps));
  if (files) steps[stepKey] = { files: dict(Object.entries(files)), at: now.toISOString() };
  else delete steps[stepKey];
  return { ...doc, steps };
}

/**
 * Whether the learner has kept edits in any step of a walkthrough (step keys
 * are `<walkthrough>/<step>`): someone who has worked on it before is likely
 * to run it again, so its page may start Python as soon as a step is near.
 */
export function walkthroughStarted(doc: CodeDoc, walkthrough: string): boolean {
  return Object.keys(doc.steps).some((key) => key.startsWith(`${walkthrough}/`));
}
