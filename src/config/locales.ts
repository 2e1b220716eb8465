/**
 * The locales a course is written in. One table, typed with `satisfies`, so
 * routing, `<html lang>`, hreflang links and font stacks all read the same
 * facts. Content folders are named by the key (`content/zh-cn/`).
 */
export interface LocaleInfo {
  /** BCP 47 tag for `<html lang>` and `hreflang`. */
  lang: string;
  /** The language's own name, shown in the language switcher. */
  label: string;
}

export const locales = {
  en: { lang: 'en', label: 'English' },
  'zh-cn': { lang: 'zh-CN', label: '简体中文' },
} as const satisfies Record<string, LocaleInfo>;

export type Locale = keyof typeof locales;

export const defaultLocale: Locale = 'en';

export const localeKeys = Object.keys(locales) as Locale[];

export function isLocale(value: string): value is Locale {
  return Object.hasOwn(locales, value);
}

/**
 * The locale a visitor should land on, from their browser's preferred
 * languages: any Chinese preference goes to `zh-cn`, everything else to
 * English. Only the first preference counts: someone who lists English first
 * reads English even if Chinese comes second.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  const first = (preferred[0] ?? '').toLowerCase();
  return first === 'zh' || first.startsWith('zh-') ? 'zh-cn' : defaultLocale;
}

/** The locale a component renders in: the page's, as Astro reports it from the URL. */
export function localeOf(current: string | undefined): Locale {
  return current && isLocale(current) ? current : defaultLocale;
}
