/**
 * What each element of the progress page says from its script, as specs of
 * UI keys (see `ui-strings.ts`). Each .astro translates its spec; each script
 * imports only its type.
 */
import type { UiKey } from '../i18n';
import type { SaveError } from '../stores/storage';
import type { Undoable } from '../stores/progress';
import { PROBLEM_TEXT } from './problem-text';
import { plural } from '../i18n/ui-strings';

export const saveErrorStrings = {
  quota: 'manage.saveQuota',
  blocked: 'manage.saveBlocked',
} as const satisfies Record<SaveError, UiKey>;

export const keptAsideStrings = {
  problems: PROBLEM_TEXT.record,
  entry: 'manage.keptEntry',
  download: 'manage.keptDownload',
  discard: 'manage.keptDiscard',
} as const;

export const shareStrings = {
  copied: 'share.copied',
  copyFailed: 'share.copyFailed',
} as const;

export const importStrings = {
  fileProblems: PROBLEM_TEXT.record,
  linkProblems: PROBLEM_TEXT.link,
  linkError: 'share.error',
  unchanged: 'problem.unchanged',
} as const;

export const previewStrings = {
  file: 'manage.previewFile',
  link: 'share.previewLink',
  tickedCount: plural('manage.tickedCount'),
  willTick: plural('manage.willTick'),
  willUntick: plural('manage.willUntick'),
  noChange: 'manage.noChange',
} as const;

export const resetStrings = {
  confirm: 'manage.resetConfirm',
} as const;

/** What the status line says after each undoable action, and after Undo. */
export const undoStrings = {
  done: { import: 'manage.imported', reset: 'manage.resetDone' } satisfies Record<Undoable['action'], UiKey>,
  undone: 'manage.undone',
} as const;
