import { describe, expect, it } from 'vitest';
import { emptyProgress, mergeProgress, setMark, tallyChapter, tallyCourse, type ProgressDoc } from '../../../src/lib/progress';
import { applyRenames } from '../../../src/lib/renames';
import { retiredMarks, withoutRetired } from '../../../src/lib/retired';

const T1 = new Date('2026-11-01T10:00:00Z');
const T2 = new Date('2026-11-02T10:00:00Z');
const T3 = new Date('2026-11-03T10:00:00Z');

function doc(marks: [string, string, boolean, Date][]): ProgressDoc {
  return marks.reduce((d, [c, i, done, at]) => setMark(d, c, i, done, at), emptyProgress('course'));
}

describe('retiredMarks', () => {
  const chapters = [
    { id: 'intro', items: ['a', 'b'] },
    { id: 'deploy', items: ['x', 'y'] },
  ];
  const record = doc([
    ['zzz-gone', 'q', true, T1],
    ['deploy', 'removed-later', true, T3],
    ['deploy', 'removed', true, T2],
    ['deploy', 'x', true, T1],
    ['intro', 'unticked-then-removed', false, T2],
    ['intro', 'old', true, T1],
    ['aaa-gone', 'p', true, T2],
  ]);

  it('lists ticks of items the course no longer has, in learning order, removed chapters last', () => {
    expect(retiredMarks(record, chapters)).toEqual([
      { chapter: 'intro', item: 'old', at: T1.toISOString(), chapterExists: true },
      { chapter: 'deploy', item: 'removed', at: T2.toISOString(), chapterExists: true },
      { chapter: 'deploy', item: 'removed-later', at: T3.toISOString(), chapterExists: true },
      { chapter: 'aaa-gone', item: 'p', at: T2.toISOString(), chapterExists: false },
      { chapter: 'zzz-gone', item: 'q', at: T1.toISOString(), chapterExists: false },
    ]);
  });

  it('is empty when every tick belongs to a current item', () => {
    expect(retiredMarks(doc([['intro', 'a', true, T1]]), chapters)).toEqual([]);
  });

  it('does not count in tallies', () => {
    expect(tallyChapter(record, chapters[1]!)).toEqual({ done: 1, total: 2 });
    expect(tallyCourse(record, chapters)).toEqual({ done: 1, total: 4 });
  });

  it('survives ticking, merging and the renames of other items', () => {
    let d = setMark(record, 'intro', 'a', true, T3);
    d = mergeProgress(d, doc([['deploy', 'y', true, T3]]));
    d = applyRenames(d, { 'intro/gone-too': 'intro/b' });
    expect(retiredMarks(d, chapters)).toEqual(retiredMarks(record, chapters));
  });
});

describe('withoutRetired', () => {
  const chapters = [
    { id: 'intro', items: ['a', 'b'] },
    { id: 'deploy', items: ['x', 'y'] },
  ];

  it('keeps the marks of current items, ticked or not, and drops the rest', () => {
    const record = doc([
      ['intro', 'a', true, T1],
      ['intro', 'old', true, T3],
      ['deploy', 'y', false, T2],
      ['gone', 'q', true, T3],
    ]);
    expect(withoutRetired(record, chapters).chapters).toEqual({
      intro: { a: { done: true, at: T1.toISOString() } },
      deploy: { y: { done: false, at: T2.toISOString() } },
    });
  });

  it('leaves the record it is given alone', () => {
    const record = doc([['intro', 'old', true, T1]]);
    expect(withoutRetired(record, chapters).chapters).toEqual({});
    expect(record.chapters).toEqual({ intro: { old: { done: true, at: T1.toISOString() } } });
  });
});
