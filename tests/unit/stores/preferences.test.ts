import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { setPersistentEngine, type PersistentListener } from '@nanostores/persistent';
import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeLocale, decodeTheme, forgetPreferences, preferences, type Theme } from '../../../src/stores/preferences';
import { LOCALE_KEY, THEME_KEY } from '../../../src/stores/storage';

let storage: Record<string, string>;
let listeners: PersistentListener[];

/** Fires a `storage` event the way another tab's write would (null: the key was removed). */
function otherTabWrites(key: string, newValue: string | null): void {
  if (newValue === null) delete storage[key];
  else storage[key] = newValue;
  for (const listener of listeners) listener({ key, newValue: newValue as string });
}

function useEngine(engine: Record<string, string>): void {
  setPersistentEngine(engine, {
    addEventListener(_key, listener) {
      listeners.push(listener);
    },
    removeEventListener(_key, listener) {
      listeners = listeners.filter((l) => l !== listener);
    },
  });
}

beforeEach(() => {
  storage = {};
  listeners = [];
  useEngine(storage);
  forgetPreferences();
});

afterEach(() => {
  const { $theme, $locale } = preferences();
  cleanStores($theme, $locale);
  forgetPreferences();
});

/** Raw stored values and the theme each one means. */
const THEMES: [string | null, Theme][] = [
  ['light', 'light'],
  ['dark', 'dark'],
  [null, 'system'],
  ['system', 'system'],
  ['', 'system'],
  ['Dark', 'system'],
  ['"dark"', 'system'],
  ['dark ', 'system'],
  ['constructor', 'system'],
];

describe('theme preference', () => {
  it('keeps its origin-wide key', () => {
    expect(THEME_KEY).toBe('waymark:theme');
  });

  it.each(THEMES)('reads %j as %s', (raw, theme) => {
    expect(decodeTheme(raw)).toBe(theme);
    if (raw !== null) storage[THEME_KEY] = raw;
    expect(preferences().$theme.get()).toBe(theme);
  });

  it('stores light and dark, and removes the key for the system theme', () => {
    const { $theme, setTheme } = preferences();
    expect(setTheme('dark')).toBe(true);
    expect(storage).toEqual({ [THEME_KEY]: 'dark' });
    expect($theme.get()).toBe('dark');
    setTheme('light');
    expect(storage).toEqual({ [THEME_KEY]: 'light' });
    setTheme('system');
    expect(storage).toEqual({});
    expect($theme.get()).toBe('system');
  });

  it('refuses a value that is not a theme', () => {
    const { $theme, setTheme } = preferences();
    setTheme('dark');
    setTheme('purple' as Theme);
    expect($theme.get()).toBe('system');
    expect(storage).toEqual({});
  });

  it('follows another tab, validating what it wrote', () => {
    const { $theme } = preferences();
    const seen: Theme[] = [];
    const stop = $theme.listen((theme) => seen.push(theme));
    otherTabWrites(THEME_KEY, 'dark');
    otherTabWrites(THEME_KEY, 'neon');
    otherTabWrites(THEME_KEY, 'light');
    otherTabWrites(THEME_KEY, null);
    stop();
    expect(seen).toEqual(['dark', 'system', 'light', 'system']);
  });

  it('applies a choice that a full storage refuses to remember', () => {
    const full = new Proxy(storage, {
      set() {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    useEngine(full);
    const { $theme, setTheme } = preferences();
    expect(setTheme('dark')).toBe(false);
    expect($theme.get()).toBe('dark');
    expect(storage).toEqual({});
  });

  it('reads nothing at import time: the engine in place at first use counts', () => {
    // The module was imported above, before any engine was set; this one is new.
    const later = { [THEME_KEY]: 'dark' };
    useEngine(later);
    expect(preferences().$theme.get()).toBe('dark');
  });
});

describe('the pre-paint script (src/stores/theme-init.js)', () => {
  const source = readFileSync('src/stores/theme-init.js', 'utf8');

  /** Runs the classic script against a fake storage and document; returns what it set and which keys it read. */
  function runInit(getItem: (key: string) => string | null): { theme?: string; read: string[] } {
    const read: string[] = [];
    const dataset: Record<string, string> = {};
    runInNewContext(source, {
      localStorage: {
        getItem(key: string) {
          read.push(key);
          return getItem(key);
        },
      },
      document: { documentElement: { dataset } },
    });
    return { theme: dataset.theme, read };
  }

  it.each(THEMES)('agrees with the store on %j', (raw) => {
    const { theme, read } = runInit(() => raw);
    expect(read).toEqual([THEME_KEY]);
    const expected = decodeTheme(raw);
    expect(theme).toBe(expected === 'system' ? undefined : expected);
  });

  it('leaves the system theme when storage is blocked', () => {
    expect(
      runInit(() => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      }).theme,
    ).toBeUndefined();
  });

  it('stays a classic script: no import, no export', () => {
    expect(source).not.toMatch(/^\s*(import|export)\b/m);
  });
});

describe('language preference', () => {
  it('keeps its origin-wide key', () => {
    expect(LOCALE_KEY).toBe('waymark:locale');
  });

  it.each([
    ['en', 'en'],
    ['zh-cn', 'zh-cn'],
    [null, null],
    ['', null],
    ['zh-CN', null],
    ['fr', null],
    ['constructor', null],
    ['__proto__', null],
  ] as const)('reads %j as %j', (raw, locale) => {
    expect(decodeLocale(raw)).toBe(locale);
    if (raw !== null) storage[LOCALE_KEY] = raw;
    expect(preferences().$locale.get()).toBe(locale);
  });

  it('remembers an explicit choice', () => {
    const { $locale, setLocale } = preferences();
    expect(setLocale('zh-cn')).toBe(true);
    expect(storage).toEqual({ [LOCALE_KEY]: 'zh-cn' });
    expect($locale.get()).toBe('zh-cn');
  });

  it('follows another tab', () => {
    const { $locale } = preferences();
    const stop = $locale.listen(() => undefined);
    otherTabWrites(LOCALE_KEY, 'en');
    expect($locale.get()).toBe('en');
    otherTabWrites(LOCALE_KEY, 'klingon');
    expect($locale.get()).toBeNull();
    stop();
  });

  it('keeps theme and language apart', () => {
    const { setTheme, setLocale } = preferences();
    setTheme('dark');
    setLocale('en');
    expect(storage).toEqual({ [THEME_KEY]: 'dark', [LOCALE_KEY]: 'en' });
  });
});
