import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/lib/content-error';
import { buildCourse, neighbours, type ChapterSource, type LearningPath } from '../../../src/lib/course-model';

const LOCALES = ['en', 'zh-cn'];

function chapter(locale: string, id: string, items: string[], extra: Partial<ChapterSource> = {}): ChapterSource {
  const body = items.length ? `<Checklist>\n${items.map((i) => `<Item id="${i}">Item ${i}</Item>`).join('\n')}\n</Checklist>\n` : '';
  return {
    locale,
    slug: id,
    file: `content/${locale}/${extra.slug ?? id}.mdx`,
    meta: { id, title: `${id} (${locale})`, summary: 'S' },
    source: `---\nid: ${id}\n---\n\n## Heading\n\n${body}`,
    ...extra,
  };
}

function problemsOf(sources: ChapterSource[], path?: LearningPath): string[] {
  try {
    buildCourse(sources, LOCALES, path ? { path } : {});
  } catch (error) {
    if (error instanceof ContentError) return error.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('buildCourse', () => {
  it('pairs chapters across languages and puts them in learning-path order', () => {
    const course = buildCourse(
      [
        chapter('en', 'later', ['z'], { meta: { id: 'later', title: 'Later', summary: 'S' } }),
        chapter('zh-cn', 'later', ['z'], { meta: { id: 'later', title: '后来', summary: 'S' } }),
        chapter('en', 'first', ['a', 'b']),
        chapter('zh-cn', 'first', ['a', 'b']),
      ],
      LOCALES,
      { path: { order: ['first', 'later'], file: 'content/course.json' } },
    );
    expect(course.map((c) => [c.id, c.order])).toEqual([
      ['first', 0],
      ['later', 1],
    ]);
    expect(course[0]!.items).toEqual(['a', 'b']);
    expect(course[1]!.text['zh-cn']!.title).toBe('后来');
    expect(course[0]!.text.en!.labels).toEqual({ a: 'Item a', b: 'Item b' });
    expect(course[0]!.text.en!.headingsBeforeChecklist).toBe(1);
  });

  it.each([
    ['a chapter in one language only', [chapter('en', 'solo', ['a'])], 'content/en/solo.mdx: chapter "solo" has no zh-cn version; add content/zh-cn/solo.mdx'],
    [
      'checklist ids that differ',
      [chapter('en', 'c', ['a', 'b']), chapter('zh-cn', 'c', ['a', 'x'])],
      'content/zh-cn/c.mdx: checklist item ids differ from content/en/c.mdx (missing "b"; not in en: "x")',
    ],
    ['ids in another order', [chapter('en', 'c', ['a', 'b']), chapter('zh-cn', 'c', ['b', 'a'])], 'same ids in a different order'],
    [
      'a repeated item id',
      [chapter('en', 'c', ['a', 'a']), chapter('zh-cn', 'c', ['a', 'a'])],
      'content/en/c.mdx:9: checklist item id "a" repeats (first used on line 8)',
    ],
    [
      'a repeated chapter id',
      [chapter('en', 'c', []), chapter('zh-cn', 'c', []), chapter('en', 'c', [], { file: 'content/en/copy.mdx', slug: 'copy' })],
      'content/en/copy.mdx: chapter id "c" is already used by content/en/c.mdx',
    ],
    [
      'a different slug',
      [chapter('en', 'c', []), chapter('zh-cn', 'c', [], { slug: 'other', file: 'content/zh-cn/other.mdx' })],
      'is named "other" here but "c"',
    ],
    ['an unknown locale folder', [chapter('en', 'c', []), chapter('zh-cn', 'c', []), chapter('fr', 'c', [])], '"fr" is not one of the course\'s locales'],
  ])('reports %s, naming the file', (_name, sources, expected) => {
    expect(problemsOf(sources)).toContainEqual(expect.stringContaining(expected));
  });

  it('reports chapters missing from the learning path, and path entries that name no chapter, with the line', () => {
    const sources = [chapter('en', 'a', []), chapter('zh-cn', 'a', []), chapter('en', 'b', []), chapter('zh-cn', 'b', [])];
    const problems = problemsOf(sources, { order: ['a', 'ghost'], file: 'content/course.json', lines: { a: 7, ghost: 8 } });
    expect(problems).toEqual([
      'content/en/b.mdx: chapter "b" is not in the learning path; add "b" to "path" in content/course.json',
      'content/course.json:8: the learning path lists "ghost", but no chapter has that id; fix the id or add the chapter (npm run new:chapter -- ghost)',
    ]);
  });

  it('checks glossary terms and chapter links', () => {
    const withLinks = (locale: string) =>
      chapter(locale, 'c', [], {
        source: '---\nid: c\n---\n\nSee <Term id="wsgi">WSGI</Term>, <Term id="nope">x</Term> and <ChapterLink to="missing">there</ChapterLink>.\n',
      });
    const problems: string[] = [];
    try {
      buildCourse([withLinks('en'), withLinks('zh-cn')], LOCALES, { glossary: new Set(['wsgi']) });
    } catch (error) {
      if (error instanceof ContentError) problems.push(...error.problems.map((p) => `${p.file}:${p.line}: ${p.message}`));
    }
    expect(problems).toContain('content/en/c.mdx:5: <Term id="nope"> names no glossary entry; add it to a file in glossary/ or fix the id');
    expect(problems).toContain('content/zh-cn/c.mdx:5: <ChapterLink to="missing"> names no chapter; use a chapter id');
    expect(problems.some((p) => p.includes('"wsgi"'))).toBe(false);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf([chapter('en', 'one', ['a']), chapter('en', 'two', ['b', 'b']), chapter('zh-cn', 'two', ['b', 'b'])]);
    expect(problems.length).toBe(3);
  });

  it('puts all problems in the error message', () => {
    expect(() => buildCourse([chapter('en', 'solo', [])], LOCALES)).toThrow(/1 content problem:\n {2}content\/en\/solo\.mdx: /);
  });
});

describe('neighbours', () => {
  const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  it.each([
    ['a', undefined, 'b'],
    ['b', 'a', 'c'],
    ['c', 'b', undefined],
  ])('%s sits between %s and %s', (id, prev, next) => {
    const n = neighbours(list, id);
    expect(n.prev?.id).toBe(prev);
    expect(n.next?.id).toBe(next);
  });
});

describe('renamed and retired items', () => {
  /** A chapter whose frontmatter declares renames and retired items, as YAML and as parsed data. */
  function declaring(locale: string, id: string, items: string[], renamed?: Record<string, string>, retired?: Record<string, string>): ChapterSource {
    const base = chapter(locale, id, items);
    const yaml = [
      renamed
        ? `renamed:\n${Object.entries(renamed)
            .map(([from, to]) => `  ${from}: ${to}`)
            .join('\n')}`
        : '',
      retired
        ? `retired: { ${Object.entries(retired)
            .map(([ref, text]) => `${ref}: "${text}"`)
            .join(', ')} }`
        : '',
    ].filter(Boolean);
    return {
      ...base,
      meta: { ...base.meta, ...(renamed ? { renamed } : {}), ...(retired ? { retired } : {}) },
      source: base.source.replace(/^---\nid: .*\n/, (head) => `${head}${yaml.map((y) => `${y}\n`).join('')}`),
    };
  }
  const both = (id: string, items: string[], renamed?: Record<string, string>, retired?: Record<string, Record<string, string>>) => [
    declaring('en', id, items, renamed, retired?.en),
    declaring('zh-cn', id, items, renamed, retired?.['zh-cn']),
  ];

  it('records resolved renames on the chapter the ticks now belong to, and retired texts per language', () => {
    const course = buildCourse(
      [
        ...both('intro', ['a', 'b'], { 'old-a': 'a' }, { en: { gone: 'A removed item' }, 'zh-cn': { gone: '已删除的条目' } }),
        ...both('deploy', ['x'], { 'intro/moved': 'x', 'first-x': 'second-x', 'second-x': 'x' }),
      ],
      LOCALES,
    );
    const intro = course.find((c) => c.id === 'intro');
    const deploy = course.find((c) => c.id === 'deploy');
    expect(intro!.renamedFrom).toEqual({ 'intro/old-a': 'a' });
    expect(deploy!.renamedFrom).toEqual({ 'intro/moved': 'x', 'deploy/first-x': 'x', 'deploy/second-x': 'x' });
    expect(intro!.text.en!.retired).toEqual({ 'intro/gone': 'A removed item' });
    expect(intro!.text['zh-cn']!.retired).toEqual({ 'intro/gone': '已删除的条目' });
    expect(deploy!.text.en!.retired).toEqual({});
  });

  it.each([
    [
      'a rename to no item',
      both('c', ['a', 'b'], { 'old-a': 'a', old: 'nope' }),
      'content/en/c.mdx:5: renamed: "old" → "nope", but chapter "c" has no item "nope"; use the id of one of its current items',
    ],
    ['an old id still in use', both('c', ['a', 'b'], { b: 'a' }), 'content/en/c.mdx:4: renamed: "b" is still an item of chapter "c"'],
    ['a cycle', both('c', ['a'], { p: 'q', q: 'p' }), 'content/en/c.mdx:4: renamed: "c/p" → "c/q" → "c/p" is a cycle'],
    [
      'renames that differ between languages',
      [declaring('en', 'c', ['a'], { old: 'a' }), declaring('zh-cn', 'c', ['a'], { older: 'a' })],
      'content/zh-cn/c.mdx:3: renamed differs from content/en/c.mdx (missing "c/old → a"; not in en: "c/older → a")',
    ],
    [
      'renames in one language only',
      [declaring('en', 'c', ['a'], { old: 'a' }), declaring('zh-cn', 'c', ['a'])],
      'content/zh-cn/c.mdx:1: renamed differs from content/en/c.mdx (missing "c/old → a")',
    ],
    [
      'retired ids that differ between languages',
      [declaring('en', 'c', ['a'], undefined, { gone: 'Gone' }), declaring('zh-cn', 'c', ['a'], undefined, { went: '没了' })],
      'content/zh-cn/c.mdx:3: retired names other ids than content/en/c.mdx (missing "c/gone"; not in en: "c/went")',
    ],
    [
      'a retired id that is still an item',
      both('c', ['a'], undefined, { en: { a: 'A' }, 'zh-cn': { a: '甲' } }),
      'content/en/c.mdx:3: retired: "a" is still an item of the course',
    ],
    [
      'a retired id that is renamed',
      both('c', ['a'], { old: 'a' }, { en: { old: 'Old' }, 'zh-cn': { old: '旧' } }),
      'content/en/c.mdx:5: retired: "old" is renamed to "c/a", so its ticks are not retired',
    ],
  ])('reports %s with file and line', (_name, sources, expected) => {
    expect(problemsOf(sources)).toContainEqual(expect.stringContaining(expected));
  });
});
