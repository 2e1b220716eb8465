/**
 * Values found in storage that could not be used, kept instead of deleted.
 *
 * Key: `waymark:<courseId>:kept-aside`, a JSON array of
 * `{ keptAt, key, problem, raw }`: when it was set aside, the storage key it
 * came from, why it could not be used, and the value as it was. The progress
 * page lists these, offers each as a download, and only the learner discards
 * them. Shared by every store of a course (progress, walkthrough code).
 */
import { persistentAtom } from '@nanostores/persistent';
import type { ReadableAtom, WritableAtom } from 'nanostores';
import type { ReadProblem } from '../lib/progress-codec';

export interface KeptAside {
  keptAt: string;
  /** The storage key the value was found under (absent in entries from before keys were recorded). */
  key?: string;
  problem: ReadProblem;
  raw: string;
}

export interface KeptAsideStore {
  readonly $keptAside: ReadableAtom<readonly KeptAside[]>;
  /** Copies `raw` aside; false when storage refused the copy. */
  keep(key: string, raw: string, problem: ReadProblem): boolean;
  discard(keptAt: string): void;
}

export function keptAsideKey(courseId: string): string {
  return `waymark:${courseId}:kept-aside`;
}

function isKeptAside(value: unknown): value is KeptAside {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.keptAt === 'string' &&
    typeof v.raw === 'string' &&
    typeof v.problem === 'object' &&
    v.problem !== null &&
    typeof (v.problem as Record<string, unknown>).code === 'string'
  );
}

function decode(raw: string): KeptAside[] {
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.every(isKeptAside)) return value;
  } catch {
    // fall through: the list itself is damaged, so it becomes its own entry
  }
  return [{ keptAt: new Date().toISOString(), problem: { code: 'not-json' }, raw }];
}

/** A write that may throw (full or blocked storage); true when it went through. */
export type GuardedSet = <T>(store: WritableAtom<T>, value: T) => boolean;

export function createKeptAside(courseId: string, guardedSet: GuardedSet): KeptAsideStore {
  const $keptAside = persistentAtom<KeptAside[]>(keptAsideKey(courseId), [], { encode: JSON.stringify, decode });
  return {
    $keptAside,
    keep(key, raw, problem) {
      const list = $keptAside.get();
      if (list.some((entry) => entry.raw === raw)) return true;
      return guardedSet($keptAside, [...list, { keptAt: new Date().toISOString(), key, problem, raw }]);
    },
    discard(keptAt) {
      guardedSet(
        $keptAside,
        $keptAside.get().filter((entry) => entry.keptAt !== keptAt),
      );
    },
  };
}
