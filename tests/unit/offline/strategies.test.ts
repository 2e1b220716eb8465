import { describe, expect, it, vi } from 'vitest';
import { buildManifest, type BuiltFile } from '../../../src/lib/offline';
import { cachedFirst, pageResponse, precache, pythonResponse, removeStale, type Environment } from '../../../src/offline/strategies';
import { staleCaches } from '../../../src/lib/offline';

const ORIGIN = 'https://example.org';

/**
 * Just enough of CacheStorage for the strategies: URL-keyed, optional
 * ignoreSearch, and `Vary` as browsers apply it: a stored response matches
 * only a request whose varied headers equal those of the request it was
 * stored with (none, when stored by URL), unless the query sets ignoreVary.
 */
class MemoryCaches {
  stores = new Map<string, Map<string, { headers: Headers; response: Response }>>();
  private key(request: RequestInfo | URL, ignoreSearch = false): string {
    const url = new URL(typeof request === 'string' ? request : request instanceof URL ? request.href : request.url, ORIGIN);
    return ignoreSearch ? url.origin + url.pathname : url.href;
  }
  private static headersOf(request: RequestInfo | URL): Headers {
    return request instanceof Request ? request.headers : new Headers();
  }
  private static varyMatches(stored: { headers: Headers; response: Response }, request: RequestInfo | URL): boolean {
    const wanted = MemoryCaches.headersOf(request);
    const names = (stored.response.headers.get('vary') ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    return names.every((name) => name !== '*' && stored.headers.get(name) === wanted.get(name));
  }
  private cache(name: string): Cache {
    const store = this.stores.get(name)!;
    return {
      put: async (request: RequestInfo | URL, response: Response) => void store.set(this.key(request), { headers: MemoryCaches.headersOf(request), response }),
      match: async (request: RequestInfo | URL, options?: CacheQueryOptions) => {
        const wanted = this.key(request, options?.ignoreSearch);
        for (const [k, v] of store) {
          if ((options?.ignoreSearch ? this.key(k, true) : k) !== wanted) continue;
          if (options?.ignoreVary || MemoryCaches.varyMatches(v, request)) return v.response.clone();
        }
        return undefined;
      },
    } as unknown as Cache;
  }
  async open(name: string): Promise<Cache> {
    if (!this.stores.has(name)) this.stores.set(name, new Map());
    return this.cache(name);
  }
  async has(name: string) {
    return this.stores.has(name);
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async match(request: RequestInfo | URL, options?: MultiCacheQueryOptions) {
    const names = options?.cacheName ? [options.cacheName] : [...this.stores.keys()];
    for (const name of names) {
      if (!this.stores.has(name)) continue;
      const found = await this.cache(name).match(request, options);
      if (found) return found;
    }
    return undefined;
  }
}

const files: BuiltFile[] = ['en/index.html', 'en/offline/index.html', 'zh-cn/offline/index.html', '_astro/a.js', 'favicon.svg'].map((path) => ({
  path,
  hash: path,
  size: 1,
}));
const manifest = buildManifest({ base: '/', files, locales: ['en', 'zh-cn'], defaultLocale: 'en', python: { version: '1.0', files: ['pyodide.mjs'] } });
const site = `waymark:/:site:${manifest.version}`;

function setup(server: (request: Request) => Promise<Response>, pageTimeoutMs = 50) {
  const caches = new MemoryCaches();
  const pending: Promise<unknown>[] = [];
  const fetch = vi.fn(server);
  const env: Environment = { origin: ORIGIN, caches: caches as unknown as CacheStorage, fetch, pageTimeoutMs, waitUntil: (w) => void pending.push(w) };
  return { caches, env, fetch, settle: () => Promise.all(pending) };
}

const html = (text: string, headers: Record<string, string> = {}) => new Response(text, { headers: { 'content-type': 'text/html', ...headers } });
const offline = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch');
};
const request = (path: string) => new Request(ORIGIN + path);

describe('precache', () => {
  it('stores every listed file with the server’s headers', async () => {
    const { caches, env } = setup(async (r) => html(`copy of ${new URL(r.url).pathname}`, { 'cross-origin-embedder-policy': 'require-corp' }));
    await precache(env, manifest);
    const page = await caches.match(`${ORIGIN}/en/`, { cacheName: site });
    expect(await page?.text()).toBe('copy of /en/');
    expect(page?.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(caches.stores.get(site)?.size).toBe(manifest.precache.length);
  });

  it('fails the install when a file is missing, so the browser tries again later', async () => {
    const { env } = setup(async (r) => (r.url.endsWith('a.js') ? new Response('', { status: 404 }) : html('ok')));
    await expect(precache(env, manifest)).rejects.toThrow('/_astro/a.js answered 404');
  });
});

describe('pages', () => {
  it('come from the network when it answers, refreshing the cached copy', async () => {
    const { caches, env, settle } = setup(async () => html('fresh'));
    await (await caches.open(site)).put(`${ORIGIN}/en/`, html('stale'));
    expect(await (await pageResponse(request('/en/'), env, manifest)).text()).toBe('fresh');
    await settle();
    expect(await (await caches.match(`${ORIGIN}/en/`, { cacheName: site }))?.text()).toBe('fresh');
  });

  it('come from the cache when offline, whatever query the link had', async () => {
    const { caches, env } = setup(offline);
    await (await caches.open(site)).put(`${ORIGIN}/en/`, html('cached'));
    expect(await (await pageResponse(request('/en/?from=share'), env, manifest)).text()).toBe('cached');
  });

  it('come from the cache when the network is slower than the timeout', async () => {
    const { caches, env } = setup(() => new Promise((resolve) => setTimeout(() => resolve(html('late')), 500)), 20);
    await (await caches.open(site)).put(`${ORIGIN}/en/`, html('cached'));
    expect(await (await pageResponse(request('/en/'), env, manifest)).text()).toBe('cached');
  });

  it.each([
    ['/zh-cn/chapters/new/', 'zh offline'],
    ['/en/chapters/new/', 'en offline'],
    ['/fr/', 'en offline'],
  ])('offline and not cached: %s gets the offline page in its language', async (path, expected) => {
    const { caches, env } = setup(offline);
    const cache = await caches.open(site);
    await cache.put(`${ORIGIN}/en/offline/`, html('en offline'));
    await cache.put(`${ORIGIN}/zh-cn/offline/`, html('zh offline'));
    expect(await (await pageResponse(request(path), env, manifest)).text()).toBe(expected);
  });

  it('a page the server says is missing stays missing online (its 404 page)', async () => {
    const { env } = setup(async () => new Response('not found', { status: 404 }));
    expect((await pageResponse(request('/en/nope/'), env, manifest)).status).toBe(404);
  });
});

describe('assets and the Python runtime', () => {
  it('assets come from the cache without touching the network', async () => {
    const { caches, env, fetch } = setup(offline);
    await (await caches.open(site)).put(`${ORIGIN}/_astro/a.js`, new Response('js'));
    expect(await (await cachedFirst(request('/_astro/a.js'), env, manifest, true)).text()).toBe('js');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('precached search files are found whatever query they are asked for with', async () => {
    const { caches, env, fetch } = setup(offline);
    await (await caches.open(site)).put(`${ORIGIN}/pagefind/pagefind-entry.json`, new Response('{}'));
    expect(await (await cachedFirst(request('/pagefind/pagefind-entry.json?ts=123'), env, manifest, false)).text()).toBe('{}');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('an asset missing from the cache is fetched and kept', async () => {
    const { caches, env, settle } = setup(async () => new Response('new js'));
    await caches.open(site);
    await cachedFirst(request('/_astro/b.js'), env, manifest, true);
    await settle();
    expect(await (await caches.match(`${ORIGIN}/_astro/b.js`, { cacheName: site }))?.text()).toBe('new js');
  });

  it('the runtime comes from the network until saved, and is never stored by the worker', async () => {
    const { caches, env, fetch } = setup(async () => new Response('from network'));
    expect(await (await pythonResponse(request('/pyodide/1.0/pyodide.mjs'), env, manifest)).text()).toBe('from network');
    expect(await caches.keys()).toEqual([]);
    await (await caches.open('waymark:/:python:1.0')).put(
      `${ORIGIN}/pyodide/1.0/pyodide.mjs`,
      new Response('saved', { headers: { 'content-type': 'text/javascript' } }),
    );
    const saved = await pythonResponse(request('/pyodide/1.0/pyodide.mjs'), env, manifest);
    expect(await saved.text()).toBe('saved');
    expect(saved.headers.get('content-type')).toBe('text/javascript');
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('activation', () => {
  it('deletes the earlier build’s caches and keeps the saved runtime', async () => {
    const { caches, env } = setup(offline);
    for (const name of ['waymark:/:site:old', site, 'waymark:/:python:1.0', 'waymark:/:python:0.9', 'waymark:/course/:site:old']) await caches.open(name);
    expect(await removeStale(env, (keys) => staleCaches(keys, manifest))).toEqual(['waymark:/:site:old', 'waymark:/:python:0.9']);
    expect(await caches.keys()).toEqual([site, 'waymark:/:python:1.0', 'waymark:/course/:site:old']);
  });
});

/**
 * Hosts add `Vary` for reasons that have nothing to do with this site's
 * files: `Origin` when CORS is on (S3, CloudFront), `Accept-Encoding` for
 * compression. The browser asks for module scripts with an `Origin` header,
 * while everything stored was stored by URL, so a lookup that honoured
 * `Vary` would miss every lazily imported chunk offline.
 */
describe.each(['Origin', 'Accept-Encoding', 'Origin, Accept-Encoding'])('behind a host that sends Vary: %s', (vary) => {
  const varied = (body: string, type = 'text/javascript') => new Response(body, { headers: { 'content-type': type, vary } });
  /** A request as the browser makes it for a module script or a fetch: with the headers the host varies on. */
  const asBrowser = (path: string) => new Request(ORIGIN + path, { headers: { origin: ORIGIN, 'accept-encoding': 'gzip, br' } });

  it('precache stores files the strategies then find offline, pages, assets and static files alike', async () => {
    const { env } = setup(async (r) => varied(`copy of ${new URL(r.url).pathname}`, r.url.endsWith('/') ? 'text/html' : 'text/javascript'));
    await precache(env, manifest);
    env.fetch = offline;
    expect(await (await cachedFirst(asBrowser('/_astro/a.js'), env, manifest, true)).text()).toBe('copy of /_astro/a.js');
    expect(await (await cachedFirst(asBrowser('/favicon.svg'), env, manifest, false)).text()).toBe('copy of /favicon.svg');
    expect(await (await pageResponse(asBrowser('/en/'), env, manifest)).text()).toBe('copy of /en/');
    expect(await (await pageResponse(asBrowser('/en/missing/'), env, manifest)).text()).toBe('copy of /en/offline/');
  });

  it('an asset fetched and kept online is found offline with other request headers', async () => {
    const { caches, env, settle } = setup(async () => varied('lazy chunk'));
    await caches.open(site);
    await cachedFirst(request('/_astro/lazy.js'), env, manifest, true);
    await settle();
    env.fetch = offline;
    expect(await (await cachedFirst(asBrowser('/_astro/lazy.js'), env, manifest, true)).text()).toBe('lazy chunk');
  });

  it('the saved Python runtime is found offline', async () => {
    const { caches, env, fetch } = setup(offline);
    await (await caches.open('waymark:/:python:1.0')).put(`${ORIGIN}/pyodide/1.0/pyodide.mjs`, varied('saved runtime'));
    expect(await (await pythonResponse(asBrowser('/pyodide/1.0/pyodide.mjs'), env, manifest)).text()).toBe('saved runtime');
    expect(fetch).not.toHaveBeenCalled();
  });
});
