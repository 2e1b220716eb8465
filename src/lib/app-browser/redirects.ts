/**
 * Following a redirect as the Fetch standard does: 301 and 302 turn a POST
 * into a GET without a body, 303 turns anything but HEAD into a GET, 307 and
 * 308 keep the method and body. Location is resolved against the request's
 * URL. Whether the new URL may be followed (the app's origin, or the
 * attacker page's) is the session's decision.
 */
import { resolve } from './address';
import { header, withoutHeader, type AppRequest, type AppResponse } from './http';

export const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECTS.has(status);
}

export type NextRequest = { ok: true; request: AppRequest } | { ok: false; problem: 'no-location' | 'bad-location' };

export function redirectRequest(request: AppRequest, response: AppResponse): NextRequest {
  const location = header(response.headers, 'Location');
  if (location === undefined) return { ok: false, problem: 'no-location' };
  const url = resolve(location, request.url);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return { ok: false, problem: 'bad-location' };
  // A fragment on the request carries over when the Location has none.
  if (!url.hash && request.url.includes('#')) url.hash = request.url.slice(request.url.indexOf('#'));
  const toGet = (response.status === 303 && request.method !== 'HEAD') || ((response.status === 301 || response.status === 302) && request.method === 'POST');
  if (!toGet) return { ok: true, request: { ...request, url: url.href } };
  const headers = withoutHeader(request.headers, 'Content-Type', 'Content-Length', 'Content-Encoding', 'Content-Language', 'Content-Location');
  return { ok: true, request: { method: 'GET', url: url.href, headers, body: null } };
}
