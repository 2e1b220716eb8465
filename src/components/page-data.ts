/**
 * What the page tells its scripts: the course id, the checklist items of
 * the chapters it shows and the course's item renames, written by the layout
 * as JSON at build time.
 */
import type { ChapterItems } from '../lib/progress';
import type { Renames } from '../lib/renames';
import { progressStore, type ProgressStore } from '../stores/progress';

export interface PageData {
  courseId: string;
  chapters: ChapterItems[];
  /** Old item key → current item key (`chapter/item`); absent on pages built before renames existed. */
  renames?: Renames;
}

let cached: PageData | undefined;

export function pageData(): PageData {
  if (!cached) {
    const node = document.getElementById('wm-page-data');
    cached = JSON.parse(node?.textContent ?? '{}') as PageData;
  }
  return cached;
}

export function pageProgress(): ProgressStore {
  const { courseId, renames } = pageData();
  return progressStore(courseId, { renames });
}

/** Reads a JSON `data-*` attribute written at build time. */
export function dataJson<T>(element: HTMLElement, name: string): T {
  return JSON.parse(element.dataset[name] ?? 'null') as T;
}

/** An element the component's markup always has; a missing one is a bug, so it throws. */
export function el<T extends HTMLElement>(root: HTMLElement, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`${root.localName}: ${selector} missing`);
  return found;
}
