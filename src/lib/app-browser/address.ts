/**
 * Virtual addresses: each release of a step's app has its own https origin
 * under `app.test` (RFC 6761 reserves `.test`, so no real host is ever
 * named), e.g. `https://notes-r3.app.test/`. The app sees itself at the root
 * of that origin; anything outside it is refused before it reaches Python.
 * The attacker page of the security chapter lives at another site,
 * `https://attacker.test/`, so requests from it are cross-site.
 */
export const APP_DOMAIN = 'app.test';
export const ATTACKER_ORIGIN = 'https://attacker.test';

/** A DNS label from a step id: lower-case letters, digits and hyphens. */
function label(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (cleaned || 'app').slice(0, 40);
}

/** The host of release `number` of an app named `name`. */
export function releaseHost(name: string, number: number): string {
  return `${label(name)}-r${number}.${APP_DOMAIN}`;
}

export function releaseOrigin(name: string, number: number): string {
  return `https://${releaseHost(name, number)}`;
}

/** `href` resolved against `base`, or null when it is no URL. */
export function resolve(href: string, base: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

export type Target = { ok: true; host: string; target: string } | { ok: false; problem: 'bad-url' | 'off-origin' };

/** What the release's server receives for a URL: its host and the request target (path and query), if the URL is at `origin`. */
export function toTarget(url: string, origin: string): Target {
  const parsed = resolve(url, origin);
  if (!parsed) return { ok: false, problem: 'bad-url' };
  if (parsed.origin !== origin || parsed.username || parsed.password) return { ok: false, problem: 'off-origin' };
  return { ok: true, host: parsed.host, target: `${parsed.pathname}${parsed.search}` };
}

/**
 * The site of a URL for SameSite: its scheme and registrable domain. `.test`
 * has no public suffix entry, so a host's last two labels are its site:
 * every release shares `app.test`, the attacker is `attacker.test`.
 */
export function siteOf(url: string): string {
  const parsed = resolve(url, 'https://invalid.test/');
  if (!parsed) return '';
  return `${parsed.protocol}//${parsed.hostname.split('.').slice(-2).join('.')}`;
}

/**
 * What the learner typed in the address bar, as a URL at the release's
 * origin: a path (`/notes`, `notes?x=1`) or a full URL at that origin.
 * Anything else is refused (null): the bar navigates within the app only.
 */
export function typedAddress(input: string, origin: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed)
    ? trimmed
    : trimmed.includes('.') && !trimmed.startsWith('/') && /^[^/?#]+\.[a-z]/i.test(trimmed)
      ? `https://${trimmed}`
      : null;
  const url = withScheme ? resolve(withScheme, origin) : resolve(trimmed.startsWith('/') ? trimmed : `/${trimmed}`, origin);
  if (!url || (url.origin !== origin && url.origin !== ATTACKER_ORIGIN)) return null;
  return url.href;
}
