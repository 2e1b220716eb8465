/**
 * The app browser's private HTTP cache, a subset of RFC 9111: GET responses
 * with status 200, 203, 204, 301, 404 or 410 are stored unless `no-store`
 * says otherwise; freshness comes from `max-age` or `Expires` (a response
 * with neither is stale at once: no heuristic freshness, so what the learner
 * sees follows the headers they wrote); `no-cache` and stale entries are
 * revalidated with If-None-Match / If-Modified-Since, and a 304 updates the
 * stored headers and serves the stored body; `Vary` keeps one entry per
 * variant (`Vary: *` is never reused); an unsafe request invalidates the
 * URL. Times are milliseconds, passed in.
 */
import { directives, header, withHeader, type AppRequest, type AppResponse, type HeaderList } from './http';

const CACHEABLE = new Set([200, 203, 204, 301, 404, 410]);

interface Entry {
  url: string;
  /** The request's values of the headers the response varies on. */
  varied: [string, string][];
  response: AppResponse;
  stored: number;
}

/** `default` uses fresh entries; `no-cache` (a reload) revalidates even fresh ones; `no-store` bypasses the cache. */
export type CacheMode = 'default' | 'no-cache' | 'no-store';

export type Lookup = { kind: 'fresh'; response: AppResponse } | { kind: 'stale'; request: AppRequest; entry: Entry } | { kind: 'miss' };

const withoutFragment = (url: string) => url.split('#')[0]!;

function varyNames(response: AppResponse): string[] {
  return (header(response.headers, 'Vary') ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
}

/** How long a response stays fresh, in ms, from its headers. */
export function freshnessLifetime(response: AppResponse): number {
  const cc = directives(header(response.headers, 'Cache-Control'));
  const maxAge = cc.get('max-age');
  if (maxAge !== undefined && /^\d+$/.test(maxAge)) return Number(maxAge) * 1000;
  const expires = header(response.headers, 'Expires');
  if (expires !== undefined) {
    const at = Date.parse(expires);
    const date = Date.parse(header(response.headers, 'Date') ?? '');
    if (Number.isNaN(at)) return 0;
    return Number.isNaN(date) ? at - Date.now() : at - date;
  }
  return 0;
}

export class HttpCache {
  private entries: Entry[] = [];

  lookup(request: AppRequest, now: number, mode: CacheMode = 'default'): Lookup {
    if (request.method !== 'GET' || mode === 'no-store') return { kind: 'miss' };
    const requestCc = directives(header(request.headers, 'Cache-Control'));
    if (requestCc.has('no-store')) return { kind: 'miss' };
    const entry = this.find(request);
    if (!entry) return { kind: 'miss' };
    const cc = directives(header(entry.response.headers, 'Cache-Control'));
    const age = now - entry.stored + Number(header(entry.response.headers, 'Age') ?? 0) * 1000;
    const fresh = !cc.has('no-cache') && mode !== 'no-cache' && !requestCc.has('no-cache') && age < freshnessLifetime(entry.response);
    if (fresh) return { kind: 'fresh', response: entry.response };
    const etag = header(entry.response.headers, 'ETag');
    const modified = header(entry.response.headers, 'Last-Modified');
    if (etag === undefined && modified === undefined) return { kind: 'miss' };
    let headers: HeaderList = request.headers;
    if (etag !== undefined) headers = withHeader(headers, 'If-None-Match', etag);
    if (modified !== undefined) headers = withHeader(headers, 'If-Modified-Since', modified);
    return { kind: 'stale', request: { ...request, headers }, entry };
  }

  private find(request: AppRequest): Entry | undefined {
    const url = withoutFragment(request.url);
    return this.entries.find((e) => e.url === url && e.varied.every(([name, value]) => (header(request.headers, name) ?? '') === value));
  }

  /** Keeps a response if it may be stored. */
  store(request: AppRequest, response: AppResponse, now: number): void {
    if (request.method !== 'GET' || !CACHEABLE.has(response.status)) return;
    const cc = directives(header(response.headers, 'Cache-Control'));
    if (cc.has('no-store') || directives(header(request.headers, 'Cache-Control')).has('no-store')) return;
    const names = varyNames(response);
    if (names.includes('*')) return;
    const entry: Entry = { url: withoutFragment(request.url), varied: names.map((n) => [n, header(request.headers, n) ?? '']), response, stored: now };
    this.entries = this.entries.filter((e) => !(e.url === entry.url && e.varied.every(([n, v]) => (header(request.headers, n) ?? '') === v)));
    this.entries.push(entry);
  }

  /** A 304 for a stale entry: the stored response with the 304's headers merged in, stored afresh. */
  revalidated(request: AppRequest, entry: Entry, notModified: AppResponse, now: number): AppResponse {
    let headers = entry.response.headers;
    for (const [name, value] of notModified.headers) {
      if (name.toLowerCase() === 'content-length') continue;
      headers = withHeader(headers, name, value);
    }
    const response = { ...entry.response, headers };
    this.entries = this.entries.filter((e) => e !== entry);
    this.store(request, response, now);
    return response;
  }

  /** Forgets a URL after an unsafe request to it (POST, PUT, DELETE, …) succeeded. */
  invalidate(url: string): void {
    const key = withoutFragment(url);
    this.entries = this.entries.filter((e) => e.url !== key);
  }

  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }
}
