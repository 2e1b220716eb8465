import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Source } from '../../../scripts/check-inline-code.mjs';
import { testServerConfig } from '../../../scripts/lib/nginx-site.mjs';

/**
 * The nginx config (deploy/nginx/) and public/_headers describe the same
 * policy for two kinds of host. Both are parsed here and asked, path by path,
 * what they would send, so one cannot change without the other.
 */
const serverConf = readFileSync('deploy/nginx/waymark.conf', 'utf8');
const headersConf = readFileSync('deploy/nginx/waymark-headers.conf', 'utf8');
const headersFile = readFileSync('public/_headers', 'utf8');

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Netlify's and Cloudflare Pages' Cache-Control when a _headers file sets none. */
const HOST_DEFAULT = 'public, max-age=0, must-revalidate';

type Headers = Record<string, string>;
const strip = (text: string) => text.replace(/#.*$/gm, '');

function addHeaders(block: string): Headers {
  const out: Headers = {};
  for (const [, name = '', value = ''] of block.matchAll(/add_header\s+([\w-]+)\s+"([^"]*)"\s+always;/g)) out[name.toLowerCase()] = value;
  return out;
}

interface Location {
  kind: '=' | '^~' | '~' | 'prefix';
  pattern: string;
  headers: Headers;
}

function locations(conf: string): Location[] {
  const shared = addHeaders(strip(headersConf));
  return [...strip(conf).matchAll(/location\s+(?:(=|\^~|~)\s+)?(\S+)\s*\{([^}]*)\}/g)].map(([, kind, pattern = '', body = '']) => ({
    kind: (kind ?? 'prefix') as Location['kind'],
    pattern,
    headers: { ...(/include\s+snippets\/waymark-headers\.conf;/.test(body) ? shared : {}), ...addHeaders(body) },
  }));
}

/** nginx's choice: exact match; else the longest prefix, unless a regex (in order) matches and the prefix lacks ^~. */
function nginxHeaders(conf: string, path: string): Headers {
  const all = locations(conf);
  const exact = all.find((l) => l.kind === '=' && l.pattern === path);
  if (exact) return exact.headers;
  const prefix = all
    .filter((l) => (l.kind === 'prefix' || l.kind === '^~') && path.startsWith(l.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length)[0];
  if (prefix?.kind === '^~') return prefix.headers;
  const regex = all.find((l) => l.kind === '~' && new RegExp(l.pattern).test(path));
  const chosen = regex ?? prefix;
  if (!chosen) throw new Error(`no nginx location serves ${path}`);
  return chosen.headers;
}

/** The _headers rules: every matching rule adds its headers; a repeated header's values are joined by a comma. */
function headersFileRules(): { pattern: string; headers: Headers }[] {
  const rules: { pattern: string; headers: Headers }[] = [];
  for (const line of headersFile.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: {} });
    else {
      const [, name, value = ''] = /^\s+([\w-]+):\s*(.*)$/.exec(line) ?? [];
      const rule = rules.at(-1);
      if (!name || !rule) throw new Error(`public/_headers: cannot read "${line}"`);
      rule.headers[name.toLowerCase()] = value.trim();
    }
  }
  return rules;
}

function hostHeaders(path: string): { headers: Headers; cacheRules: number } {
  const headers: Headers = {};
  let cacheRules = 0;
  for (const rule of headersFileRules()) {
    const re = new RegExp(`^${rule.pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    if (!re.test(path)) continue;
    if ('cache-control' in rule.headers) cacheRules += 1;
    for (const [name, value] of Object.entries(rule.headers)) headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
  }
  headers['cache-control'] ??= HOST_DEFAULT;
  return { headers, cacheRules };
}

const revalidates = (value: string) => /\bno-cache\b/.test(value) || (/\bmax-age=0\b/.test(value) && /\bmust-revalidate\b/.test(value));

const PATHS = [
  ['/', 'revalidate'],
  ['/en/', 'revalidate'],
  ['/zh-cn/chapters/wsgi-servers/', 'revalidate'],
  ['/404.html', 'revalidate'],
  ['/favicon.svg', 'revalidate'],
  ['/sw.js', 'revalidate'],
  ['/pagefind/pagefind.js', 'revalidate'],
  ['/pagefind/pagefind-entry.json', 'revalidate'],
  ['/_astro/Base.Boh2Y27y.css', 'immutable'],
  ['/_astro/worker-DBUB0nMX.js', 'immutable'],
  ['/pyodide/314.0.7/pyodide.asm.wasm', 'immutable'],
  ['/pyodide/314.0.7/python_stdlib.zip', 'immutable'],
] as const;

const SHARED = [
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
];

describe.each(PATHS)('%s', (path, caching) => {
  const nginx = nginxHeaders(serverConf, path);
  const host = hostHeaders(path);

  it(`is ${caching === 'immutable' ? 'cached for good' : 'revalidated'} by nginx and by a _headers host alike`, () => {
    if (caching === 'immutable') {
      expect(nginx['cache-control']).toBe(IMMUTABLE);
      expect(host.headers['cache-control']).toBe(IMMUTABLE);
    } else {
      expect(revalidates(nginx['cache-control'] ?? '')).toBe(true);
      expect(revalidates(host.headers['cache-control'] ?? '')).toBe(true);
    }
    // Two matching Cache-Control rules would be sent joined: "no-cache, public, max-age=…".
    expect(host.cacheRules).toBeLessThanOrEqual(1);
  });

  it('gets the same isolation, CSP and security headers from both', () => {
    for (const name of SHARED) {
      expect(nginx[name], name).toBeTruthy();
      expect(host.headers[name], name).toBe(nginx[name]);
    }
  });
});

describe('the CSP', () => {
  const csp: Record<string, string[]> = Object.fromEntries(
    (addHeaders(strip(headersConf))['content-security-policy'] ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );

  // The one inline script, by the hash of its exact text: the theme before first paint.
  const themeInit = sha256Source(readFileSync('src/stores/theme-init.js', 'utf8'));

  it('runs only the site’s own scripts: no inline code but the theme script, no eval, WebAssembly allowed', () => {
    expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", themeInit]);
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['object-src'] ?? csp['default-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
  });

  it('loads everything else from the site itself', () => {
    for (const [name, values] of Object.entries(csp)) {
      for (const value of values) expect(["'self'", "'none'", "'wasm-unsafe-eval'", "'unsafe-inline'", themeInit], `${name} ${value}`).toContain(value);
    }
    expect(csp['style-src']).toContain("'unsafe-inline'");
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['style-src']).not.toContain(themeInit);
  });
});

describe('the config the tests run', () => {
  it('differs from deploy/nginx/waymark.conf only in listen and root', () => {
    const tested = testServerConfig(serverConf, { root: '/srv/site', port: 4415 });
    const changed = (a: string, b: string) => a.split('\n').filter((line) => !b.split('\n').includes(line));
    expect(changed(tested, serverConf).map((l) => l.trim())).toEqual(['listen 127.0.0.1:4415;', 'root /srv/site;']);
    expect(changed(serverConf, tested).map((l) => l.trim())).toEqual(['listen 80;', 'listen [::]:80;', 'root /var/www/waymark;']);
  });

  it('under a sub-path, moves only the cached locations and the 404 page', () => {
    const tested = testServerConfig(serverConf, { root: '/srv', port: 4416, base: '/course/' });
    expect(nginxHeaders(tested, '/course/_astro/a.js')['cache-control']).toBe(IMMUTABLE);
    expect(nginxHeaders(tested, '/course/pyodide/314.0.7/pyodide.mjs')['cache-control']).toBe(IMMUTABLE);
    expect(nginxHeaders(tested, '/course/en/')['cache-control']).toBe('no-cache');
    expect(tested).toContain('error_page 404 /course/404.html;');
  });

  it('refuses a config that no longer has what it replaces', () => {
    expect(() => testServerConfig(serverConf.replace('listen 80;', 'listen 8080;'), { root: '/srv', port: 1 })).toThrow(/exactly one `listen 80;`/);
    expect(() => testServerConfig(serverConf, { root: '/srv', port: 1, base: '/a b/' })).toThrow(/base must look like/);
  });
});
