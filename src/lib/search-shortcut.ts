/**
 * Which key presses open search: `/` alone, or Ctrl+K / ⌘K. Never while the
 * learner is typing somewhere (an input, a textarea, a select, or an editable
 * region such as a walkthrough's code editor), so `/` in code stays a slash.
 * Loaded on every page: keep it tiny.
 */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing?: boolean;
}

export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function isTyping(target: KeyTarget | null | undefined): boolean {
  if (!target) return false;
  return TYPING.has((target.tagName ?? '').toUpperCase()) || target.isContentEditable === true;
}

export function isSearchShortcut(press: KeyPress, target: KeyTarget | null | undefined): boolean {
  if (press.isComposing || press.altKey || isTyping(target)) return false;
  if (press.key === '/') return !press.ctrlKey && !press.metaKey;
  return press.key.toLowerCase() === 'k' && !press.shiftKey && press.ctrlKey !== press.metaKey;
}
