import { describe, expect, it } from 'vitest';
import { excerptSegments, moveSelection, shapeHit, type PagefindFragment } from '../../../src/lib/search-results';

describe('excerptSegments', () => {
  it('splits highlighted runs from plain text', () => {
    expect(excerptSegments('put a <mark>reverse</mark> <mark>proxy</mark> in front')).toEqual([
      { text: 'put a ', mark: false },
      { text: 'reverse', mark: true },
      { text: ' ', mark: false },
      { text: 'proxy', mark: true },
      { text: ' in front', mark: false },
    ]);
  });

  it('joins neighbouring marks, as Pagefind marks each Chinese word on its own', () => {
    expect(excerptSegments('放在<mark>反向</mark><mark>代理</mark>后面')).toEqual([
      { text: '放在', mark: false },
      { text: '反向代理', mark: true },
      { text: '后面', mark: false },
    ]);
  });

  it('keeps any other markup as text and decodes entities', () => {
    const segments = excerptSegments('&lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(1)> <mark>a &amp; b</mark> &#39;q&#x27;');
    expect(segments).toEqual([
      { text: '<script>alert(1)</script> <img src=x onerror=alert(1)> ', mark: false },
      { text: 'a & b', mark: true },
      { text: " 'q'", mark: false },
    ]);
  });

  it('leaves unknown or impossible entities alone and survives an unclosed mark', () => {
    expect(excerptSegments('&bogus; &#0; <mark>open')).toEqual([
      { text: '&bogus; &#0; ', mark: false },
      { text: 'open', mark: true },
    ]);
    expect(excerptSegments('')).toEqual([]);
  });
});

describe('shapeHit', () => {
  const fragment: PagefindFragment = {
    url: '/course/en/chapters/wsgi-servers/',
    excerpt: 'behind a <mark>reverse</mark> proxy',
    meta: { title: ' WSGI servers ' },
    sub_results: [
      {
        title: 'WSGI servers',
        url: '/course/en/chapters/wsgi-servers/#chapter-title',
        excerpt: 'x',
        locations: [1, 2, 3, 4],
        anchor: { element: 'h1', id: 'chapter-title' },
      },
      {
        title: 'Middleware',
        url: '/course/en/chapters/wsgi-servers/#middleware',
        excerpt: 'one <mark>reverse</mark>',
        weighted_locations: [{ balanced_score: 2 }],
      },
      {
        title: 'Timeouts',
        url: '/course/en/chapters/wsgi-servers/#timeouts',
        excerpt: 't',
        weighted_locations: [{ balanced_score: 5 }, { balanced_score: 1 }],
      },
      { title: 'Workers', url: '/course/en/chapters/wsgi-servers/#workers', excerpt: 'w', weighted_locations: [{ balanced_score: 2 }] },
      { title: 'Intro', url: '/course/en/chapters/wsgi-servers/', excerpt: 'i', locations: [9] },
    ].map((s) => ({ ...s, anchor: s.anchor ?? (s.url.includes('#') ? { element: 'h2', id: s.url.split('#')[1]! } : undefined) })),
  };

  it('takes the title from meta, trimmed, and the best sections in score order (ties in page order)', () => {
    const hit = shapeHit(fragment);
    expect(hit.title).toBe('WSGI servers');
    expect(hit.url).toBe('/course/en/chapters/wsgi-servers/');
    expect(hit.excerpt[1]).toEqual({ text: 'reverse', mark: true });
    expect(hit.sections.map((s) => s.title)).toEqual(['Timeouts', 'Middleware', 'Workers']);
    expect(hit.sections[1]!.excerpt).toEqual([
      { text: 'one ', mark: false },
      { text: 'reverse', mark: true },
    ]);
  });

  it('never repeats the page itself (its h1 or the text before the first heading) as a section', () => {
    const urls = shapeHit(fragment, 10).sections.map((s) => s.url);
    expect(urls).not.toContain('/course/en/chapters/wsgi-servers/');
    expect(urls).not.toContain('/course/en/chapters/wsgi-servers/#chapter-title');
    expect(urls).toHaveLength(3);
  });

  it('limits the sections and falls back to the URL when a page has no title', () => {
    expect(shapeHit(fragment, 1).sections).toHaveLength(1);
    const bare = shapeHit({ url: '/en/glossary/', excerpt: '', meta: {} });
    expect(bare).toEqual({ url: '/en/glossary/', title: '/en/glossary/', excerpt: [], sections: [] });
  });
});

describe('moveSelection', () => {
  it.each([
    [-1, 'ArrowDown', 3, 0],
    [0, 'ArrowDown', 3, 1],
    [2, 'ArrowDown', 3, 0],
    [-1, 'ArrowUp', 3, 2],
    [0, 'ArrowUp', 3, 2],
    [2, 'ArrowUp', 3, 1],
    [1, 'Enter', 3, 1],
    [5, 'Tab', 3, -1],
    [0, 'ArrowDown', 0, -1],
    [-1, 'ArrowUp', 0, -1],
  ])('from %i, %s among %i options → %i', (current, key, count, expected) => {
    expect(moveSelection(current, key, count)).toBe(expected);
  });
});
