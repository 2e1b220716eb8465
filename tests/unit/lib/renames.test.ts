import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE_IDS, ownMarks, prototypesClean, recordJson, type RawMark } from '../hostile-ids';
import { emptyProgress, mergeProgress, setMark, type ProgressDoc } from '../../../src/lib/progress';
import { applyRenames, qualify, resolveRenames, type DeclaredRenames } from '../../../src/lib/renames';

const T1 = new Date('2026-11-01T10:00:00Z');
const T2 = new Date('2026-11-02T10:00:00Z');
const T3 = new Date('2026-11-03T10:00:00Z');

function doc(marks: [string, string, boolean, Date][]): ProgressDoc {
  return marks.reduce((d, [c, i, done, at]) => setMark(d, c, i, done, at), emptyProgress('course'));
}

const current = new Set(['intro/a', 'intro/b', 'deploy/x', 'deploy/y']);

function resolve(declared: DeclaredRenames[]) {
  return resolveRenames(declared, current);
}

describe('qualify', () => {
  it.each([
    ['intro', 'old', 'intro/old'],
    ['intro', 'gone/old', 'gone/old'],
  ])('in chapter %s, %s is %s', (chapter, ref, key) => expect(qualify(chapter, ref)).toBe(key));
});

describe('resolveRenames', () => {
  it('maps old ids of a chapter, and of other chapters, to current items', () => {
    const { renames, problems } = resolve([
      { chapter: 'intro', renamed: { 'read-me': 'a' } },
      { chapter: 'deploy', renamed: { 'intro/ship-it': 'x', 'old-chapter/push': 'y' } },
    ]);
    expect(problems).toEqual([]);
    expect(renames).toEqual({ 'intro/read-me': 'intro/a', 'intro/ship-it': 'deploy/x', 'old-chapter/push': 'deploy/y' });
  });

  it('follows chains to their end, also across chapters', () => {
    const { renames, problems } = resolve([
      { chapter: 'intro', renamed: { first: 'second', second: 'third' } },
      // "intro/third" later moved to deploy as "x".
      { chapter: 'deploy', renamed: { 'intro/third': 'x' } },
    ]);
    expect(problems).toEqual([]);
    expect(renames).toEqual({ 'intro/first': 'deploy/x', 'intro/second': 'deploy/x', 'intro/third': 'deploy/x' });
  });

  it.each([
    ['a target that is no item', [{ chapter: 'intro', renamed: { old: 'nope' } }], 'old', 'renamed: "old" → "nope", but chapter "intro" has no item "nope"'],
    ['an old id that is still an item', [{ chapter: 'intro', renamed: { b: 'a' } }], 'b', 'renamed: "b" is still an item of chapter "intro"'],
    ['a moved id still in its chapter', [{ chapter: 'intro', renamed: { 'deploy/x': 'a' } }], 'deploy/x', 'is still an item of chapter "deploy"'],
    ['a chain that ends on no item', [{ chapter: 'intro', renamed: { p: 'q', q: 'r' } }], 'p', 'renamed: "p" leads to "intro/r", which is not a current item'],
    [
      'the same old id renamed twice',
      [
        { chapter: 'intro', renamed: { old: 'a' } },
        { chapter: 'deploy', renamed: { 'intro/old': 'x' } },
      ],
      'intro/old',
      'renamed: "intro/old" is already renamed in chapter "intro"',
    ],
  ] as [string, DeclaredRenames[], string, string][])('reports %s', (_name, declared, entry, message) => {
    const { problems } = resolve(declared);
    expect(problems).toContainEqual(expect.objectContaining({ entry, message: expect.stringContaining(message) }));
  });

  it('reports a cycle and keeps it out of the renames', () => {
    const { renames, problems } = resolve([{ chapter: 'intro', renamed: { p: 'q', q: 'p' } }]);
    expect(renames).toEqual({});
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('"intro/p" → "intro/q" → "intro/p" is a cycle'));
  });

  it('reports a rename to itself as a cycle', () => {
    const { problems } = resolve([{ chapter: 'intro', renamed: { gone: 'gone' } }]);
    expect(problems[0]!.message).toContain('is a cycle');
  });
});

describe('applyRenames', () => {
  const renames = { 'intro/old-a': 'intro/a', 'intro/older-a': 'intro/a', 'gone/z': 'deploy/x' };

  it('moves a tick under an old id to the new id', () => {
    const after = applyRenames(doc([['intro', 'old-a', true, T1]]), renames);
    expect(after.chapters).toEqual({ intro: { a: { done: true, at: T1.toISOString() } } });
  });

  it('moves ticks of a removed chapter and drops the emptied chapter', () => {
    const after = applyRenames(doc([['gone', 'z', true, T1]]), renames);
    expect(after.chapters).toEqual({ deploy: { x: { done: true, at: T1.toISOString() } } });
  });

  it.each([
    [
      'the later old mark wins over an earlier new one',
      [
        ['intro', 'old-a', true, T2],
        ['intro', 'a', false, T1],
      ],
      { done: true, at: T2 },
    ],
    [
      'the later new mark wins over an earlier old one',
      [
        ['intro', 'old-a', true, T1],
        ['intro', 'a', false, T2],
      ],
      { done: false, at: T2 },
    ],
    [
      'on equal times the mark under the new id stays',
      [
        ['intro', 'old-a', true, T1],
        ['intro', 'a', false, T1],
      ],
      { done: false, at: T1 },
    ],
    [
      'of two old ids the later one wins',
      [
        ['intro', 'older-a', false, T3],
        ['intro', 'old-a', true, T2],
      ],
      { done: false, at: T3 },
    ],
    [
      'of two old ids at one time the first by key wins, however the record is ordered',
      [
        ['intro', 'older-a', false, T2],
        ['intro', 'old-a', true, T2],
      ],
      { done: true, at: T2 },
    ],
  ] as const)('resolves conflicts by time: %s', (_name, marks, expected) => {
    const after = applyRenames(doc(marks as unknown as [string, string, boolean, Date][]), renames);
    expect(after.chapters.intro).toEqual({ a: { done: expected.done, at: expected.at.toISOString() } });
  });

  it('gives the same result as merging the renamed marks into the record', () => {
    const before = doc([
      ['intro', 'old-a', true, T2],
      ['intro', 'a', false, T1],
      ['intro', 'b', true, T1],
    ]);
    const moved = doc([['intro', 'a', true, T2]]);
    const withoutOld = { ...before, chapters: { intro: { a: before.chapters.intro!.a!, b: before.chapters.intro!.b! } } };
    expect(applyRenames(before, renames)).toEqual(mergeProgress(withoutOld, moved));
  });

  it('is idempotent: applying twice equals applying once', () => {
    const before = doc([
      ['intro', 'old-a', true, T1],
      ['intro', 'older-a', false, T2],
      ['gone', 'z', true, T3],
      ['deploy', 'y', true, T1],
    ]);
    const once = applyRenames(before, renames);
    expect(applyRenames(once, renames)).toBe(once);
    expect(applyRenames(once, renames)).toEqual(once);
  });

  it('leaves a record without old ids as it is, and never changes its input', () => {
    const before = doc([
      ['intro', 'a', true, T1],
      ['retired-chapter', 'q', true, T1],
    ]);
    const copy = structuredClone(before);
    expect(applyRenames(before, renames)).toBe(before);
    applyRenames(doc([['intro', 'old-a', true, T1]]), renames);
    expect(before).toEqual(copy);
  });

  it('keeps marks of removed items that were not renamed', () => {
    const after = applyRenames(
      doc([
        ['intro', 'old-a', true, T1],
        ['intro', 'removed', true, T2],
      ]),
      renames,
    );
    expect(after.chapters.intro!.removed).toEqual({ done: true, at: T2.toISOString() });
  });
});

describe.each(HOSTILE_IDS)('applyRenames on a record with the outside id "%s"', (id) => {
  const T = '2026-11-20T08:00:00.000Z';
  const outside = (marks: RawMark[]) => JSON.parse(recordJson('course', marks)) as ProgressDoc;
  const renames = JSON.parse('{"intro/old":"intro/a"}') as Record<string, string>;

  afterEach(() => expect(prototypesClean()).toBe(true));

  it('keeps every mark under it, as a chapter and as an item id, when nothing is renamed', () => {
    const d = outside([
      [id, 'prototype', true, T],
      [id, id, false, T],
      ['intro', id, true, T],
    ]);
    expect(ownMarks(applyRenames(d, renames).chapters)).toEqual(ownMarks(d.chapters));
  });

  it('keeps every mark under it when another mark moves', () => {
    const d = outside([
      [id, 'prototype', true, T],
      [id, id, false, T],
      ['intro', id, true, T],
      ['intro', 'old', true, T],
    ]);
    const expected = outside([
      [id, 'prototype', true, T],
      [id, id, false, T],
      ['intro', id, true, T],
      ['intro', 'a', true, T],
    ]);
    expect(ownMarks(applyRenames(d, renames).chapters)).toEqual(ownMarks(expected.chapters));
  });

  it('moves a mark under an old id of that name, and into a chapter of that name', () => {
    const named = JSON.parse(JSON.stringify({ [`intro/${id}`]: 'intro/a', 'gone/x': `${id}/${id}` })) as Record<string, string>;
    const d = outside([
      ['intro', id, true, T],
      ['gone', 'x', true, T],
    ]);
    expect(ownMarks(applyRenames(d, named).chapters)).toEqual(
      ownMarks(
        outside([
          ['intro', 'a', true, T],
          [id, id, true, T],
        ]).chapters,
      ),
    );
  });
});
