import { describe, expect, it } from 'vitest';
import { fileJson, recordJson, type RawMark } from '../../hostile-ids';
import { intakeFile } from '../../../../src/lib/intake/file';
import { intakeLink } from '../../../../src/lib/intake/link';
import { settle, type IntakeShape } from '../../../../src/lib/intake/pipeline';
import { intakeStored } from '../../../../src/lib/intake/stored';
import { emptyProgress, setMark, type ProgressDoc } from '../../../../src/lib/progress';
import { MAX_IMPORT_BYTES } from '../../../../src/lib/progress-codec';
import { encodeShareLink } from '../../../../src/lib/share-link';

const T = '2026-11-20T08:00:00.000Z';
const COURSE: IntakeShape = {
  courseId: 'demo',
  chapters: [
    { id: 'intro', items: ['a', 'b'] },
    { id: 'deploy', items: ['c', 'new'] },
  ],
  renames: { 'deploy/old': 'deploy/new' },
};

function doc(marks: RawMark[]): ProgressDoc {
  return marks.reduce((d, [chapter, item, done, at]) => setMark(d, chapter, item, done, new Date(at)), emptyProgress(COURSE.courseId));
}

/** Marks under an old id, a current one and a retired one. */
const MARKS: RawMark[] = [
  ['deploy', 'old', true, T],
  ['intro', 'a', true, T],
  ['intro', 'gone', true, T],
];
const SETTLED = doc([
  ['deploy', 'new', true, T],
  ['intro', 'a', true, T],
  ['intro', 'gone', true, T],
]);
const COUNTED = doc([
  ['deploy', 'new', true, T],
  ['intro', 'a', true, T],
]);

describe('every way in settles the record: renamed ids move, retired marks stay for the learner', () => {
  it.each([
    ['a stored value', () => intakeStored(recordJson(COURSE.courseId, MARKS), COURSE)],
    ['an imported file', () => intakeFile({ text: fileJson(COURSE.courseId, MARKS), bytes: 100 }, COURSE)],
  ])('%s', (_name, read) => {
    const result = read();
    expect(result.ok && result.doc).toEqual(SETTLED);
  });

  it('a share link (which only carries current items)', () => {
    const result = intakeLink(encodeShareLink(SETTLED, COURSE), COURSE);
    expect(result.ok && result.doc).toEqual(
      doc([
        ['deploy', 'new', true, T],
        ['intro', 'a', true, T],
      ]),
    );
  });

  it('a file read only to count (the class dashboard) drops retired marks', () => {
    const result = intakeFile({ text: fileJson(COURSE.courseId, MARKS, { learner: 'Ann' }), bytes: 100 }, COURSE, 'drop');
    expect(result).toEqual({ ok: true, doc: COUNTED, learner: 'Ann', exportedAt: '2026-11-21T10:00:00.000Z' });
  });

  it('settling twice is settling once', () => {
    const once = settle(doc(MARKS), COURSE);
    expect(settle(once, COURSE)).toBe(once);
    const counted = (d: ProgressDoc) => intakeFile({ text: JSON.stringify({ format: 'waymark-progress', ...d }), bytes: 100 }, COURSE, 'drop');
    const first = counted(doc(MARKS));
    expect(first.ok && counted(first.doc)).toMatchObject({ ok: true, doc: COUNTED });
  });
});

describe('every way in reports what is wrong as a problem, never a record', () => {
  it.each([
    ['a stored value that is not JSON', () => intakeStored('garbage', COURSE), { code: 'not-json' }],
    ['a stored value of another course', () => intakeStored(recordJson('other', []), COURSE), { code: 'other-course', courseId: 'other' }],
    [
      'a stored value of a newer version',
      () => intakeStored(JSON.stringify({ version: 9, courseId: COURSE.courseId, chapters: {} }), COURSE),
      { code: 'newer-version', version: 9 },
    ],
    ['a file cut short', () => intakeFile({ text: fileJson(COURSE.courseId, MARKS).slice(0, 50), bytes: 50 }, COURSE), { code: 'truncated' }],
    [
      'a file far too large',
      () => intakeFile({ text: '', bytes: MAX_IMPORT_BYTES + 1 }, COURSE),
      { code: 'too-large', bytes: MAX_IMPORT_BYTES + 1, limit: MAX_IMPORT_BYTES },
    ],
    [
      'a stored record (not a file) offered as a file',
      () => intakeFile({ text: recordJson(COURSE.courseId, MARKS), bytes: 100 }, COURSE),
      { code: 'not-progress' },
    ],
    ['a link for other content', () => intakeLink(encodeShareLink(SETTLED, { ...COURSE, chapters: [] }), COURSE), { code: 'other-content' }],
    ['an empty link', () => intakeLink('', COURSE), { code: 'empty' }],
  ])('%s', (_name, read, problem) => {
    expect(read()).toEqual({ ok: false, problem });
  });
});
