/**
 * The learner's preferences: a colour theme and an interface language.
 *
 * Keys (`THEME_KEY`, `LOCALE_KEY` in `storage.ts`, listed in the README):
 * - `waymark:theme`: `light` or `dark`; absent means follow the system, so
 *   choosing "system" removes the key.
 * - `waymark:locale`: the language the learner last switched to (`en`,
 *   `zh-cn`), read by the site root to send them back to it.
 * Both are origin-wide, without a course id: a choice follows the learner
 * from course to course.
 *
 * Every read is validated, at start and from other tabs: a value that is not
 * a known theme or language counts as no choice. (A preference is not worth
 * keeping aside the way progress is; the next choice overwrites it.) A write
 * that storage refuses still applies to the open page: the value here
 * changes and only the remembering fails. Open tabs follow each other
 * through the `storage` event.
 *
 * Before first paint the theme is applied by `theme-init.js`, a classic
 * script (see Base.astro) that cannot import this module: it carries its own
 * copy of `THEME_KEY` and `decodeTheme`, and
 * `tests/unit/stores/preferences.test.ts` runs it against both.
 *
 * Lifecycle: nothing is read at import time; `preferences()` builds the
 * stores on first use in the browser.
 */
import { persistentAtom } from '@nanostores/persistent';
import { atom, type ReadableAtom } from 'nanostores';
import { isLocale, type Locale } from '../config/locales';
import { LOCALE_KEY, THEME_KEY } from './storage';

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** A stored theme: anything but `light` or `dark` (absent, or written by something else) follows the system. */
export function decodeTheme(raw: string | null | undefined): Theme {
  return raw === 'light' || raw === 'dark' ? raw : 'system';
}

/** A stored language: anything but an interface language counts as no choice. */
export function decodeLocale(raw: string | null | undefined): Locale | null {
  return typeof raw === 'string' && isLocale(raw) ? raw : null;
}

export interface Preferences {
  readonly $theme: ReadableAtom<Theme>;
  /** The language the learner last switched to, or null when they never did. */
  readonly $locale: ReadableAtom<Locale | null>;
  /** Applies at once; false when storage refused to remember it. */
  setTheme(theme: Theme): boolean;
  /** Remembers an explicit language choice; false when storage refused. */
  setLocale(locale: Locale): boolean;
}

interface Preference<T> {
  readonly $value: ReadableAtom<T>;
  set(value: T): boolean;
  /** Stops following storage; for tests. */
  stop(): void;
}

/**
 * One remembered choice. The persistent atom reads, writes and hears other
 * tabs; the plain atom is what the page uses, so a refused write (full or
 * blocked storage throws from the persistent atom before it updates) still
 * changes the value on screen.
 */
function preference<T>(key: string, initial: T, decode: (raw: string) => T, encode: (value: T) => string | undefined): Preference<T> {
  const $stored = persistentAtom<T>(key, initial, { decode, encode });
  const $value = atom<T>($stored.get());
  const stop = $stored.listen((value) => $value.set(value));
  return {
    $value,
    set(value) {
      $value.set(value);
      try {
        $stored.set(value);
        return true;
      } catch {
        return false;
      }
    },
    stop,
  };
}

let created: { preferences: Preferences; stop(): void } | undefined;

function create(): { preferences: Preferences; stop(): void } {
  const theme = preference<Theme>(THEME_KEY, 'system', decodeTheme, (value) => (value === 'system' ? undefined : value));
  const locale = preference<Locale | null>(LOCALE_KEY, null, decodeLocale, (value) => value ?? undefined);
  return {
    preferences: {
      $theme: theme.$value,
      $locale: locale.$value,
      setTheme: (value) => theme.set(decodeTheme(value)),
      setLocale: (value) => locale.set(decodeLocale(value)),
    },
    stop() {
      theme.stop();
      locale.stop();
    },
  };
}

/** The preference stores, created on first use. */
export function preferences(): Preferences {
  created ??= create();
  return created.preferences;
}

/** Forgets the created stores; for tests that swap the storage engine. */
export function forgetPreferences(): void {
  created?.stop();
  created = undefined;
}
