import { describe, expect, it } from 'vitest';
import {
  buildManifest,
  contentHash,
  isPrecached,
  localeOfPath,
  precacheBytes,
  pythonCacheName,
  routeOf,
  siteCacheName,
  staleCaches,
  urlPath,
  type BuiltFile,
  type ManifestInput,
} from '../../../src/lib/offline';

const file = (path: string, hash = 'h', size = 10): BuiltFile => ({ path, hash, size });

const site: BuiltFile[] = [
  file('index.html'),
  file('404.html'),
  file('en/index.html'),
  file('en/chapters/wsgi-servers/index.html'),
  file('en/offline/index.html'),
  file('zh-cn/offline/index.html'),
  file('zh-cn/glossary/index.html'),
  file('_astro/Step.abc123.js', 'h', 1000),
  file('_astro/_slug_.def.css'),
  file('favicon.svg'),
  file('sw.js'),
  file('pyodide/314.0.7/pyodide.asm.wasm', 'h', 9_000_000),
  file('pyodide/314.0.7/pyodide.mjs'),
];

const input = (files: BuiltFile[], base = '/'): ManifestInput => ({
  base,
  files,
  locales: ['en', 'zh-cn'],
  defaultLocale: 'en',
  python: { version: '314.0.7', files: ['pyodide.mjs', 'pyodide.asm.wasm'] },
});

describe('which built files are precached', () => {
  it.each([
    ['index.html', true],
    ['en/chapters/security/index.html', true],
    ['en/print/index.html', true],
    ['404.html', true],
    ['_astro/code-editor.wkzpQ4S7.js', true],
    ['pagefind/pagefind.js', true],
    ['pagefind/fragment/en_1a2b.pf_fragment', true],
    ['favicon.svg', true],
    ['sw.js', false],
    ['pyodide/314.0.7/pyodide.asm.wasm', false],
    ['pyodide/314.0.7/index.html', false],
    ['robots.txt', false],
  ])('%s → %s', (path, expected) => {
    expect(isPrecached(path)).toBe(expected);
  });
});

describe('urlPath', () => {
  it.each([
    ['/', 'index.html', '/'],
    ['/', 'en/index.html', '/en/'],
    ['/', '404.html', '/404.html'],
    ['/course/', 'en/chapters/x/index.html', '/course/en/chapters/x/'],
    ['/course', '_astro/a.js', '/course/_astro/a.js'],
  ])('under %s, %s is requested as %s', (base, path, expected) => {
    expect(urlPath(base, path)).toBe(expected);
  });
});

describe('buildManifest', () => {
  it('lists every page, asset and the favicon, never the Python runtime or the worker itself', () => {
    const manifest = buildManifest(input(site));
    expect(manifest.precache).toEqual([
      '/404.html',
      '/_astro/Step.abc123.js',
      '/_astro/_slug_.def.css',
      '/en/chapters/wsgi-servers/',
      '/en/',
      '/en/offline/',
      '/favicon.svg',
      '/',
      '/zh-cn/glossary/',
      '/zh-cn/offline/',
    ]);
    expect(manifest.offlinePages).toEqual({ en: '/en/offline/', 'zh-cn': '/zh-cn/offline/' });
    expect(manifest.python).toEqual({ version: '314.0.7', files: ['pyodide.mjs', 'pyodide.asm.wasm'] });
  });

  it('picks up search files and new pages written by other integrations', () => {
    const manifest = buildManifest(input([...site, file('pagefind/pagefind.js'), file('en/share/index.html')]));
    expect(manifest.precache).toContain('/pagefind/pagefind.js');
    expect(manifest.precache).toContain('/en/share/');
  });

  it('follows the base path', () => {
    const manifest = buildManifest(input(site, '/course'));
    expect(manifest.base).toBe('/course/');
    expect(manifest.precache).toContain('/course/en/');
    expect(manifest.precache.every((p) => p.startsWith('/course/'))).toBe(true);
    expect(manifest.offlinePages.en).toBe('/course/en/offline/');
  });

  it('the same files give the same version, whatever order they were listed in', () => {
    expect(buildManifest(input([...site].reverse())).version).toBe(buildManifest(input(site)).version);
  });

  it.each([
    ['a page changes', site.map((f) => (f.path === 'en/index.html' ? { ...f, hash: 'changed' } : f))],
    ['an asset is renamed', site.map((f) => (f.path === '_astro/Step.abc123.js' ? { ...f, path: '_astro/Step.zzz999.js' } : f))],
    ['a page is added', [...site, file('en/dashboard/index.html')]],
  ])('a new version when %s', (_, files) => {
    expect(buildManifest(input(files)).version).not.toBe(buildManifest(input(site)).version);
  });

  it('the version ignores files that are not precached, except the Python version', () => {
    const v = buildManifest(input(site)).version;
    expect(buildManifest(input([...site, file('robots.txt')])).version).toBe(v);
    expect(buildManifest({ ...input(site), python: { version: '315.0.0', files: [] } }).version).not.toBe(v);
  });

  it('counts the bytes the install downloads', () => {
    expect(precacheBytes(site)).toBe(9 * 10 + 1000);
  });
});

describe('contentHash', () => {
  it('is stable and sensitive to every character', () => {
    expect(contentHash('abc')).toBe(contentHash('abc'));
    expect(contentHash('abc')).toMatch(/^[0-9a-f]{16}$/);
    expect(contentHash('abc')).not.toBe(contentHash('abd'));
    expect(contentHash('')).not.toBe(contentHash('\0'));
  });
});

describe('cache names and versions', () => {
  it('names caches by base, kind and version', () => {
    expect(siteCacheName('/', 'v1')).toBe('waymark:/:site:v1');
    expect(siteCacheName('/course', 'v1')).toBe('waymark:/course/:site:v1');
    expect(pythonCacheName('/course/', '314.0.7')).toBe('waymark:/course/:python:314.0.7');
  });

  it("a new build drops the earlier build's caches and an old Python, and keeps other sites' caches", () => {
    const keys = [
      'waymark:/:site:old',
      'waymark:/:site:new',
      'waymark:/:python:313.0.0',
      'waymark:/:python:314.0.7',
      'waymark:/course/:site:old',
      'waymark:/course/:python:313.0.0',
      'other-app-cache',
    ];
    expect(staleCaches(keys, { base: '/', version: 'new', python: { version: '314.0.7', files: [] } })).toEqual([
      'waymark:/:site:old',
      'waymark:/:python:313.0.0',
    ]);
    expect(staleCaches(keys, { base: '/course/', version: 'x', python: { version: '314.0.7', files: [] } })).toEqual([
      'waymark:/course/:site:old',
      'waymark:/course/:python:313.0.0',
    ]);
  });
});

describe('routeOf: which requests go to which cache', () => {
  const manifest = buildManifest(input(site, '/course/'));
  const origin = 'https://example.org';
  const req = (path: string, mode = 'cors', method = 'GET') => ({ url: origin + path, method, mode });
  it.each([
    [req('/course/en/', 'navigate'), 'page'],
    [req('/course/en/chapters/x/?ref=share', 'navigate'), 'page'],
    [req('/course/en/glossary/'), 'page'],
    [req('/course/404.html'), 'page'],
    [req('/course/_astro/Step.abc123.js'), 'asset'],
    [req('/course/_astro/not-precached.js'), 'asset'],
    [req('/course/favicon.svg'), 'static'],
    [req('/course/pyodide/314.0.7/pyodide.asm.wasm'), 'python'],
    [req('/course/pyodide/314.0.7/pyodide-lock.json', 'cors', 'HEAD'), 'none'],
    [req('/course/sw.js'), 'none'],
    [req('/course/robots.txt'), 'none'],
    [req('/elsewhere/', 'navigate'), 'none'],
    [req('/course/en/progress/', 'navigate', 'POST'), 'none'],
    [{ url: 'https://cdn.example.com/course/_astro/a.js', method: 'GET', mode: 'cors' }, 'none'],
  ])('%j → %s', (request, expected) => {
    expect(routeOf(request, origin, manifest)).toBe(expected);
  });
});

describe('localeOfPath', () => {
  const manifest = buildManifest(input(site, '/course/'));
  it.each([
    ['/course/zh-cn/chapters/x/', 'zh-cn'],
    ['/course/en/x/', 'en'],
    ['/course/fr/x/', 'en'],
    ['/course/', 'en'],
    ['/other/zh-cn/', 'en'],
  ])('%s → %s', (path, expected) => {
    expect(localeOfPath(path, manifest)).toBe(expected);
  });
});
