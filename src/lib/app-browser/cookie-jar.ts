/**
 * The app browser's cookies, as RFC 6265bis describes a browser's cookie
 * store: Set-Cookie parsed with Expires/Max-Age, Domain, Path, Secure,
 * HttpOnly and SameSite (Lax when unset, None only with Secure), the
 * `__Secure-` and `__Host-` prefixes, and the rules for sending: domain and
 * path match, Secure only over https, HttpOnly hidden from scripts,
 * SameSite judged from the request's initiator and method. One jar per
 * release, so a new deploy starts logged out, as a new domain would.
 * Times are milliseconds, passed in, so tests choose the clock.
 */
import { siteOf } from './address';

export type SameSite = 'Strict' | 'Lax' | 'None';

export interface Cookie {
  name: string;
  value: string;
  /** The host it was set by (host-only) or the Domain attribute, without a leading dot. */
  domain: string;
  hostOnly: boolean;
  path: string;
  /** Milliseconds since the epoch; null for a session cookie. */
  expires: number | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  /** Whether SameSite was given; Lax-by-default cookies are shown as such. */
  sameSiteDefault: boolean;
  created: number;
}

/** Who asks for the cookies: the page that started the request, and whether it is a navigation of the browser's page. */
export interface RequestContext {
  method: string;
  /** The URL of the document that made the request (the same as the URL for a typed address). */
  initiator: string;
  navigation: boolean;
}

const MAX_DATE = 8_640_000_000_000_000;

/** The path a cookie gets when Path is missing or not absolute: the request path up to its last slash. */
export function defaultPath(pathname: string): string {
  if (!pathname.startsWith('/')) return '/';
  const last = pathname.lastIndexOf('/');
  return last <= 0 ? '/' : pathname.slice(0, last);
}

export function domainMatches(host: string, domain: string): boolean {
  return host === domain || (host.endsWith(`.${domain}`) && !/^\d+\.\d+\.\d+\.\d+$/.test(host));
}

export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** A Set-Cookie header (or a `document.cookie` write) as a cookie, or null when a browser would ignore it. */
export function parseSetCookie(line: string, url: string, now: number): Cookie | null {
  const target = new URL(url);
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  const value = (eq < 0 ? pair : pair.slice(eq + 1)).trim();
  if (!name && !value) return null;
  // Control characters other than tab make a browser ignore the cookie.
  if ([...(name + value)].some((c) => (c < ' ' && c !== '\t') || c === '\x7f')) return null;
  const cookie: Cookie = {
    name,
    value,
    domain: target.hostname,
    hostOnly: true,
    path: defaultPath(target.pathname),
    expires: null,
    secure: false,
    httpOnly: false,
    sameSite: 'Lax',
    sameSiteDefault: true,
    created: now,
  };
  let maxAge: number | null = null;
  let expires: number | null = null;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const val = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'expires') {
      const time = Date.parse(val);
      if (!Number.isNaN(time)) expires = time;
    } else if (key === 'max-age') {
      if (/^-?\d+$/.test(val)) maxAge = Number(val);
    } else if (key === 'domain') {
      const domain = val.replace(/^\./, '').toLowerCase();
      if (domain) {
        if (!domainMatches(target.hostname, domain)) return null;
        cookie.domain = domain;
        cookie.hostOnly = false;
      }
    } else if (key === 'path') {
      cookie.path = val.startsWith('/') ? val : defaultPath(target.pathname);
    } else if (key === 'secure') {
      cookie.secure = true;
    } else if (key === 'httponly') {
      cookie.httpOnly = true;
    } else if (key === 'samesite') {
      const lower = val.toLowerCase();
      if (lower === 'strict' || lower === 'lax' || lower === 'none') {
        cookie.sameSite = (lower[0]!.toUpperCase() + lower.slice(1)) as SameSite;
        cookie.sameSiteDefault = false;
      }
    }
  }
  if (maxAge !== null) cookie.expires = maxAge <= 0 ? -MAX_DATE : now + maxAge * 1000;
  else if (expires !== null) cookie.expires = expires;
  if (cookie.secure && target.protocol !== 'https:') return null;
  if (cookie.sameSite === 'None' && !cookie.secure) return null;
  const lowerName = name.toLowerCase();
  if (lowerName.startsWith('__secure-') && !cookie.secure) return null;
  if (lowerName.startsWith('__host-') && (!cookie.secure || !cookie.hostOnly || cookie.path !== '/')) return null;
  return cookie;
}

const sameKey = (a: Cookie, b: Cookie) => a.name === b.name && a.domain === b.domain && a.hostOnly === b.hostOnly && a.path === b.path;

export class CookieJar {
  private cookies: Cookie[] = [];

  /** Stores what a response's Set-Cookie (or, with `fromScript`, a `document.cookie` write) asks for. */
  set(line: string, url: string, now: number, fromScript = false): void {
    const cookie = parseSetCookie(line, url, now);
    if (!cookie) return;
    if (fromScript && cookie.httpOnly) return;
    const old = this.cookies.find((c) => sameKey(c, cookie));
    if (old && fromScript && old.httpOnly) return;
    this.cookies = this.cookies.filter((c) => c !== old);
    if (cookie.expires !== null && cookie.expires <= now) return;
    if (old) cookie.created = old.created;
    this.cookies.push(cookie);
  }

  private matching(url: string, now: number): Cookie[] {
    const target = new URL(url);
    this.cookies = this.cookies.filter((c) => c.expires === null || c.expires > now);
    return this.cookies
      .filter((c) => (c.hostOnly ? c.domain === target.hostname : domainMatches(target.hostname, c.domain)))
      .filter((c) => pathMatches(target.pathname || '/', c.path))
      .filter((c) => !c.secure || target.protocol === 'https:')
      .sort((a, b) => b.path.length - a.path.length || a.created - b.created);
  }

  /** The Cookie header for a request, or '' for none. */
  header(url: string, context: RequestContext, now: number): string {
    const crossSite = siteOf(context.initiator) !== siteOf(url);
    const safe = context.method === 'GET' || context.method === 'HEAD';
    return this.matching(url, now)
      .filter((c) => !crossSite || c.sameSite === 'None' || (c.sameSite === 'Lax' && context.navigation && safe))
      .map((c) => (c.name ? `${c.name}=${c.value}` : c.value))
      .join('; ');
  }

  /** What `document.cookie` reads in a page at `url`: no HttpOnly cookies. */
  documentCookie(url: string, now: number): string {
    return this.matching(url, now)
      .filter((c) => !c.httpOnly)
      .map((c) => (c.name ? `${c.name}=${c.value}` : c.value))
      .join('; ');
  }

  /** Every live cookie, for the cookies panel. */
  list(now: number): Cookie[] {
    this.cookies = this.cookies.filter((c) => c.expires === null || c.expires > now);
    return [...this.cookies];
  }

  clear(): void {
    this.cookies = [];
  }
}
