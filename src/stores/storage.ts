/**
 * What every store of a course shares: guarded writes (a full or blocked
 * storage sets `$saveError` instead of throwing) and the kept-aside list.
 * Created on first use in the browser, never at import time.
 *
 * Also the keys shared by every course on the origin (all keys are listed
 * in the README, "How progress is stored"). Course-scoped keys carry the
 * course id and are built beside their stores: `progressKey`, `keptAsideKey`,
 * `codeKey`, `learnerKey`.
 */
import { persistentAtom } from '@nanostores/persistent';
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { ReadProblem } from '../lib/progress-codec';
import { createKeptAside, type GuardedSet, type KeptAsideStore } from './kept-aside';

/**
 * The learner's colour theme: `light` or `dark`, absent to follow the system.
 * Origin-wide, so a learner's choice follows them from course to course.
 * `theme-init.js` reads it before first paint with its own copy of this key.
 */
export const THEME_KEY = 'waymark:theme';

/** The interface language the learner last switched to (`en`, `zh-cn`); the site root sends them back to it. */
export const LOCALE_KEY = 'waymark:locale';

/** Written and removed at once, to learn whether the browser lets this site store anything. */
const PROBE_KEY = 'waymark:probe';

export type SaveError = 'quota' | 'blocked';

export interface CourseStorage {
  readonly $saveError: ReadableAtom<SaveError | null>;
  readonly guardedSet: GuardedSet;
  readonly keptAside: KeptAsideStore;
}

function saveErrorOf(error: unknown): SaveError {
  return error instanceof DOMException && error.name === 'QuotaExceededError' ? 'quota' : 'blocked';
}

/**
 * True in a browser that refuses this site storage (blocked cookies, some
 * private modes). The persistent stores then keep values in memory only, so
 * the learner is told their ticks will not last.
 */
function storageBlocked(): boolean {
  if (typeof window === 'undefined') return false;
  try {
    window.localStorage.setItem(PROBE_KEY, PROBE_KEY);
    window.localStorage.removeItem(PROBE_KEY);
    return false;
  } catch {
    return true;
  }
}

function create(courseId: string): CourseStorage {
  const blocked = storageBlocked();
  const $saveError = atom<SaveError | null>(blocked ? 'blocked' : null);
  const guardedSet: GuardedSet = <T>(store: WritableAtom<T>, value: T) => {
    try {
      store.set(value);
      $saveError.set(blocked ? 'blocked' : null);
      return true;
    } catch (error) {
      $saveError.set(saveErrorOf(error));
      return false;
    }
  };
  return { $saveError, guardedSet, keptAside: createKeptAside(courseId, guardedSet) };
}

const contexts = new Map<string, CourseStorage>();

export function courseStorage(courseId: string): CourseStorage {
  let context = contexts.get(courseId);
  if (!context) {
    context = create(courseId);
    contexts.set(courseId, context);
  }
  return context;
}

export type Reader<T> = (raw: string) => { ok: true; doc: T } | { ok: false; problem: ReadProblem };

/**
 * A persistent atom whose every read (at start and from other tabs) goes
 * through `read`. A value it cannot use is kept aside, never lost, and the
 * store starts from `empty()`; once the copy is safe, the unusable value is
 * replaced so it is not found (and kept aside again) on every load.
 */
export function validatedAtom<T>(storage: CourseStorage, key: string, empty: () => T, read: Reader<T>): WritableAtom<T> {
  let unusableAtStart = false;
  const store = persistentAtom<T>(key, empty(), {
    encode: JSON.stringify,
    decode(raw) {
      const result = read(raw);
      if (result.ok) return result.doc;
      unusableAtStart = storage.keptAside.keep(key, raw, result.problem);
      return empty();
    },
  });
  if (unusableAtStart) storage.guardedSet(store, empty());
  unusableAtStart = false;
  return store;
}

/** For tests that swap the storage engine. */
export function forgetCourseStorage(): void {
  contexts.clear();
}
