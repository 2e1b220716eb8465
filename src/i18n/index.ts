/**
 * UI strings, translated at build time only: pages call `t(locale)` while
 * rendering, and strings the browser needs travel already translated in
 * `data-*` attributes. Nothing here is shipped to the browser.
 */
import i18next, { type TOptions } from 'i18next';
import { locales, uiLocaleKeys, type Locale } from '../config/locales';
import en from './en.json';
import zhCn from './zh-cn.json';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type StripPlural<K extends string> = K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K;

/** Every UI string key, plural keys by their base name (`progress.left`). */
export type UiKey = StripPlural<keyof typeof en & string>;

export const resources: Record<Locale, Record<string, string>> = { en, 'zh-cn': zhCn };

const instance = i18next.createInstance();
await instance.init({
  resources: Object.fromEntries(uiLocaleKeys.map((l) => [locales[l].lang, { translation: resources[l] }])),
  lng: locales.en.lang,
  fallbackLng: false,
  // Keys contain dots; they are flat, not nested.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export type Translate = (key: UiKey, options?: TOptions) => string;

export function t(locale: Locale): Translate {
  const fixed = instance.getFixedT(locales[locale].lang);
  return (key, options = {}) => fixed(key, options) as string;
}

/** A string with its `{{slots}}` unfilled, for the browser to fill with `fill()`. */
export function template(locale: Locale, key: UiKey): string {
  const value = resources[locale][key];
  if (value === undefined) throw new Error(`UI string "${key}" is missing from ${locale}.json`);
  return value;
}

/**
 * The plural forms of one key for the browser, keyed by `Intl.PluralRules`
 * category, with `{{count}}` left in place for `formatPlural` to fill.
 */
export function pluralForms(locale: Locale, key: UiKey): Record<string, string> {
  const table = resources[locale];
  const forms: Record<string, string> = {};
  for (const [k, v] of Object.entries(table)) {
    const m = PLURAL_SUFFIX.exec(k);
    if (m && k.slice(0, m.index) === key) forms[m[1]!] = v;
  }
  if (!forms.other) throw new Error(`UI string "${key}" has no "${key}_other" form in ${locale}.json`);
  return forms;
}

/** Base keys of a string table, plural suffixes removed. */
export function baseKeys(table: Record<string, string>): Set<string> {
  return new Set(Object.keys(table).map((k) => k.replace(PLURAL_SUFFIX, '')));
}
