import { describe, expect, it } from 'vitest';
import { isSearchShortcut, isTyping, type KeyPress } from '../../../src/lib/search-shortcut';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const body = { tagName: 'BODY', isContentEditable: false };

describe('isSearchShortcut', () => {
  it.each([
    ['/', press('/'), true],
    ['/ typed with Shift (layouts that need it)', press('/', { shiftKey: true }), true],
    ['Ctrl+K', press('k', { ctrlKey: true }), true],
    ['⌘K', press('k', { metaKey: true }), true],
    ['Ctrl+K with Caps Lock', press('K', { ctrlKey: true }), true],
    ['K alone', press('k'), false],
    ['Ctrl+Shift+K (devtools console in Firefox)', press('k', { ctrlKey: true, shiftKey: true }), false],
    ['Ctrl+⌘K', press('k', { ctrlKey: true, metaKey: true }), false],
    ['Alt+/', press('/', { altKey: true }), false],
    ['Ctrl+/', press('/', { ctrlKey: true }), false],
    ['/ while composing Chinese input', press('/', { isComposing: true }), false],
  ])('%s on the page → %s', (_name, key, expected) => {
    expect(isSearchShortcut(key, body)).toBe(expected);
  });

  it.each([
    ['an input', { tagName: 'INPUT' }],
    ['a textarea', { tagName: 'TEXTAREA' }],
    ['a select', { tagName: 'select' }],
    ['a code editor (contenteditable)', { tagName: 'DIV', isContentEditable: true }],
  ])('is ignored while typing in %s', (_name, target) => {
    expect(isTyping(target)).toBe(true);
    expect(isSearchShortcut(press('/'), target)).toBe(false);
    expect(isSearchShortcut(press('k', { ctrlKey: true }), target)).toBe(false);
  });

  it('works when the event has no target element', () => {
    expect(isSearchShortcut(press('/'), null)).toBe(true);
    expect(isTyping(undefined)).toBe(false);
  });
});
