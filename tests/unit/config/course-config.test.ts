import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCourseConfig, readCourseConfig } from '../../../src/config/course-config';
import { jsonLine, jsonValueLines } from '../../../src/lib/json-lines';

const FILE = 'content/course.json';

/** A valid config, pretty-printed so every value has its own line. */
function config(patch: Record<string, unknown> = {}): string {
  const base = {
    id: 'demo-course',
    locales: ['en', 'zh-cn'],
    title: { en: 'Demo', 'zh-cn': '演示' },
    description: { en: 'A demo.', 'zh-cn': '一个演示。' },
    path: [{ id: 'start', title: { en: 'Start', 'zh-cn': '开始' }, chapters: ['one', 'two'] }, 'three'],
  };
  return JSON.stringify({ ...base, ...patch }, null, 2);
}

function problems(text: string): string[] {
  const result = parseCourseConfig(text, FILE);
  if (result.ok) return [];
  return result.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
}

/** The 1-based line of the `nth` line containing `needle`. */
function lineOf(text: string, needle: string, nth = 1): number {
  let seen = 0;
  return text.split('\n').findIndex((l) => l.includes(needle) && ++seen === nth) + 1;
}

describe('parseCourseConfig', () => {
  it('reads the course, its languages and a learning path of sections and loose chapters', () => {
    const result = parseCourseConfig(config(), FILE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      id: 'demo-course',
      locales: ['en', 'zh-cn'],
      title: { en: 'Demo', 'zh-cn': '演示' },
      sections: [{ id: 'start', title: { en: 'Start', 'zh-cn': '开始' }, chapters: ['one', 'two'] }, { chapters: ['three'] }],
      order: ['one', 'two', 'three'],
      file: FILE,
    });
    expect(result.config.chapterLines.three).toBe(lineOf(config(), '"three"'));
  });

  it('groups consecutive loose chapters together and keeps a one-language course', () => {
    const text = config({
      locales: ['en'],
      title: { en: 'Demo' },
      description: { en: 'A demo.' },
      path: ['a', 'b', { id: 's', title: { en: 'S' }, chapters: ['c'] }, 'd'],
    });
    const result = parseCourseConfig(text, FILE);
    expect(result.ok && result.config.sections).toEqual([{ chapters: ['a', 'b'] }, { id: 's', title: { en: 'S' }, chapters: ['c'] }, { chapters: ['d'] }]);
    expect(result.ok && result.config.locales).toEqual(['en']);
  });

  it('accepts the shipped course and the fixture course', () => {
    const chapters = readdirSync('content/en').map((f) => f.replace(/\.mdx$/, ''));
    expect([...readCourseConfig('content').order].sort()).toEqual(chapters.sort());
    expect(readCourseConfig('tests/fixtures/small-course')).toMatchObject({ id: 'fixture-course', order: ['first', 'second', 'third'] });
  });

  it.each([
    ['a language the interface lacks', { locales: ['en', 'fr'] }, '"fr"', "not a language Waymark's interface is written in; use one of: en, zh-cn"],
    ['a language listed twice', { locales: ['en', 'en'], title: { en: 'D' }, description: { en: 'D' } }, ['"en"', 2], '"en" is listed twice in locales'],
    ['a title missing a language', { title: { en: 'Demo' } }, '"title"', 'title has no text in zh-cn; add "zh-cn": "…"'],
    [
      'text in a language the course lacks',
      { locales: ['en'], description: { en: 'D' }, title: { en: 'Demo', 'zh-cn': '演示' } },
      '"zh-cn": "演示"',
      'title has text in "zh-cn", which is not in "locales"',
    ],
    ['a chapter listed twice', { path: ['one', 'two', 'one'] }, ['"one"', 2], 'chapter "one" is already in the learning path; list each chapter once'],
    ['an id that is not kebab-case', { path: ['One Two'] }, '"One Two"', '"One Two" is not a chapter id'],
    ['an entry that is neither id nor section', { path: ['one', 42] }, '42', 'each path entry is a chapter id ("databases") or a section'],
    ['a section without chapters', { path: [{ id: 's', title: { en: 'S', 'zh-cn': 'S' } }] }, '"path"', 'section is missing "chapters"'],
    [
      'a section with an unknown field',
      { path: [{ id: 's', title: { en: 'S', 'zh-cn': 'S' }, chapters: ['a'], order: 1 }] },
      '"path"',
      'unknown field "order"; a section has id, title and chapters',
    ],
    [
      'a section id used twice',
      {
        path: [
          { id: 's', title: { en: 'S', 'zh-cn': 'S' }, chapters: ['a'] },
          { id: 's', title: { en: 'T', 'zh-cn': 'T' }, chapters: ['b'] },
        ],
      },
      '"T"',
      'section id "s" is used twice',
    ],
    ['an empty path', { path: [] }, '"path"', 'the learning path is empty'],
    [
      'an unknown top-level field',
      { chapters: ['a'] },
      '{',
      'unknown field "chapters"; a course has id, locales, title, description, path and factReviewMonths',
    ],
    ['a course id with capitals', { id: 'Demo' }, '"id"', 'course id must be kebab-case'],
  ])('reports %s on its line', (_name, patch, near, message) => {
    const text = config(patch);
    const found = problems(text);
    expect(found).toContainEqual(expect.stringContaining(message));
    const line = Number(/^content\/course\.json:(\d+):/.exec(found.find((p) => p.includes(message))!)?.[1]);
    const [needle, nth] = (Array.isArray(near) ? near : [near, 1]) as [string, number];
    // A problem with a whole section points at the section's opening brace, the line after "path".
    const expected = lineOf(text, needle, nth) + (needle === '"path"' && message.includes('section') ? 1 : 0);
    // A section id used twice is reported at that id, two lines above its title.
    expect(line).toBe(needle === '"T"' ? expected - 2 : expected);
  });

  it('reports a missing field by name', () => {
    const text = JSON.stringify({ id: 'demo', locales: ['en'], title: { en: 'D' }, description: { en: 'D' } });
    expect(problems(text)).toEqual(['content/course.json:1: "path" is missing']);
  });

  it('reports a file that is not JSON', () => {
    expect(problems('{ "id": "demo", }')[0]).toMatch(/^content\/course\.json: not valid JSON/);
  });
});

describe('jsonValueLines', () => {
  const text = '{\n  "a": [\n    1,\n    { "b": "x\\"y" }\n  ],\n  "c": {}\n}';
  const lines = jsonValueLines(text);

  it('finds the line each value starts on, through nesting and escaped quotes', () => {
    expect(jsonLine(lines, [])).toBe(1);
    expect(jsonLine(lines, ['a'])).toBe(2);
    expect(jsonLine(lines, ['a', 0])).toBe(3);
    expect(jsonLine(lines, ['a', 1, 'b'])).toBe(4);
    expect(jsonLine(lines, ['c'])).toBe(6);
  });

  it('falls back to the nearest existing ancestor for a missing path', () => {
    expect(jsonLine(lines, ['a', 1, 'missing'])).toBe(4);
    expect(jsonLine(lines, ['nope', 3])).toBe(1);
  });

  it('reads the shipped course file', () => {
    const text = readFileSync('content/course.json', 'utf8');
    expect(jsonLine(jsonValueLines(text), ['path', 1, 'chapters', 0])).toBe(lineOf(text, '"wsgi-servers"'));
  });
});

describe('schemaProblems', () => {
  it('puts each schema problem of a JSON file on its line', async () => {
    const { glossaryFileSchema } = await import('../../../src/config/schema');
    const { schemaProblems } = await import('../../../src/lib/json-lines');
    const text = JSON.stringify(
      [
        { id: 'wsgi', term: { en: 'WSGI', 'zh-cn': 'WSGI' }, definition: { en: 'A protocol.', 'zh-cn': '一种协议。' } },
        { id: 'Bad Id', term: { en: 'X', 'zh-cn': 'X' }, definition: { en: 'Y' } },
      ],
      null,
      2,
    );
    const parsed = glossaryFileSchema.safeParse(JSON.parse(text));
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const problems = schemaProblems('glossary/x.json', text, parsed.error.issues);
    expect(problems).toContainEqual(expect.objectContaining({ line: lineOf(text, '"Bad Id"'), message: expect.stringMatching(/^1\.id: /) }));
    // A missing field is reported where its object starts.
    expect(problems).toContainEqual(
      expect.objectContaining({ line: lineOf(text, '"definition"', 2), message: expect.stringMatching(/^1\.definition\.zh-cn: /) }),
    );
  });
});
