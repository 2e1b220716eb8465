/**
 * The words for every problem the intake (`src/lib/intake/`) and the class
 * dashboard can report: one UI string per problem code, for each place a
 * problem is shown. The same cause reads differently in each: a file the
 * learner chose, a share link they opened, a learner's file on an
 * instructor's dashboard. A code without a string, or a string for a code
 * that no longer exists, is a compile error.
 *
 * Browser-safe: the UI keys are data; `ui-strings.ts` translates them at
 * build time, and the browser fills their slots with `problemValues`.
 */
import type { UiKey } from '../i18n';
import type { FileProblem } from '../lib/class-progress';
import { formatBytes } from '../lib/format';
import type { ReadProblem } from '../lib/progress-codec';
import type { ShareProblem } from '../lib/share-link';

/** Where a problem is shown, and which problems can reach it. */
export interface ProblemsByPlace {
  /** A file the learner imports, and data kept aside from this browser's storage. */
  record: ReadProblem;
  /** A share link opened on the progress page. */
  link: ShareProblem;
  /** A learner's file on the class dashboard. */
  class: FileProblem;
}

export const PROBLEM_TEXT = {
  record: {
    empty: 'problem.empty',
    'too-large': 'problem.too-large',
    truncated: 'problem.truncated',
    'not-json': 'problem.not-json',
    'not-progress': 'problem.not-progress',
    'other-course': 'problem.other-course',
    'newer-version': 'problem.newer-version',
    invalid: 'problem.invalid',
  },
  link: {
    empty: 'share.problem.empty',
    'too-long': 'share.problem.too-long',
    'not-link': 'share.problem.not-link',
    truncated: 'share.problem.truncated',
    damaged: 'share.problem.damaged',
    'newer-version': 'share.problem.newer-version',
    'other-course': 'share.problem.other-course',
    'other-content': 'share.problem.other-content',
  },
  class: {
    empty: 'dashboard.problem.empty',
    'too-large': 'dashboard.problem.too-large',
    truncated: 'dashboard.problem.truncated',
    'not-json': 'dashboard.problem.not-json',
    'not-progress': 'dashboard.problem.not-progress',
    'other-course': 'dashboard.problem.other-course',
    'newer-version': 'dashboard.problem.newer-version',
    invalid: 'dashboard.problem.invalid',
    unreadable: 'dashboard.problem.unreadable',
    'same-file': 'dashboard.problem.same-file',
    'older-export': 'dashboard.problem.older-export',
  },
} as const satisfies { [P in keyof ProblemsByPlace]: Record<ProblemsByPlace[P]['code'], UiKey> };

/**
 * The values for a problem string's `{{slots}}`: the problem's own fields by
 * name (`courseId`, `version`, `path`, `chars`, `of`, `learner`), and a byte
 * count as words (`size`, `limit`).
 */
export function problemValues(problem: ProblemsByPlace[keyof ProblemsByPlace], lang: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(problem)) if (name !== 'code' && (typeof value === 'string' || typeof value === 'number')) values[name] = value;
  if (problem.code === 'too-large') {
    values.size = formatBytes(problem.bytes, lang);
    values.limit = formatBytes(problem.limit, lang);
  }
  return values;
}
