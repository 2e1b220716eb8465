/**
 * Strings a component's script needs, translated at build time and handed
 * over in its `data-strings` attribute. A component declares them once, as a
 * spec of UI keys; its .astro translates the spec with `uiStrings`, and its
 * script reads the result as `UiStrings<typeof spec>` (a type-only import,
 * so neither i18next nor the spec reaches the browser). The shape is written
 * once, so the two sides cannot drift apart.
 */
import type { Locale } from '../config/locales';
import { pluralForms, template, type UiKey } from './index';

/** A key whose plural forms travel to the browser, for `formatPlural` to pick from. */
export interface Plural {
  readonly plural: UiKey;
}

/** Names a script uses → UI keys, plural keys, or nested specs (such as a problem map). */
export interface StringSpec {
  readonly [name: string]: UiKey | Plural | StringSpec;
}

/** What the script receives for a spec: templates with their `{{slots}}` unfilled, plural forms by category. */
export type UiStrings<S> = {
  readonly [K in keyof S]: S[K] extends string ? string : S[K] extends Plural ? Record<string, string> : UiStrings<S[K]>;
};

export const plural = (key: UiKey): Plural => ({ plural: key });

/** Translates a spec for one locale; a key missing from the locale's table throws, so the build fails. */
export function uiStrings<S extends StringSpec>(locale: Locale, spec: S): UiStrings<S> {
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(spec)) {
    if (typeof entry === 'string') out[name] = template(locale, entry);
    else if ('plural' in entry && typeof entry.plural === 'string') out[name] = pluralForms(locale, entry.plural);
    else out[name] = uiStrings(locale, entry as StringSpec);
  }
  return out as UiStrings<S>;
}
