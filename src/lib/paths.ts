/**
 * URLs inside the site. Every page lives under a locale prefix; `route` is
 * the rest of the path (`''`, `chapters/<slug>/`, `progress/`, `checklists/`), which is what
 * stays the same when the learner switches language. `base` is the site's
 * base path (`/` or `/course/`), so links work under a sub-path.
 */
export function joinBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
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
