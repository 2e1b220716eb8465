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
 * - `waymark:<courseId>:kept-aside` (see `kept-aside.ts`) receives any value
 *   found under the progress key that cannot be used (not JSON, another
 *   course, a newer version, a broken field). Such data is never deleted
 *   silently: the progress page says it is there, offers it as a download,
 *   and only the learner can discard it.
 *
 * Renamed items (`src/lib/renames.ts`): the page hands the course's renames
 * to `progressStore`, and every record that enters, read at start, written
 * by another tab or imported, goes through the intake (`src/lib/intake/`),
 * which moves its marks under old ids to the new ones. The renamed record
 * is written on the learner's next change; until then the stored value
 * stays as it was. Marks under ids the course no
 * longer has (retired items) are kept by every write, merge and undo; only
 * an explicit reset or a replacing import, both undoable, drops them.
 *
 * Lifecycle: nothing is read at import time. `progressStore(courseId)` builds
 * the stores on first use in the browser; reads are validated on every decode,
 * including values another tab writes, which arrive through the `storage`
 * event so open tabs stay in step. Every write is guarded: a full or blocked
 * storage leaves the last good state on screen and sets `$saveError`.
 */
import { atom, type ReadableAtom } from 'nanostores';
import { settle } from '../lib/intake/pipeline';
import { intakeStored } from '../lib/intake/stored';
import { combineProgress, emptyProgress, PROGRESS_VERSION, setMark, type ImportMode, type ProgressDoc } from '../lib/progress';
import type { Renames } from '../lib/renames';
import type { KeptAside } from './kept-aside';
import { courseStorage, forgetCourseStorage, validatedAtom, type SaveError } from './storage';

export interface Undoable {
  action: 'reset' | 'import';
  previous: ProgressDoc;
}

export interface ProgressStore {
  readonly courseId: string;
  /** The renames applied to every record read or imported. */
  readonly renames: Renames;
  readonly $progress: ReadableAtom<ProgressDoc>;
  readonly $keptAside: ReadableAtom<readonly KeptAside[]>;
  readonly $saveError: ReadableAtom<SaveError | null>;
  /** The record before the last reset or import, until undone or replaced. */
  readonly $undo: ReadableAtom<Undoable | null>;
  setItem(chapter: string, item: string, done: boolean): void;
  /** Combines `incoming` (settled again: renames apply to whatever comes in) with the record; true when it was saved. */
  importProgress(incoming: ProgressDoc, mode: ImportMode): boolean;
  /** Empties the record; true when it was saved. */
  reset(): boolean;
  /** Brings back the record from before the last reset or import; true when it was saved. */
  undo(): boolean;
  discardKeptAside(keptAt: string): void;
}

export function progressKey(courseId: string): string {
  return `waymark:${courseId}:progress:v${PROGRESS_VERSION}`;
}

export interface StoreOptions {
  /** Old item key → current item key (`chapter/item`), from the page data. */
  renames?: Renames;
}

function createStore(courseId: string, { renames = {} }: StoreOptions): ProgressStore {
  const $undo = atom<Undoable | null>(null);
  const storage = courseStorage(courseId);
  const { $saveError, guardedSet, keptAside } = storage;
  const course = { courseId, renames };
  const $progress = validatedAtom(
    storage,
    progressKey(courseId),
    () => emptyProgress(courseId),
    (raw) => intakeStored(raw, course),
  );

  return {
    courseId,
    renames,
    $progress,
    $keptAside: keptAside.$keptAside,
    $saveError,
    $undo,
    setItem(chapter, item, done) {
      guardedSet($progress, setMark($progress.get(), chapter, item, done, new Date()));
    },
    importProgress(incoming, mode) {
      const previous = $progress.get();
      if (!guardedSet($progress, combineProgress(previous, settle(incoming, course), mode))) return false;
      $undo.set({ action: 'import', previous });
      return true;
    },
    reset() {
      const previous = $progress.get();
      if (!guardedSet($progress, emptyProgress(courseId))) return false;
      $undo.set({ action: 'reset', previous });
      return true;
    },
    undo() {
      const undoable = $undo.get();
      if (!undoable || !guardedSet($progress, undoable.previous)) return false;
      $undo.set(null);
      return true;
    },
    discardKeptAside: keptAside.discard,
  };
}

const stores = new Map<string, ProgressStore>();

/** The progress store for one course, created on first use (the options of that first call count). */
export function progressStore(courseId: string, options: StoreOptions = {}): ProgressStore {
  let store = stores.get(courseId);
  if (!store) {
    store = createStore(courseId, options);
    stores.set(courseId, store);
  }
  return store;
}

/** Forgets the created stores; for tests that swap the storage engine. */
export function forgetProgressStores(): void {
  stores.clear();
  forgetCourseStorage();
}
