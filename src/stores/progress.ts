/**
 * The learner's progress, and the only code that touches its storage.
 *
 * Keys (also listed in the README), one set per course so two courses on one
 * origin never mix:
 * - `waymark:<courseId>:progress:v<N>` holds the current record, JSON of
 *   `ProgressDoc` (`src/lib/progress.ts`):
 *   `{ "version": 1, "courseId": "…", "chapters": { "<chapter>": { "<item>": { "done": true, "at": "<ISO time>" } } } }`.
 *   The version is in the key as well as the value, so a future version can
 *   read the older key, migrate it (`MIGRATIONS` in `src/lib/progress-codec.ts`)
 *   and leave it in place as a fallback.
 * - `waymark:<courseId>:kept-aside` holds, as a JSON array, every value found
 *   under the progress key that could not be used (not JSON, another course,
 *   a newer version, a broken field), each with the time and the reason. Such
 *   data is never deleted silently: the progress page says it is there, offers
 *   it as a download, and only the learner can discard it.
 *
 * Lifecycle: nothing is read at import time. `progressStore(courseId)` builds
 * the stores on first use in the browser; reads are validated on every decode,
 * including values another tab writes, which arrive through the `storage`
 * event so open tabs stay in step. Every write is guarded: a full or blocked
 * storage leaves the last good state on screen and sets `$saveError`.
 */
import { persistentAtom } from '@nanostores/persistent';
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { decodeStored, type ReadProblem } from '../lib/progress-codec';
import { emptyProgress, mergeProgress, PROGRESS_VERSION, setMark, type ProgressDoc } from '../lib/progress';

export interface KeptAside {
  keptAt: string;
  problem: ReadProblem;
  raw: string;
}

export type SaveError = 'quota' | 'blocked';

export interface Undoable {
  action: 'reset' | 'import';
  previous: ProgressDoc;
}

export interface ProgressStore {
  readonly courseId: string;
  readonly $progress: ReadableAtom<ProgressDoc>;
  readonly $keptAside: ReadableAtom<KeptAside[]>;
  readonly $saveError: ReadableAtom<SaveError | null>;
  /** The record before the last reset or import, until undone or replaced. */
  readonly $undo: ReadableAtom<Undoable | null>;
  setItem(chapter: string, item: string, done: boolean): void;
  importProgress(incoming: ProgressDoc, mode: 'merge' | 'replace'): void;
  reset(): void;
  undo(): void;
  discardKeptAside(keptAt: string): void;
}

export function progressKey(courseId: string): string {
  return `waymark:${courseId}:progress:v${PROGRESS_VERSION}`;
}

export function keptAsideKey(courseId: string): string {
  return `waymark:${courseId}:kept-aside`;
}

function isKeptAside(value: unknown): value is KeptAside {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.keptAt === 'string' && typeof v.raw === 'string' && typeof v.problem === 'object' && v.problem !== null;
}

function decodeKeptAside(raw: string): KeptAside[] {
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.every(isKeptAside)) return value;
  } catch {
    // fall through: the list itself is damaged, so it becomes its own entry
  }
  return [{ keptAt: new Date().toISOString(), problem: { code: 'not-json' }, raw }];
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
    const probe = 'waymark:probe';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return false;
  } catch {
    return true;
  }
}

function createStore(courseId: string): ProgressStore {
  const blocked = storageBlocked();
  const $saveError = atom<SaveError | null>(blocked ? 'blocked' : null);
  const $undo = atom<Undoable | null>(null);
  const $keptAside = persistentAtom<KeptAside[]>(keptAsideKey(courseId), [], {
    encode: JSON.stringify,
    decode: decodeKeptAside,
  });

  function guardedSet<T>(store: WritableAtom<T>, value: T): boolean {
    try {
      store.set(value);
      $saveError.set(blocked ? 'blocked' : null);
      return true;
    } catch (error) {
      $saveError.set(saveErrorOf(error));
      return false;
    }
  }

  /** True once `raw` is safe in the kept-aside list. */
  function keepAside(raw: string, problem: ReadProblem): boolean {
    const list = $keptAside.get();
    if (list.some((entry) => entry.raw === raw)) return true;
    return guardedSet($keptAside, [...list, { keptAt: new Date().toISOString(), problem, raw }]);
  }

  let unusableAtStart = false;

  const $progress = persistentAtom<ProgressDoc>(progressKey(courseId), emptyProgress(courseId), {
    encode: JSON.stringify,
    decode(raw) {
      const read = decodeStored(raw, courseId);
      if (read.ok) return read.doc;
      unusableAtStart = keepAside(raw, read.problem);
      return emptyProgress(courseId);
    },
  });
  // The unusable value is copied aside; replace it so it is not found (and
  // kept aside again after the learner discards the copy) on every load.
  if (unusableAtStart) guardedSet($progress, emptyProgress(courseId));

  return {
    courseId,
    $progress,
    $keptAside,
    $saveError,
    $undo,
    setItem(chapter, item, done) {
      guardedSet($progress, setMark($progress.get(), chapter, item, done, new Date()));
    },
    importProgress(incoming, mode) {
      const previous = $progress.get();
      const next = mode === 'merge' ? mergeProgress(previous, incoming) : { ...incoming, courseId };
      if (guardedSet($progress, next)) $undo.set({ action: 'import', previous });
    },
    reset() {
      const previous = $progress.get();
      if (guardedSet($progress, emptyProgress(courseId))) $undo.set({ action: 'reset', previous });
    },
    undo() {
      const undoable = $undo.get();
      if (undoable && guardedSet($progress, undoable.previous)) $undo.set(null);
    },
    discardKeptAside(keptAt) {
      guardedSet(
        $keptAside,
        $keptAside.get().filter((entry) => entry.keptAt !== keptAt),
      );
    },
  };
}

const stores = new Map<string, ProgressStore>();

/** The progress store for one course, created on first use. */
export function progressStore(courseId: string): ProgressStore {
  let store = stores.get(courseId);
  if (!store) {
    store = createStore(courseId);
    stores.set(courseId, store);
  }
  return store;
}

/** Forgets the created stores; for tests that swap the storage engine. */
export function forgetProgressStores(): void {
  stores.clear();
}
