/**
 * The service worker's answers, one function per route, written against the
 * Cache and fetch interfaces it is given so they run in tests without a
 * browser. Cached responses are the server's own, headers included
 * (content type, COOP/COEP), so a page or the Python worker served offline
 * is as cross-origin isolated as it was online.
 *
 * Lookups ignore `Vary`. Hosts send it for reasons that say nothing about
 * these files (`Origin` wherever CORS is on, as on S3 and CloudFront;
 * `Accept-Encoding` for compression), and the browser asks for module
 * scripts with an `Origin` header while files are stored by URL, so a
 * lookup that honoured it would miss every lazily imported chunk offline.
 * Ignoring it is safe here: the worker only answers same-origin requests
 * (`routeOf`), and each of its caches holds one response per URL, stored
 * from this site by URL and named after the build or the runtime version,
 * so there is never a second variant to choose. Fingerprinted assets and
 * the versioned runtime never change under a URL at all; a page is only
 * taken from the cache when the network fails or is slow, when the stored
 * copy is the one there is.
 */
import { localeOfPath, pythonCacheName, siteCacheName, type OfflineManifest } from '../lib/offline';

/** Every lookup in the worker's own caches (see above for why `Vary` is ignored). */
const LOOKUP = { ignoreVary: true } as const satisfies CacheQueryOptions;

export interface Environment {
  /** The site's origin, which the manifest's paths are relative to. */
  origin: string;
  caches: CacheStorage;
  fetch: (request: Request) => Promise<Response>;
  /** How long a page may take from the network before the cached copy is used. */
  pageTimeoutMs: number;
  /** Keeps the worker alive for work that finishes after the response (refreshing the cache). */
  waitUntil: (work: Promise<unknown>) => void;
}

/**
 * A response the browser accepts for a navigation: one that went through a
 * redirect is rebuilt, or the browser refuses to show it.
 */
async function clean(response: Response): Promise<Response> {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Fills the site cache for this build; any failed file fails the install, which the browser retries later. */
export async function precache(env: Environment, manifest: OfflineManifest): Promise<void> {
  const cache = await env.caches.open(siteCacheName(manifest.base, manifest.version));
  await Promise.all(
    manifest.precache.map(async (path) => {
      // Fingerprinted files never change, so the HTTP cache may answer; pages are revalidated.
      const request = new Request(new URL(path, env.origin), { cache: path.includes('/_astro/') ? 'default' : 'no-cache' });
      const response = await env.fetch(request);
      if (!response.ok) throw new Error(`precache: ${path} answered ${response.status}`);
      await cache.put(request.url, await clean(response));
    }),
  );
}

/** Deletes caches of earlier builds; returns their names. */
export async function removeStale(env: Environment, stale: (keys: string[]) => string[]): Promise<string[]> {
  const names = stale(await env.caches.keys());
  await Promise.all(names.map((name) => env.caches.delete(name)));
  return names;
}

function timeout(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

/**
 * Pages: the network first, so a learner online sees the newest version;
 * after `pageTimeoutMs` or on failure, the cached copy (the network answer,
 * if it arrives later, still refreshes the cache); with neither, the offline
 * page in the URL's language.
 */
export async function pageResponse(request: Request, env: Environment, manifest: OfflineManifest): Promise<Response> {
  const cacheName = siteCacheName(manifest.base, manifest.version);
  const network = env.fetch(request).then(
    async (response) => {
      if (response.ok) {
        const copy = await clean(response.clone());
        // One entry per page, whatever query a link added.
        const url = new URL(request.url);
        await (await env.caches.open(cacheName)).put(url.origin + url.pathname, copy);
      }
      return response;
    },
    () => undefined,
  );
  env.waitUntil(network);
  const fast = await Promise.race([network, timeout(env.pageTimeoutMs)]);
  if (fast) return clean(fast);
  const cached = await env.caches.match(request, { ...LOOKUP, cacheName, ignoreSearch: true });
  if (cached) return cached;
  const late = await network;
  if (late) return clean(late);
  const offline = manifest.offlinePages[localeOfPath(new URL(request.url).pathname, manifest)];
  const fallback = offline ? await env.caches.match(new URL(offline, env.origin).href, { ...LOOKUP, cacheName }) : undefined;
  return fallback ?? Response.error();
}

/** Fingerprinted assets and other precached files: the cache, else the network (kept when it is an asset). */
export async function cachedFirst(request: Request, env: Environment, manifest: OfflineManifest, keep: boolean): Promise<Response> {
  const cacheName = siteCacheName(manifest.base, manifest.version);
  // Search files are asked for with a cache-busting query; the stored copy is this build's anyway.
  const cached = await env.caches.match(request, { ...LOOKUP, cacheName, ignoreSearch: !keep });
  if (cached) return cached;
  const response = await env.fetch(request);
  if (keep && response.ok) {
    const copy = response.clone();
    env.waitUntil(env.caches.open(cacheName).then((cache) => cache.put(request, copy)));
  }
  return response;
}

/**
 * The Python runtime: from its cache when the learner saved it, otherwise
 * the network (and the browser's HTTP cache). Nothing is stored here: only
 * the progress page's Save does that, with the learner's consent.
 */
export async function pythonResponse(request: Request, env: Environment, manifest: OfflineManifest): Promise<Response> {
  const cached = await env.caches.match(request, { ...LOOKUP, cacheName: pythonCacheName(manifest.base, manifest.python.version) });
  return cached ?? env.fetch(request);
}
