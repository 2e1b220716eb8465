/**
 * URLs inside the site. Every page lives under a locale prefix; `route` is
 * the rest of the path (`''`, `chapters/<slug>/`, `progress/`, `checklists/`), which is what
 * stays the same when the learner switches language. `base` is the site's
 * base path (`/` or `/course/`), so links work under a sub-path.
 */
/** The base path with exactly one trailing slash: `/course` and `/course/` both give `/course/`. */
export function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

export function joinBase(base: string, path: string): string {
  return withSlash(base) + path.replace(/^\/+/, '');
}

export function localeUrl(base: string, locale: string, route = ''): string {
  return joinBase(base, `${locale}/${route}`);
}

export const routes = {
  path: () => '',
  chapter: (slug: string) => `chapters/${slug}/`,
  progress: () => 'progress/',
  glossary: () => 'glossary/',
  dashboard: () => 'dashboard/',
  /** Printable checklists: the whole course, or one chapter. */
  checklists: () => 'checklists/',
  chapterChecklist: (slug: string) => `checklists/${slug}/`,
  offline: () => 'offline/',
};
