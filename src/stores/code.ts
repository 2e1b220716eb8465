/**
 * The learner's walkthrough edits, kept per step in this browser.
 *
 * Key: `waymark:<courseId>:code:v1`, JSON of `CodeDoc` (`src/lib/code-doc.ts`):
 * `{ "version": 1, "courseId": "…", "steps": { "<walkthrough>/<step>": { "files": { "app.py": "…" }, "at": "<ISO time>" } } }`.
 * Same rules as progress: validated on every read (other tabs included),
 * unusable values kept aside rather than lost, writes guarded. Reset
 * removes a step's entry, so the starter files show again.
 */
import type { ReadableAtom } from 'nanostores';
import { CODE_VERSION, decodeCode, emptyCode, withStepEdits, type CodeDoc } from '../lib/code-doc';
import { courseStorage, validatedAtom } from './storage';

export interface CodeStore {
  readonly $code: ReadableAtom<CodeDoc>;
  save(stepKey: string, files: Record<string, string>): void;
  reset(stepKey: string): void;
  /**
   * Keeps a step's files as the learner left them, or resets the step when
   * they are its starter files again: nothing is stored for untouched steps.
   */
  edit(stepKey: string, files: Record<string, string>, starters: Record<string, string>): void;
}

export function codeKey(courseId: string): string {
  return `waymark:${courseId}:code:v${CODE_VERSION}`;
}

const stores = new Map<string, CodeStore>();

export function codeStore(courseId: string): CodeStore {
  const existing = stores.get(courseId);
  if (existing) return existing;
  const storage = courseStorage(courseId);
  const { guardedSet } = storage;
  const $code = validatedAtom(
    storage,
    codeKey(courseId),
    () => emptyCode(courseId),
    (raw) => decodeCode(raw, courseId),
  );
  const store: CodeStore = {
    $code,
    save(stepKey, files) {
      guardedSet($code, withStepEdits($code.get(), stepKey, files, new Date()));
    },
    reset(stepKey) {
      guardedSet($code, withStepEdits($code.get(), stepKey, undefined, new Date()));
    },
    edit(stepKey, files, starters) {
      const untouched = Object.keys(starters).every((name) => Object.hasOwn(files, name) && files[name] === starters[name]);
      if (untouched) store.reset(stepKey);
      else store.save(stepKey, files);
    },
  };
  stores.set(courseId, store);
  return store;
}

/** For tests that swap the storage engine. */
export function forgetCodeStores(): void {
  stores.clear();
}
