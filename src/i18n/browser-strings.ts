/**
 * The strings a component's script needs, built once at build time from a
 * typed table. The component's `.ts` imports only the resulting type, so the
 * keys are written once, the script and the markup cannot disagree on a
 * name, and i18next never reaches the browser (the budget check would
 * catch it if a value import ever pulled this module in).
 */
import type { Locale } from '../config/locales';
import { pluralForms, template, type UiKey } from './index';

/** A string with plural forms; the browser picks one with `formatPlural`. */
export interface Plural {
  plural: UiKey;
}

/** Name the script reads → the UI key it is read from. */
export type StringTable = Readonly<Record<string, UiKey | Plural>>;

/** What the script receives: templates (slots left for `fill`) and plural forms by category. */
export type BrowserStrings<T extends StringTable> = { readonly [K in keyof T]: T[K] extends Plural ? Record<string, string> : string };

export function browserStrings<const T extends StringTable>(locale: Locale, table: T): BrowserStrings<T> {
  const built = Object.entries(table).map(([name, key]) => [name, typeof key === 'string' ? template(locale, key) : pluralForms(locale, key.plural)]);
  return Object.fromEntries(built) as BrowserStrings<T>;
}
