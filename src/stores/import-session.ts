/**
 * One import on the progress page, from the moment a file or a share link
 * arrives to the moment it is applied or put away:
 *
 *   idle ─ file or link ─→ refused (a problem, nothing changes)
 *                       └→ preview (merge | replace) ─ apply ─→ done (Undo is the progress store's)
 *                                                   └ cancel ─→ idle
 *
 * Whatever arrives goes through the intake (`src/lib/intake/`). The
 * preview is computed from the progress store as it is now, by the same
 * rule the import applies (`combineProgress`), so a tick made in another tab
 * while the preview is open shows in it, and the preview never promises
 * something the import then does differently.
 *
 * Holds nothing in storage; a new page starts idle.
 */
import { atom, computed, type ReadableAtom } from 'nanostores';
import { intakeFile } from '../lib/intake/file';
import { intakeLink } from '../lib/intake/link';
import { combineProgress, countTicked, diffProgress, type ChapterItems, type ImportMode, type ItemRef, type ProgressDoc } from '../lib/progress';
import { MAX_IMPORT_BYTES, type ReadProblem } from '../lib/progress-codec';
import type { ShareProblem } from '../lib/share-link';
import type { ProgressStore } from './progress';

export type ImportOrigin = 'file' | 'link';

export type ImportSession =
  | { step: 'idle' }
  | { step: 'refused'; origin: 'file'; problem: ReadProblem }
  | { step: 'refused'; origin: 'link'; problem: ShareProblem }
  | {
      step: 'preview';
      origin: ImportOrigin;
      /** The record as it came in, settled (renamed ids moved). */
      incoming: ProgressDoc;
      mode: ImportMode;
      /** When a file was exported (or else last modified), ISO 8601; absent for links and when unknown. */
      exportedAt?: string;
    }
  | { step: 'done'; origin: ImportOrigin };

export interface ImportPreview {
  /** Ticked items in what came in, whatever the mode. */
  ticked: number;
  /** What the import would change in the progress as it is now. */
  willTick: ItemRef[];
  willUntick: ItemRef[];
}

/** The part of a browser `File` the session reads: the size first, the text only when the size is plausible. */
export interface ChosenFile {
  size: number;
  /** Milliseconds since the epoch; 0 or absent when unknown. */
  lastModified?: number;
  text(): Promise<string>;
}

export interface ImportSessionStore {
  readonly $session: ReadableAtom<ImportSession>;
  /** Non-null while a preview is open; follows the progress store. */
  readonly $preview: ReadableAtom<ImportPreview | null>;
  /** Reads a chosen file; none (the picker emptied) closes any preview. */
  chooseFile(file: ChosenFile | undefined): Promise<void>;
  /** Reads a share link's payload. */
  openLink(payload: string): void;
  setMode(mode: ImportMode): void;
  /** Applies the open preview; false when there is none or storage refused it (the preview stays open). */
  apply(): boolean;
  cancel(): void;
}

export function createImportSession(progress: ProgressStore, chapters: readonly ChapterItems[]): ImportSessionStore {
  const course = { courseId: progress.courseId, chapters, renames: progress.renames };
  const $session = atom<ImportSession>({ step: 'idle' });
  // The mode outlives one preview, as the radio buttons on the page do.
  let mode: ImportMode = 'merge';
  // A file read that finishes after a later choice must not overwrite it.
  let latest = 0;

  const $preview = computed([$session, progress.$progress], (session, current): ImportPreview | null => {
    if (session.step !== 'preview') return null;
    const { ticked, unticked } = diffProgress(current, combineProgress(current, session.incoming, session.mode));
    return { ticked: countTicked(session.incoming), willTick: ticked, willUntick: unticked };
  });

  return {
    $session,
    $preview,
    async chooseFile(file) {
      const turn = ++latest;
      if (!file) {
        $session.set({ step: 'idle' });
        return;
      }
      // The size is checked before reading, so a huge file is never loaded.
      const text = file.size > MAX_IMPORT_BYTES ? '' : await file.text();
      if (turn !== latest) return;
      const read = intakeFile({ text, bytes: file.size }, course);
      if (!read.ok) {
        $session.set({ step: 'refused', origin: 'file', problem: read.problem });
        return;
      }
      const exportedAt = read.exportedAt ?? (file.lastModified ? new Date(file.lastModified).toISOString() : undefined);
      $session.set({ step: 'preview', origin: 'file', incoming: read.doc, mode, ...(exportedAt ? { exportedAt } : {}) });
    },
    openLink(payload) {
      latest += 1;
      const read = intakeLink(payload, course);
      $session.set(read.ok ? { step: 'preview', origin: 'link', incoming: read.doc, mode } : { step: 'refused', origin: 'link', problem: read.problem });
    },
    setMode(next) {
      mode = next;
      const session = $session.get();
      if (session.step === 'preview') $session.set({ ...session, mode });
    },
    apply() {
      const session = $session.get();
      if (session.step !== 'preview' || !progress.importProgress(session.incoming, session.mode)) return false;
      $session.set({ step: 'done', origin: session.origin });
      return true;
    },
    cancel() {
      latest += 1;
      $session.set({ step: 'idle' });
    },
  };
}

const sessions = new WeakMap<ProgressStore, ImportSessionStore>();

/** The import session of a page's progress store, created on first use (the chapters of that first call count). */
export function importSession(progress: ProgressStore, chapters: readonly ChapterItems[]): ImportSessionStore {
  let session = sessions.get(progress);
  if (!session) {
    session = createImportSession(progress, chapters);
    sessions.set(progress, session);
  }
  return session;
}
