import { describe, expect, it } from 'vitest';
import { buildCourse, ContentError, neighbours, type ChapterSource, type LearningPath } from '../../../src/lib/course-model';

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
    ['a repeated item id', [chapter('en', 'c', ['a', 'a']), chapter('zh-cn', 'c', ['a', 'a'])], 'content/en/c.mdx:9: checklist item id "a" repeats (first used on line 8)'],
    [
      'a repeated chapter id',
      [chapter('en', 'c', []), chapter('zh-cn', 'c', []), chapter('en', 'c', [], { file: 'content/en/copy.mdx', slug: 'copy' })],
      'content/en/copy.mdx: chapter id "c" is already used by content/en/c.mdx',
    ],
    ['a different slug', [chapter('en', 'c', []), chapter('zh-cn', 'c', [], { slug: 'other', file: 'content/zh-cn/other.mdx' })], 'is named "other" here but "c"'],
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
      chapter(locale, 'c', [], { source: '---\nid: c\n---\n\nSee <Term id="wsgi">WSGI</Term>, <Term id="nope">x</Term> and <ChapterLink to="missing">there</ChapterLink>.\n' });
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
