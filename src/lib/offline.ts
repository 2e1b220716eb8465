/**
 * Offline use, the pure parts shared by the build (which writes the service
 * worker's manifest), the service worker (which routes requests to caches)
 * and the progress page (which saves and removes the Python runtime).
 *
 * Caches are named `waymark:<base>:<kind>:<version>`. The base keeps two
 * sites on one origin (`/` and `/course/`) from deleting each other's
 * caches; the version makes a new build install into fresh caches and drop
 * the old ones when it activates.
 *   site:<hash>        every page, fingerprinted asset, the favicon and the
 *                      search index, precached on install
 *   python:<version>   the Python runtime, stored only when the learner asks
 */
import { withSlash } from './paths';

/** What the build tells the service worker. */
export interface OfflineManifest {
  /** A hash of every precached file's path and content: any change to the site changes it. */
  version: string;
  /** The site's base path (`/` or `/course/`), which is also the worker's scope. */
  base: string;
  /** Absolute paths fetched into the site cache on install. */
  precache: string[];
  /** Per locale, the page shown when a page is neither reachable nor cached. */
  offlinePages: Record<string, string>;
  /** The locale whose offline page is used when the URL names none. */
  defaultLocale: string;
  /** The Python runtime: its version (part of its path and cache name) and file names. */
  python: { version: string; files: string[] };
}

/** A file in the build output, by its path relative to the output folder (always `/`-separated). */
export interface BuiltFile {
  path: string;
  /** A hash of the file's content. */
  hash: string;
  size: number;
}

/**
 * Whether a built file belongs in the site cache: every page (HTML), every
 * file under `_astro/` and `pagefind/`, and the favicon. The Python runtime is
 * not: it is twenty times larger than the rest and stored only on request.
 */
export function isPrecached(path: string): boolean {
  if (path.startsWith('pyodide/') || path === 'sw.js') return false;
  return path.endsWith('.html') || path.startsWith('_astro/') || path.startsWith('pagefind/') || /^favicon\.[a-z]+$/.test(path);
}

/** The URL path a file is requested under: `en/index.html` is `<base>en/`, as links write it. */
export function urlPath(base: string, path: string): string {
  const b = withSlash(base);
  if (path === 'index.html') return b;
  if (path.endsWith('/index.html')) return b + path.slice(0, -'index.html'.length);
  return b + path;
}

/** FNV-1a, 64 bits as two 32-bit halves: enough to tell builds apart, and the same in Node and a worker. */
export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

export interface ManifestInput {
  base: string;
  files: BuiltFile[];
  locales: readonly string[];
  defaultLocale: string;
  python: { version: string; files: readonly string[] };
}

/**
 * The manifest for one build. The version covers every precached file's URL
 * and content hash (in a fixed order), and the Python version, so the same
 * files always give the same version and any change gives a new one.
 */
export function buildManifest({ base, files, locales, defaultLocale, python }: ManifestInput): OfflineManifest {
  const b = withSlash(base);
  const kept = files.filter((f) => isPrecached(f.path)).sort((a, b2) => (a.path < b2.path ? -1 : a.path > b2.path ? 1 : 0));
  const precache = kept.map((f) => urlPath(b, f.path));
  const offlinePages: Record<string, string> = {};
  for (const locale of locales) {
    const page = `${b}${locale}/offline/`;
    if (precache.includes(page)) offlinePages[locale] = page;
  }
  const fingerprint = [`python ${python.version}`, ...kept.map((f) => `${urlPath(b, f.path)} ${f.hash}`)].join('\n');
  return { version: contentHash(fingerprint), base: b, precache, offlinePages, defaultLocale, python: { version: python.version, files: [...python.files] } };
}

/** Bytes the install step downloads. */
export function precacheBytes(files: BuiltFile[]): number {
  return files.filter((f) => isPrecached(f.path)).reduce((n, f) => n + f.size, 0);
}

export function cachePrefix(base: string): string {
  return `waymark:${withSlash(base)}:`;
}

export function siteCacheName(base: string, version: string): string {
  return `${cachePrefix(base)}site:${version}`;
}

export function pythonCacheName(base: string, pythonVersion: string): string {
  return `${cachePrefix(base)}python:${pythonVersion}`;
}

/** Where the runtime's files live: `<base>pyodide/<version>/`. */
export function pythonPath(base: string, pythonVersion: string): string {
  return `${withSlash(base)}pyodide/${pythonVersion}/`;
}

/**
 * Caches a newly activated worker deletes: this site's caches from other
 * builds (and a Python runtime of another version, which the new pages no
 * longer load). Caches of other sites on the origin are left alone.
 */
export function staleCaches(keys: readonly string[], manifest: Pick<OfflineManifest, 'base' | 'version' | 'python'>): string[] {
  const keep = new Set([siteCacheName(manifest.base, manifest.version), pythonCacheName(manifest.base, manifest.python.version)]);
  const prefix = cachePrefix(manifest.base);
  return keys.filter((k) => k.startsWith(prefix) && !keep.has(k));
}

/**
 * How the worker answers a request:
 *   page     network first (with a short timeout), then the cached copy, then the offline page
 *   asset    fingerprinted files under `_astro/`: cache first, fetched and kept if missing
 *   static   other precached files (favicon, search index): cache first
 *   python   the runtime: from its cache if the learner saved it, else the network
 *   none     not the worker's business (other origins, other methods, outside the scope)
 */
export type Route = 'page' | 'asset' | 'static' | 'python' | 'none';

export interface RequestFacts {
  url: string;
  method: string;
  /** `navigate` for page loads. */
  mode: string;
}

export function routeOf(request: RequestFacts, origin: string, manifest: Pick<OfflineManifest, 'base' | 'precache'>): Route {
  if (request.method !== 'GET') return 'none';
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'none';
  }
  if (url.origin !== origin || !url.pathname.startsWith(manifest.base)) return 'none';
  const rest = url.pathname.slice(manifest.base.length);
  if (rest === 'sw.js') return 'none';
  if (rest.startsWith('pyodide/')) return 'python';
  if (rest.startsWith('_astro/')) return 'asset';
  if (request.mode === 'navigate' || url.pathname.endsWith('/') || url.pathname.endsWith('.html')) return 'page';
  if (manifest.precache.includes(url.pathname)) return 'static';
  return 'none';
}

/** The locale a URL is in (its first path segment after the base), for the offline page. */
export function localeOfPath(pathname: string, manifest: Pick<OfflineManifest, 'base' | 'offlinePages' | 'defaultLocale'>): string {
  const first = pathname.startsWith(manifest.base) ? pathname.slice(manifest.base.length).split('/')[0] : '';
  return first && Object.hasOwn(manifest.offlinePages, first) ? first : manifest.defaultLocale;
}
