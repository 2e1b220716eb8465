/**
 * The name a learner types next to Export, remembered for their next export.
 *
 * Key (also listed in the README): `waymark:<courseId>:learner`, a JSON
 * string as `cleanLearnerName` leaves it (whitespace collapsed, at most 80
 * characters), `""` for none. Read through the same validation as progress:
 * anything else found there is kept aside, never lost, and the field starts
 * empty. Nothing is read at import time.
 */
import type { ReadableAtom } from 'nanostores';
import { cleanLearnerName, decodeStoredLearner } from '../lib/progress-codec';
import { courseStorage, validatedAtom } from './storage';

export interface LearnerStore {
  readonly $learner: ReadableAtom<string>;
  /** Stores the cleaned name; false when storage refused it. */
  setLearner(name: string): boolean;
}

export function learnerKey(courseId: string): string {
  return `waymark:${courseId}:learner`;
}

const stores = new Map<string, LearnerStore>();

export function learnerStore(courseId: string): LearnerStore {
  let store = stores.get(courseId);
  if (!store) {
    const storage = courseStorage(courseId);
    const $learner = validatedAtom(storage, learnerKey(courseId), () => '', decodeStoredLearner);
    store = {
      $learner,
      setLearner: (name) => storage.guardedSet($learner, cleanLearnerName(name) ?? ''),
    };
    stores.set(courseId, store);
  }
  return store;
}

/** For tests that swap the storage engine. */
export function forgetLearnerStores(): void {
  stores.clear();
}
