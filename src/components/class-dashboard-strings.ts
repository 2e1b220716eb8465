/**
 * What the class dashboard says from its script, as a spec of UI keys (see
 * `ui-strings.ts`): the .astro translates it, the script imports its type.
 */
import { PROBLEM_TEXT } from './problem-text';
import { plural } from '../i18n/ui-strings';

export const classDashboardStrings = {
  problems: PROBLEM_TEXT.class,
  clash: 'dashboard.clash',
  fileSeparator: 'dashboard.fileSeparator',
  count: 'progress.count',
  learners: plural('dashboard.learners'),
  files: plural('dashboard.fileCount'),
  notUsed: plural('dashboard.notUsed'),
  status: 'dashboard.status',
  statusNotUsed: 'dashboard.statusNotUsed',
  empty: 'dashboard.empty',
  reading: 'dashboard.reading',
  never: 'dashboard.never',
  /** CSV headers; the chapter titles travel with the course. */
  csv: {
    learner: 'dashboard.learner',
    file: 'dashboard.file',
    ofTotal: 'dashboard.csvOfTotal',
    total: 'dashboard.total',
    lastActivity: 'dashboard.lastActivity',
  },
} as const;
