import { describe, expect, it } from 'vitest';
import { HttpCache } from '../../../../src/lib/app-browser/http-cache';
import { utf8, type AppRequest, type AppResponse, type HeaderList } from '../../../../src/lib/app-browser/http';

const URL_ = 'https://notes-r1.app.test/static/site.css';
const get = (headers: HeaderList = []): AppRequest => ({ method: 'GET', url: URL_, headers, body: null });
const ok = (headers: HeaderList, status = 200): AppResponse => ({ status, statusText: 'OK', headers, body: utf8('body') });
const T = 1_000_000;

describe('HttpCache', () => {
  it.each([
    ['max-age in the future', [['Cache-Control', 'max-age=60']], 59_000, 'fresh'],
    ['max-age passed, no validator', [['Cache-Control', 'max-age=60']], 60_000, 'miss'],
    [
      'max-age passed, with an ETag',
      [
        ['Cache-Control', 'max-age=60'],
        ['ETag', '"v1"'],
      ],
      60_000,
      'stale',
    ],
    [
      'no-cache with an ETag',
      [
        ['Cache-Control', 'no-cache'],
        ['ETag', '"v1"'],
      ],
      0,
      'stale',
    ],
    ['no-store', [['Cache-Control', 'no-store, max-age=60']], 0, 'miss'],
    ['no freshness information (no heuristics)', [['Last-Modified', 'Tue, 01 Dec 2026 00:00:00 GMT']], 0, 'stale'],
    [
      'Expires an hour after Date',
      [
        ['Date', 'Tue, 01 Dec 2026 00:00:00 GMT'],
        ['Expires', 'Tue, 01 Dec 2026 01:00:00 GMT'],
      ],
      1000,
      'fresh',
    ],
    [
      'Vary: *',
      [
        ['Cache-Control', 'max-age=60'],
        ['Vary', '*'],
      ],
      0,
      'miss',
    ],
  ] as [string, HeaderList, number, string][])('%s → %s', (_, headers, after, kind) => {
    const cache = new HttpCache();
    cache.store(get(), ok(headers), T);
    expect(cache.lookup(get(), T + after).kind).toBe(kind);
  });

  it('revalidates with If-None-Match and If-Modified-Since, and a 304 serves the stored body with updated headers', () => {
    const cache = new HttpCache();
    cache.store(
      get(),
      ok([
        ['Cache-Control', 'no-cache'],
        ['ETag', '"v1"'],
        ['Last-Modified', 'Tue, 01 Dec 2026 00:00:00 GMT'],
      ]),
      T,
    );
    const lookup = cache.lookup(get(), T);
    if (lookup.kind !== 'stale') throw new Error(lookup.kind);
    expect(lookup.request.headers).toEqual([
      ['If-None-Match', '"v1"'],
      ['If-Modified-Since', 'Tue, 01 Dec 2026 00:00:00 GMT'],
    ]);
    const merged = cache.revalidated(
      get(),
      lookup.entry,
      {
        status: 304,
        statusText: 'Not Modified',
        headers: [
          ['ETag', '"v1"'],
          ['X-Checked', 'yes'],
        ],
        body: new Uint8Array(),
      },
      T + 5,
    );
    expect(merged.status).toBe(200);
    expect(new TextDecoder().decode(merged.body)).toBe('body');
    expect(merged.headers).toContainEqual(['X-Checked', 'yes']);
  });

  it('a reload (no-cache mode) revalidates even a fresh entry', () => {
    const cache = new HttpCache();
    cache.store(
      get(),
      ok([
        ['Cache-Control', 'max-age=600'],
        ['ETag', '"v1"'],
      ]),
      T,
    );
    expect(cache.lookup(get(), T, 'no-cache').kind).toBe('stale');
  });

  it('keeps one entry per Vary variant', () => {
    const cache = new HttpCache();
    const en = get([['Accept-Language', 'en']]);
    const zh = get([['Accept-Language', 'zh-CN']]);
    cache.store(
      en,
      ok([
        ['Cache-Control', 'max-age=60'],
        ['Vary', 'Accept-Language'],
      ]),
      T,
    );
    expect(cache.lookup(en, T).kind).toBe('fresh');
    expect(cache.lookup(zh, T).kind).toBe('miss');
    cache.store(
      zh,
      ok([
        ['Cache-Control', 'max-age=60'],
        ['Vary', 'Accept-Language'],
      ]),
      T,
    );
    expect(cache.size).toBe(2);
  });

  it('stores only GET responses with a cacheable status, and forgets a URL on invalidate', () => {
    const cache = new HttpCache();
    cache.store({ ...get(), method: 'POST' }, ok([['Cache-Control', 'max-age=60']]), T);
    cache.store(get(), ok([['Cache-Control', 'max-age=60']], 500), T);
    expect(cache.size).toBe(0);
    cache.store(get(), ok([['Cache-Control', 'max-age=60']]), T);
    cache.invalidate(URL_);
    expect(cache.size).toBe(0);
  });
});
