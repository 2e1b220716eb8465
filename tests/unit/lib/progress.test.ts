import { describe, expect, it } from 'vitest';
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
    ['first chapter done', doc([['intro', 'a', true, T1], ['intro', 'b', true, T1], ['intro', 'c', true, T1]]), 'deploy'],
    ['later chapter done only', doc([['deploy', 'x', true, T1], ['deploy', 'y', true, T1]]), 'intro'],
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
  ] as [string, [string, string, boolean, Date][], [string, string, boolean, Date][], boolean][])(
    '%s',
    (_name, mine, theirs, expected) => {
      expect(isDone(mergeProgress(doc(mine), doc(theirs)), 'intro', 'a')).toBe(expected);
    },
  );

  it('keeps the current course id', () => {
    expect(mergeProgress(emptyProgress('course'), emptyProgress('course')).courseId).toBe('course');
  });
});

describe('diffProgress', () => {
  it('lists items that change state, not items that stay', () => {
    const before = doc([['intro', 'a', true, T1], ['intro', 'b', true, T1]]);
    const after = doc([['intro', 'a', true, T1], ['intro', 'b', false, T2], ['deploy', 'x', true, T2]]);
    expect(diffProgress(before, after)).toEqual({
      ticked: [{ chapter: 'deploy', item: 'x' }],
      unticked: [{ chapter: 'intro', item: 'b' }],
    });
  });
});
