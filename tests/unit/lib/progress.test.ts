import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE_IDS, ownMarks, prototypesClean, recordJson, type RawMark } from '../hostile-ids';
import {
  countTicked,
  diffProgress,
  emptyProgress,
  firstUnfinished,
  isDone,
  mergeProgress,
  setMark,
  tallyChapter,
  tallyCourse,
  type ProgressDoc,
} from '../../../src/lib/progress';

const T1 = new Date('2026-11-01T10:00:00Z');
const T2 = new Date('2026-11-02T10:00:00Z');
const chapters = [
  { id: 'intro', items: ['a', 'b', 'c'] },
  { id: 'deploy', items: ['x', 'y'] },
];

function doc(marks: [string, string, boolean, Date][]): ProgressDoc {
  return marks.reduce((d, [c, i, done, at]) => setMark(d, c, i, done, at), emptyProgress('course'));
}

describe('setMark', () => {
  it('returns a new record and leaves the old one alone', () => {
    const before = emptyProgress('course');
    const after = setMark(before, 'intro', 'a', true, T1);
    expect(isDone(after, 'intro', 'a')).toBe(true);
    expect(isDone(before, 'intro', 'a')).toBe(false);
    expect(after.chapters.intro!.a).toEqual({ done: true, at: T1.toISOString() });
  });

  it('keeps an untick as a dated mark instead of deleting it', () => {
    const d = setMark(setMark(emptyProgress('course'), 'intro', 'a', true, T1), 'intro', 'a', false, T2);
    expect(d.chapters.intro!.a).toEqual({ done: false, at: T2.toISOString() });
  });
});

describe('tallies', () => {
  const d = doc([
    ['intro', 'a', true, T1],
    ['intro', 'b', true, T1],
    ['intro', 'gone', true, T1],
    ['deploy', 'x', false, T1],
  ]);

  it('counts only items the chapter still has', () => {
    expect(tallyChapter(d, chapters[0]!)).toEqual({ done: 2, total: 3 });
  });

  it('adds up the course', () => {
    expect(tallyCourse(d, chapters)).toEqual({ done: 2, total: 5 });
  });

  it('counts every ticked mark for a reset question', () => {
    expect(countTicked(d)).toBe(3);
  });
});

describe('firstUnfinished', () => {
  it.each([
    ['nothing ticked', doc([]), 'intro'],
    [
      'first chapter done',
      doc([
        ['intro', 'a', true, T1],
        ['intro', 'b', true, T1],
        ['intro', 'c', true, T1],
      ]),
      'deploy',
    ],
    [
      'later chapter done only',
      doc([
        ['deploy', 'x', true, T1],
        ['deploy', 'y', true, T1],
      ]),
      'intro',
    ],
  ])('%s', (_name, d, expected) => {
    expect(firstUnfinished(d, chapters)?.id).toBe(expected);
  });

  it('is undefined when everything is done', () => {
    const all = doc(chapters.flatMap((c) => c.items.map((i) => [c.id, i, true, T1] as [string, string, boolean, Date])));
    expect(firstUnfinished(all, chapters)).toBeUndefined();
  });
});

describe('mergeProgress', () => {
  it.each([
    ['a tick only in the file is added', [], [['intro', 'a', true, T1]], true],
    ['a later untick in the file wins', [['intro', 'a', true, T1]], [['intro', 'a', false, T2]], false],
    ['an older untick in the file loses', [['intro', 'a', true, T2]], [['intro', 'a', false, T1]], true],
    ['on equal times the current state stays', [['intro', 'a', true, T1]], [['intro', 'a', false, T1]], true],
    ['a tick only here is kept', [['intro', 'a', true, T1]], [], true],
  ] as [string, [string, string, boolean, Date][], [string, string, boolean, Date][], boolean][])('%s', (_name, mine, theirs, expected) => {
    expect(isDone(mergeProgress(doc(mine), doc(theirs)), 'intro', 'a')).toBe(expected);
  });

  it('keeps the current course id', () => {
    expect(mergeProgress(emptyProgress('course'), emptyProgress('course')).courseId).toBe('course');
  });
});

describe('diffProgress', () => {
  it('lists items that change state, not items that stay', () => {
    const before = doc([
      ['intro', 'a', true, T1],
      ['intro', 'b', true, T1],
    ]);
    const after = doc([
      ['intro', 'a', true, T1],
      ['intro', 'b', false, T2],
      ['deploy', 'x', true, T2],
    ]);
    expect(diffProgress(before, after)).toEqual({
      ticked: [{ chapter: 'deploy', item: 'x' }],
      unticked: [{ chapter: 'intro', item: 'b' }],
    });
  });
});

describe.each(HOSTILE_IDS)('an outside chapter or item id "%s"', (id) => {
  const T = '2026-11-20T08:00:00.000Z';
  const LATER = '2026-11-21T08:00:00.000Z';
  /** A record as it arrives from outside, bypassing the codec so that even `__proto__` is a key. */
  const outside = (marks: RawMark[]) => JSON.parse(recordJson('course', marks)) as ProgressDoc;

  afterEach(() => expect(prototypesClean()).toBe(true));

  it('isDone sees only marks made under it, never an inherited property', () => {
    const d = outside([
      [id, 'a', true, T],
      ['intro', id, true, T],
    ]);
    expect(isDone(d, id, 'a')).toBe(true);
    expect(isDone(d, 'intro', id)).toBe(true);
    expect(isDone(d, 'deploy', id)).toBe(false);
    expect(isDone(d, id, 'prototype')).toBe(false);
    expect(isDone(emptyProgress('course'), id, id)).toBe(false);
  });

  it('setMark stores it as a key of its own, next to the rest', () => {
    const d = setMark(setMark(outside([['intro', 'a', true, T]]), id, id, true, new Date(T)), 'intro', id, false, new Date(LATER));
    expect(ownMarks(d.chapters)).toEqual(
      ownMarks(
        outside([
          ['intro', 'a', true, T],
          [id, id, true, T],
          ['intro', id, false, LATER],
        ]).chapters,
      ),
    );
    expect(ownMarks(JSON.parse(JSON.stringify(d)).chapters)).toEqual(ownMarks(d.chapters));
  });

  it('mergeProgress keeps marks under it from both sides, later change winning', () => {
    const mine = outside([
      ['intro', 'a', true, T],
      ['intro', id, true, T],
    ]);
    const theirs = outside([
      [id, 'prototype', true, T],
      [id, id, true, T],
      ['intro', id, false, LATER],
    ]);
    const expected = ownMarks(
      outside([
        ['intro', 'a', true, T],
        ['intro', id, false, LATER],
        [id, 'prototype', true, T],
        [id, id, true, T],
      ]).chapters,
    );
    expect(ownMarks(mergeProgress(mine, theirs).chapters)).toEqual(expected);
    expect(ownMarks(mergeProgress(theirs, mine).chapters)).toEqual(expected);
    expect(ownMarks(mergeProgress(emptyProgress('course'), theirs).chapters)).toEqual(ownMarks(theirs.chapters));
  });

  it('diffProgress and countTicked see every mark under it', () => {
    const before = outside([['intro', id, true, T]]);
    const after = outside([
      ['intro', id, false, LATER],
      [id, 'x', true, T],
      [id, id, true, T],
    ]);
    const byItem = (a: { item: string }, b: { item: string }) => (a.item < b.item ? -1 : 1);
    expect(diffProgress(before, after).ticked.sort(byItem)).toEqual(
      [
        { chapter: id, item: 'x' },
        { chapter: id, item: id },
      ].sort(byItem),
    );
    expect(diffProgress(before, after).unticked).toEqual([{ chapter: 'intro', item: id }]);
    expect(countTicked(after)).toBe(2);
  });
});
