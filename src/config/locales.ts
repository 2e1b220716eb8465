/**
 * The languages Waymark's interface is written in (its UI strings live in
 * `src/i18n/<key>.json`). One table, typed with `satisfies`, so routing,
 * `<html lang>`, hreflang links and font stacks all read the same facts.
 * Which of them a course uses, and which comes first, is the course's choice
 * (`locales` in course.json, read by `course-config.ts`). Content folders are
 * named by the key (`content/zh-cn/`).
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

/** Every interface language, whatever the course uses. */
export const uiLocaleKeys = Object.keys(locales) as Locale[];

export function isLocale(value: string): value is Locale {
  return Object.hasOwn(locales, value);
}

/**
 * The locale a visitor should land on, from their browser's preferred
 * languages and the course's locales (`available`, default first): any
 * Chinese preference goes to `zh-cn` when the course has it, anything else
 * to the course's default. Only the first preference counts: someone who
 * lists English first reads English even if Chinese comes second.
 */
export function pickLocale(preferred: readonly string[], available: readonly Locale[]): Locale {
  const first = (preferred[0] ?? '').toLowerCase();
  const chinese = first === 'zh' || first.startsWith('zh-');
  return chinese && available.includes('zh-cn') ? 'zh-cn' : (available[0] ?? 'en');
}

/** The locale a component renders in: the page's, as Astro reports it from the URL. */
export function localeOf(current: string | undefined): Locale {
  return current && isLocale(current) ? current : 'en';
}
