/**
 * The app browser's request pipeline, what a browser does between a click
 * and a response: cookies from the release's jar (SameSite judged against
 * the initiator), the private cache (fresh hits, conditional revalidation,
 * 304 → the stored body), the request sent through `transport` (the Python
 * worker, in the page), Set-Cookie stored, redirects followed (at most 20,
 * never off the release's origin except to the attacker page, which the
 * session serves itself), and each exchange written to the network log.
 * No DOM and no worker here: the transport and the clock are passed in.
 */
import { ATTACKER_ORIGIN, toTarget } from './address';
import { CookieJar } from './cookie-jar';
import { HttpCache, type CacheMode } from './http-cache';
import { header, headerValues, utf8, withHeader, withoutHeader, type AppRequest, type AppResponse } from './http';
import { NetworkLog, type EntrySource, type LogEntry } from './network-log';
import { isRedirect, MAX_REDIRECTS, redirectRequest } from './redirects';

/** What the transport got: a response from the release, or a page the platform made (a timeout). */
export interface Delivered {
  response: AppResponse;
  problem: string;
  source: 'network' | 'platform';
}

export type Transport = (request: AppRequest, target: { host: string; target: string }) => Promise<Delivered>;

export interface RequestOptions {
  /** The URL of the document making the request. */
  initiator: string;
  kind: LogEntry['kind'];
  cache?: CacheMode;
}

export type Outcome =
  | { kind: 'response'; url: string; response: AppResponse; redirected: boolean }
  /** A redirect or request to another origin: shown to the learner, not followed. */
  | { kind: 'offsite'; url: string; from: string }
  | { kind: 'too-many-redirects'; url: string };

export interface SessionOptions {
  transport: Transport;
  now?: () => number;
  /** The attacker page's HTML, when the step has one. */
  attackerPage?: () => string | null;
}

interface ReleaseState {
  jar: CookieJar;
  cache: HttpCache;
}

const GET_LIKE = new Set(['GET', 'HEAD', 'OPTIONS']);

export class AppSession {
  readonly log = new NetworkLog();
  private releases = new Map<string, ReleaseState>();
  private now: () => number;

  constructor(
    private readonly options: SessionOptions,
    /** The current release's origin, e.g. `https://notes-r3.app.test`. */
    public origin: string,
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  private state(origin: string = this.origin): ReleaseState {
    let state = this.releases.get(origin);
    if (!state) {
      state = { jar: new CookieJar(), cache: new HttpCache() };
      this.releases.set(origin, state);
    }
    return state;
  }

  get jar(): CookieJar {
    return this.state().jar;
  }

  get cache(): HttpCache {
    return this.state().cache;
  }

  /** Moves to a new release: its own (empty) jar and cache; the old release's are dropped. */
  moveTo(origin: string): void {
    this.releases.delete(this.origin);
    this.origin = origin;
  }

  documentCookie(url: string): string {
    return new URL(url).origin === this.origin ? this.jar.documentCookie(url, this.now()) : '';
  }

  setDocumentCookie(url: string, value: string): void {
    if (new URL(url).origin === this.origin) this.jar.set(value, url, this.now(), true);
  }

  async request(first: AppRequest, options: RequestOptions): Promise<Outcome> {
    let request = first;
    for (let hops = 0; hops <= MAX_REDIRECTS; hops += 1) {
      const origin = new URL(request.url).origin;
      if (origin === ATTACKER_ORIGIN) return { kind: 'response', url: request.url, response: this.attacker(request, options), redirected: hops > 0 };
      if (origin !== this.origin) return { kind: 'offsite', url: request.url, from: options.initiator };
      const response = await this.once(request, options);
      if (!isRedirect(response.status)) return { kind: 'response', url: request.url, response, redirected: hops > 0 };
      const next = redirectRequest(request, response);
      if (!next.ok) return { kind: 'response', url: request.url, response, redirected: hops > 0 };
      const nextOrigin = new URL(next.request.url).origin;
      if (nextOrigin !== this.origin && nextOrigin !== ATTACKER_ORIGIN) return { kind: 'offsite', url: next.request.url, from: request.url };
      request = { ...next.request, headers: withoutHeader(next.request.headers, 'If-None-Match', 'If-Modified-Since') };
    }
    return { kind: 'too-many-redirects', url: request.url };
  }

  /** The attacker page: a static file of the step's, served at its own site. */
  private attacker(request: AppRequest, options: RequestOptions): AppResponse {
    const html = this.options.attackerPage?.() ?? null;
    const response: AppResponse = html
      ? { status: 200, statusText: 'OK', headers: [['Content-Type', 'text/html; charset=utf-8']], body: utf8(html) }
      : { status: 404, statusText: 'Not Found', headers: [['Content-Type', 'text/plain']], body: utf8('Not Found') };
    this.write(request, response, 0, options, 'network', '');
    return response;
  }

  /** One exchange with the release: cookies, cache, transport, Set-Cookie, log. */
  private async once(plain: AppRequest, options: RequestOptions): Promise<AppResponse> {
    const { jar, cache } = this.state();
    const started = this.now();
    const cookie = jar.header(plain.url, { method: plain.method, initiator: options.initiator, navigation: options.kind === 'document' }, started);
    const keyed: AppRequest = cookie ? { ...plain, headers: withHeader(plain.headers, 'Cookie', cookie) } : plain;
    let request = keyed;
    const lookup = cache.lookup(request, started, options.cache);
    if (lookup.kind === 'fresh') {
      this.write(request, lookup.response, 0, options, 'cache', '');
      return lookup.response;
    }
    if (lookup.kind === 'stale') request = lookup.request;
    const target = toTarget(request.url, this.origin);
    if (!target.ok) throw new Error(`refused: ${request.url}`);
    const delivered = await this.options.transport(request, target);
    const ms = this.now() - started;
    const response = delivered.response;
    if (delivered.source === 'network') {
      for (const line of headerValues(response.headers, 'Set-Cookie')) jar.set(line, request.url, this.now());
    }
    if (lookup.kind === 'stale' && response.status === 304) {
      this.write(request, response, ms, options, 'revalidated', delivered.problem);
      return cache.revalidated(keyed, lookup.entry, response, this.now());
    }
    if (delivered.source === 'network') {
      cache.store(keyed, response, this.now());
      if (!GET_LIKE.has(request.method) && response.status < 400) {
        cache.invalidate(request.url);
        const location = header(response.headers, 'Location');
        if (location) cache.invalidate(new URL(location, request.url).href);
      }
    }
    this.write(request, response, ms, options, delivered.source, delivered.problem);
    return response;
  }

  private write(request: AppRequest, response: AppResponse, ms: number, options: RequestOptions, source: EntrySource, problem: string): void {
    const requestHeaders =
      request.body && !header(request.headers, 'Content-Length')
        ? [...request.headers, ['Content-Length', String(request.body.length)] as [string, string]]
        : request.headers;
    this.log.add({
      method: request.method,
      url: request.url,
      status: response.status,
      statusText: response.statusText,
      ms: Math.round(ms),
      kind: options.kind,
      source,
      requestHeaders,
      responseHeaders: response.headers,
      problem,
    });
  }
}
