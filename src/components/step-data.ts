/**
 * What Step.astro hands to <wm-step> in `data-*` attributes, typed once for
 * both sides. Step.astro builds the values; step.ts imports only the types
 * (`import type`), so nothing here reaches the browser.
 */
import type { StringSpec, UiStrings } from '../i18n/ui-strings';

/** One file the learner edits: its starter and the reference solution. */
export interface StepFile {
  name: string;
  starter: string;
  solution: string;
}

/** The step's strings, by the name step.ts reads them under. */
export const stepStringKeys = {
  run: 'walk.run',
  running: 'walk.running',
  loading: 'walk.loading',
  loadFailed: 'walk.loadFailed',
  offline: 'walk.offline',
  passed: 'walk.passed',
  failed: 'walk.failed',
  summary: { plural: 'walk.summary' },
  itemTicked: 'walk.itemTicked',
  allPassed: 'walk.allPassed',
  noOutput: 'walk.noOutput',
  request: 'walk.request',
  response: 'walk.response',
  noResponse: 'walk.noResponse',
  timeout: 'walk.timeout',
  interrupted: 'walk.interrupted',
  crashed: 'walk.crashed',
  editorLabel: 'walk.editorLabel',
} as const satisfies StringSpec;

export type StepStrings = UiStrings<typeof stepStringKeys>;
