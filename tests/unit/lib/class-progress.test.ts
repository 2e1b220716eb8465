import { afterEach, describe, expect, it } from 'vitest';
import { fileJson, HOSTILE_IDS, passesIdRule, prototypesClean, recordJson } from '../hostile-ids';
import en from '../../../src/i18n/en.json';
import zhCn from '../../../src/i18n/zh-cn.json';
import {
  aggregateClass,
  csvCell,
  learnerKey,
  sortRows,
  supersedes,
  toCsv,
  UTF8_BOM,
  type CourseShape,
  type CsvLabels,
  type InputFile,
  type LearnerRow,
} from '../../../src/lib/class-progress';
import { emptyProgress, setMark, type ProgressDoc } from '../../../src/lib/progress';
import { MAX_IMPORT_BYTES, toProgressFile } from '../../../src/lib/progress-codec';

const COURSE: CourseShape = {
  courseId: 'demo-course',
  chapters: [
    { id: 'intro', items: ['a', 'b'] },
    { id: 'deploy', items: ['c', 'd', 'e'] },
  ],
};

type Tick = [chapter: string, item: string, at: string, done?: boolean];

function doc(ticks: Tick[], courseId = COURSE.courseId): ProgressDoc {
  let d = emptyProgress(courseId);
  for (const [chapter, item, at, done = true] of ticks) d = setMark(d, chapter, item, done, new Date(at));
  return d;
}

function file(name: string, ticks: Tick[], opts: { learner?: string; exportedAt?: string; courseId?: string } = {}): InputFile {
  const text = JSON.stringify(toProgressFile(doc(ticks, opts.courseId), new Date(opts.exportedAt ?? '2026-11-21T10:00:00Z'), opts.learner));
  return { name, size: text.length, text };
}

const raw = (name: string, text: string): InputFile => ({ name, size: text.length, text });

describe('aggregateClass', () => {
  it('makes one row per learner with per-chapter and course tallies', () => {
    const result = aggregateClass(
      [
        file(
          'ann.json',
          [
            ['intro', 'a', '2026-11-20T08:00:00Z'],
            ['deploy', 'c', '2026-11-20T09:00:00Z'],
          ],
          { learner: 'Ann' },
        ),
        file(
          'bo.json',
          [
            ['intro', 'a', '2026-11-19T08:00:00Z'],
            ['intro', 'b', '2026-11-19T08:30:00Z'],
          ],
          { learner: 'Bo' },
        ),
      ],
      COURSE,
    );
    expect(result.problems).toEqual([]);
    expect(result.files).toBe(2);
    expect(result.rows.map((r) => [r.label, r.chapters, r.total, r.lastActivity])).toEqual([
      [
        'Ann',
        [
          { done: 1, total: 2 },
          { done: 1, total: 3 },
        ],
        { done: 2, total: 5 },
        '2026-11-20T09:00:00.000Z',
      ],
      [
        'Bo',
        [
          { done: 2, total: 2 },
          { done: 0, total: 3 },
        ],
        { done: 2, total: 5 },
        '2026-11-19T08:30:00.000Z',
      ],
    ]);
  });

  it('counts only items the course has now, and unticked items as not done', () => {
    const [row] = aggregateClass(
      [
        file('x.json', [
          ['intro', 'a', '2026-11-20T08:00:00Z'],
          ['intro', 'gone', '2026-11-20T08:00:00Z'],
          ['old-chapter', 'z', '2026-11-20T08:00:00Z'],
          ['deploy', 'c', '2026-11-20T08:00:00Z', false],
        ]),
      ],
      COURSE,
    ).rows;
    expect(row!.chapters).toEqual([
      { done: 1, total: 2 },
      { done: 0, total: 3 },
    ]);
    expect(row!.total).toEqual({ done: 1, total: 5 });
  });

  it('takes an untick as activity too, and falls back to the export time when nothing is marked', () => {
    const result = aggregateClass(
      [
        file(
          'u.json',
          [
            ['intro', 'a', '2026-11-18T08:00:00Z'],
            ['intro', 'b', '2026-11-20T12:00:00Z', false],
          ],
          { learner: 'U' },
        ),
        file('empty.json', [], { learner: 'E', exportedAt: '2026-11-21T07:00:00Z' }),
      ],
      COURSE,
    );
    expect(result.rows.map((r) => r.lastActivity)).toEqual(['2026-11-20T12:00:00.000Z', '2026-11-21T07:00:00.000Z']);
  });

  it('has no last activity when the file holds no marks and no export time', () => {
    const text = JSON.stringify({ format: 'waymark-progress', version: 1, courseId: COURSE.courseId, chapters: {} });
    const [row] = aggregateClass([raw('bare.json', text)], COURSE).rows;
    expect(row).not.toHaveProperty('lastActivity');
  });

  it('labels a file without a learner name by its file name', () => {
    const [row] = aggregateClass([file('deploying-progress-2026-11-21.json', [])], COURSE).rows;
    expect(row).toMatchObject({ label: 'deploying-progress-2026-11-21.json', file: 'deploying-progress-2026-11-21.json' });
    expect(row).not.toHaveProperty('learner');
  });

  describe('renamed and retired items, read by the same rules as everywhere else', () => {
    /** `intro/old-b` became `intro/b`; `gone/moved` moved to `deploy/c`; `intro/removed` was retired. */
    const RENAMED: CourseShape = { ...COURSE, renames: { 'intro/old-b': 'intro/b', 'gone/moved': 'deploy/c' } };

    it('counts a tick under an old id for the item it became, in its chapter', () => {
      const [row] = aggregateClass(
        [
          file('r.json', [
            ['intro', 'old-b', '2026-11-20T08:00:00Z'],
            ['gone', 'moved', '2026-11-20T08:00:00Z'],
          ]),
        ],
        RENAMED,
      ).rows;
      expect(row!.chapters).toEqual([
        { done: 1, total: 2 },
        { done: 1, total: 3 },
      ]);
      expect(row!.total).toEqual({ done: 2, total: 5 });
    });

    it('lets the later change win when a file has marks under both the old and the new id', () => {
      const [row] = aggregateClass(
        [
          file('r.json', [
            ['intro', 'old-b', '2026-11-20T08:00:00Z'],
            ['intro', 'b', '2026-11-21T08:00:00Z', false],
          ]),
        ],
        RENAMED,
      ).rows;
      expect(row!.chapters[0]).toEqual({ done: 0, total: 2 });
    });

    it('takes an export made before a rename for an older export of the same learner, not a clash', () => {
      const before = file('ann-monday.json', [['intro', 'old-b', '2026-11-16T08:00:00Z']], { learner: 'Ann', exportedAt: '2026-11-16T09:00:00Z' });
      // The learner's browser moved the tick to the new id when it read the record after the rename.
      const after = file(
        'ann-friday.json',
        [
          ['intro', 'b', '2026-11-16T08:00:00Z'],
          ['deploy', 'c', '2026-11-20T08:00:00Z'],
        ],
        { learner: 'Ann', exportedAt: '2026-11-20T09:00:00Z' },
      );
      const result = aggregateClass([before, after], RENAMED);
      expect(result.rows.map((r) => [r.file, r.total.done])).toEqual([['ann-friday.json', 2]]);
      expect(result.problems).toEqual([{ file: 'ann-monday.json', problem: { code: 'older-export', of: 'ann-friday.json', learner: 'Ann' } }]);
      expect(result.clashes).toEqual([]);
    });

    it('counts retired ticks nowhere: not in the tallies and not as the last activity', () => {
      const [row] = aggregateClass(
        [
          file('r.json', [
            ['intro', 'a', '2026-11-18T08:00:00Z'],
            ['intro', 'removed', '2026-11-20T08:00:00Z'],
            ['gone', 'x', '2026-11-21T08:00:00Z'],
          ]),
        ],
        RENAMED,
      ).rows;
      expect(row!.total).toEqual({ done: 1, total: 5 });
      expect(row!.lastActivity).toBe('2026-11-18T08:00:00.000Z');
    });

    it('does not take a retired tick missing from a newer export for a clash', () => {
      const older = file(
        'bo-1.json',
        [
          ['intro', 'a', '2026-11-16T08:00:00Z'],
          ['intro', 'removed', '2026-11-16T08:00:00Z'],
        ],
        { learner: 'Bo', exportedAt: '2026-11-16T09:00:00Z' },
      );
      const newer = file('bo-2.json', [['intro', 'a', '2026-11-16T08:00:00Z']], { learner: 'Bo', exportedAt: '2026-11-20T09:00:00Z' });
      const result = aggregateClass([older, newer], RENAMED);
      expect(result.rows.map((r) => r.file)).toEqual(['bo-2.json']);
      expect(result.clashes).toEqual([]);
    });
  });

  describe('files that cannot be used are reported, never counted', () => {
    const good = file('good.json', [['intro', 'a', '2026-11-20T08:00:00Z']], { learner: 'Good' });
    const cases: [string, InputFile, unknown][] = [
      ['another course', file('rust.json', [], { courseId: 'rust-course' }), { code: 'other-course', courseId: 'rust-course' }],
      ['not JSON', raw('notes.txt', 'buy milk'), { code: 'not-json' }],
      ['truncated', raw('cut.json', good.text!.slice(0, 50)), { code: 'truncated' }],
      ['empty', raw('empty.json', '   '), { code: 'empty' }],
      ['JSON from elsewhere', raw('package.json', '{"name":"x","version":"1.0.0"}'), { code: 'not-progress' }],
      ['a newer format', raw('v9.json', good.text!.replace('"version":1', '"version":9')), { code: 'newer-version', version: 9 }],
      ['damaged', raw('bad.json', good.text!.replace('"done":true', '"done":"yes"')), { code: 'invalid', path: 'chapters.intro.a' }],
      ['too large', { name: 'huge.json', size: MAX_IMPORT_BYTES + 1, text: '' }, { code: 'too-large', bytes: MAX_IMPORT_BYTES + 1, limit: MAX_IMPORT_BYTES }],
      ['unreadable', { name: 'folder', size: 0, text: null }, { code: 'unreadable' }],
    ];
    it.each(cases)('%s', (_name, bad, problem) => {
      const result = aggregateClass([good, bad], COURSE);
      expect(result.rows.map((r) => r.file)).toEqual(['good.json']);
      expect(result.problems).toEqual([{ file: bad.name, problem }]);
      expect(result.files).toBe(2);
    });
  });

  describe('duplicates', () => {
    const older = file('ann-monday.json', [['intro', 'a', '2026-11-16T08:00:00Z']], { learner: 'Ann', exportedAt: '2026-11-16T09:00:00Z' });
    const newer = file(
      'ann-friday.json',
      [
        ['intro', 'a', '2026-11-16T08:00:00Z'],
        ['intro', 'b', '2026-11-20T08:00:00Z'],
      ],
      { learner: 'Ann', exportedAt: '2026-11-20T09:00:00Z' },
    );

    it('reports a byte-identical file as the same file as the first, whatever its name', () => {
      const result = aggregateClass([newer, { ...newer, name: 'copy.json' }, newer], COURSE);
      expect(result.rows.map((r) => r.file)).toEqual(['ann-friday.json']);
      expect(result.problems).toEqual([
        { file: 'copy.json', problem: { code: 'same-file', of: 'ann-friday.json' } },
        { file: 'ann-friday.json', problem: { code: 'same-file', of: 'ann-friday.json' } },
      ]);
    });

    it.each([
      ['older first', [older, newer]],
      ['newer first', [newer, older]],
    ])('keeps the newest export of the same learner (%s)', (_order, files) => {
      const result = aggregateClass(files, COURSE);
      expect(result.rows.map((r) => [r.label, r.file, r.total.done])).toEqual([['Ann', 'ann-friday.json', 2]]);
      expect(result.problems).toEqual([{ file: 'ann-monday.json', problem: { code: 'older-export', of: 'ann-friday.json', learner: 'Ann' } }]);
      expect(result.clashes).toEqual([]);
    });

    it('takes names that differ only in case, width or spacing for the same learner', () => {
      const shouty = file('ANN.json', [['intro', 'a', '2026-11-16T08:00:00Z']], { learner: ' ＡＮＮ ', exportedAt: '2026-11-15T09:00:00Z' });
      const result = aggregateClass([shouty, newer], COURSE);
      expect(result.rows.map((r) => r.file)).toEqual(['ann-friday.json']);
      expect(result.problems[0]).toMatchObject({ file: 'ANN.json', problem: { code: 'older-export' } });
      expect(learnerKey('  Li   Wei ')).toBe(learnerKey('li wei'));
    });

    it('does not merge two learners who typed the same name: both rows stay, labelled by file, and the clash is listed', () => {
      const liA = file('li-a.json', [['intro', 'a', '2026-11-18T08:00:00Z']], { learner: '李伟', exportedAt: '2026-11-19T08:00:00Z' });
      const liB = file('li-b.json', [['deploy', 'c', '2026-11-20T08:00:00Z']], { learner: '李伟', exportedAt: '2026-11-20T09:00:00Z' });
      const result = aggregateClass([liA, liB], COURSE);
      expect(result.rows.map((r) => r.label)).toEqual(['李伟 (li-a.json)', '李伟 (li-b.json)']);
      expect(result.problems).toEqual([]);
      expect(result.clashes).toEqual([{ learner: '李伟', files: ['li-a.json', 'li-b.json'] }]);
    });

    it('treats an older file as superseded only when the newer one has each of its marks at the same time or later', () => {
      const base = doc([['intro', 'a', '2026-11-16T08:00:00Z']]);
      expect(
        supersedes(
          doc([
            ['intro', 'a', '2026-11-16T08:00:00Z'],
            ['intro', 'b', '2026-11-17T08:00:00Z'],
          ]),
          base,
        ),
      ).toBe(true);
      expect(supersedes(doc([['intro', 'a', '2026-11-18T08:00:00Z', false]]), base)).toBe(true);
      expect(supersedes(doc([['intro', 'a', '2026-11-15T08:00:00Z']]), base)).toBe(false);
      expect(supersedes(doc([['intro', 'b', '2026-11-17T08:00:00Z']]), base)).toBe(false);
    });

    it('never merges files without a learner name, even with the same file name; labels stay distinct', () => {
      const one = file('progress.json', [['intro', 'a', '2026-11-16T08:00:00Z']]);
      const two = file('progress.json', [['intro', 'b', '2026-11-17T08:00:00Z']]);
      const result = aggregateClass([one, two], COURSE);
      expect(result.rows.map((r) => r.label)).toEqual(['progress.json', 'progress.json (2)']);
      expect(new Set(result.rows.map((r) => r.key)).size).toBe(2);
    });
  });
});

function row(label: string, chapterDone: number[], lastActivity?: string): LearnerRow {
  const chapters = chapterDone.map((done, i) => ({ done, total: COURSE.chapters[i]!.items.length }));
  const done = chapterDone.reduce((a, b) => a + b, 0);
  return { key: label, label, file: `${label}.json`, chapters, total: { done, total: 5 }, ...(lastActivity ? { lastActivity } : {}) };
}

describe('sortRows', () => {
  const rows = [
    row('bo', [1, 0], '2026-11-19T00:00:00Z'),
    row('Ann', [2, 1], '2026-11-20T00:00:00Z'),
    row('cy', [1, 2]),
    row('Dee', [0, 3], '2026-11-18T00:00:00Z'),
  ];
  const labels = (list: LearnerRow[]) => list.map((r) => r.label);

  it.each([
    [{ by: 'learner' } as const, 'asc', ['Ann', 'bo', 'cy', 'Dee']],
    [{ by: 'learner' } as const, 'desc', ['Dee', 'cy', 'bo', 'Ann']],
    [{ by: 'total' } as const, 'asc', ['bo', 'Ann', 'cy', 'Dee']],
    [{ by: 'total' } as const, 'desc', ['Ann', 'cy', 'Dee', 'bo']],
    [{ by: 'chapter', index: 0 } as const, 'asc', ['Dee', 'bo', 'cy', 'Ann']],
    [{ by: 'chapter', index: 1 } as const, 'desc', ['Dee', 'cy', 'Ann', 'bo']],
    [{ by: 'last' } as const, 'asc', ['Dee', 'bo', 'Ann', 'cy']],
    [{ by: 'last' } as const, 'desc', ['Ann', 'bo', 'Dee', 'cy']],
  ] as const)('%j %s', (column, direction, expected) => {
    expect(labels(sortRows(rows, column, direction, 'en'))).toEqual(expected);
  });

  it('keeps equal rows in their previous order in both directions', () => {
    const tied = [row('z', [1, 1]), row('y', [1, 1]), row('x', [1, 1])];
    expect(labels(sortRows(tied, { by: 'total' }, 'asc', 'en'))).toEqual(['z', 'y', 'x']);
    expect(labels(sortRows(tied, { by: 'total' }, 'desc', 'en'))).toEqual(['z', 'y', 'x']);
  });

  it('does not change its input', () => {
    const copy = [...rows];
    sortRows(rows, { by: 'learner' }, 'desc', 'en');
    expect(rows).toEqual(copy);
  });

  it('orders Chinese names by pinyin on the Chinese page, and numbers in names by value', () => {
    const names = ['张伟', '李娜', '王芳', '陈静'].map((n) => row(n, [0, 0]));
    expect(labels(sortRows(names, { by: 'learner' }, 'asc', 'zh-CN'))).toEqual(['陈静', '李娜', '王芳', '张伟']);
    const numbered = ['learner 10', 'learner 9', 'learner 1'].map((n) => row(n, [0, 0]));
    expect(labels(sortRows(numbered, { by: 'learner' }, 'asc', 'en'))).toEqual(['learner 1', 'learner 9', 'learner 10']);
  });
});

describe('CSV', () => {
  const labelsFor = (strings: Record<string, string>): CsvLabels => ({
    learner: strings['dashboard.learner']!,
    file: strings['dashboard.file']!,
    ofTotal: strings['dashboard.csvOfTotal']!,
    total: strings['dashboard.total']!,
    lastActivity: strings['dashboard.lastActivity']!,
    chapterTitles: ['Intro', 'Deploy'],
  });
  const rows = [row('Ann', [2, 1], '2026-11-20T08:00:00.000Z'), row('cy', [0, 0])];

  it('starts with a byte order mark, ends lines with CRLF and has a header row and one line per learner', () => {
    const csv = toCsv(rows, COURSE, labelsFor(en));
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Learner,File,Intro (of 2),Deploy (of 3),Total (of 5),Last activity',
      'Ann,Ann.json,2,1,3,2026-11-20T08:00:00.000Z',
      'cy,cy.json,0,0,0,',
      '',
    ]);
  });

  it('writes the header in the page language', () => {
    const header = toCsv([], COURSE, labelsFor(zhCn)).slice(1).split('\r\n')[0];
    expect(header).toBe(
      `${zhCn['dashboard.learner']},${zhCn['dashboard.file']},Intro（共 2 项）,Deploy（共 3 项）,${zhCn['dashboard.total']}（共 5 项）,${zhCn['dashboard.lastActivity']}`,
    );
  });

  it.each([
    ['plain', 'Ann', 'Ann'],
    ['Chinese', '李伟', '李伟'],
    ['a comma', 'Lee, Ann', '"Lee, Ann"'],
    ['quotes', 'Ann "the ace"', '"Ann ""the ace"""'],
    ['a line break', 'Ann\nBo', '"Ann\nBo"'],
    ['a formula', '=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['a plus', '+1 555', "'+1 555"],
    ['a minus', '-2+3', "'-2+3"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\tx', "'\tx"],
    ['a leading carriage return', '\rx', `"'\rx"`],
  ])('quotes and defuses a cell with %s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves numbers alone', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0)).toBe('0');
  });

  it('defuses a learner name inside a whole file', () => {
    const csv = toCsv([row('=cmd|calc', [0, 0])], COURSE, labelsFor(en));
    expect(csv).toContain("\r\n'=cmd|calc,");
  });
});

describe.each(HOSTILE_IDS)('class files with the outside id "%s"', (id) => {
  const T = '2026-11-18T08:00:00.000Z';
  const LATER = '2026-11-20T08:00:00.000Z';
  const hostile = (name: string, learner?: string) =>
    raw(
      name,
      fileJson(
        COURSE.courseId,
        [
          [id, 'prototype', true, LATER],
          [id, id, true, LATER],
          ['intro', id, true, LATER],
          ['intro', 'a', true, T],
        ],
        { learner },
      ),
    );

  afterEach(() => expect(prototypesClean()).toBe(true));

  it(passesIdRule(id) ? 'counts only the course’s items; marks under it are retired' : 'is refused as damaged, naming where', () => {
    const result = aggregateClass([hostile('h.json')], COURSE);
    if (!passesIdRule(id)) {
      expect(result.rows).toEqual([]);
      expect(result.problems).toEqual([{ file: 'h.json', problem: { code: 'invalid', path: `chapters.${id}` } }]);
      return;
    }
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.chapters, r.total, r.lastActivity])).toEqual([
      [
        [
          { done: 1, total: 2 },
          { done: 0, total: 3 },
        ],
        { done: 1, total: 5 },
        T,
      ],
    ]);
  });

  it('tells an older export from a clash by every mark, marks under it included', () => {
    const outside = (marks: Parameters<typeof recordJson>[1]) => JSON.parse(recordJson(COURSE.courseId, marks)) as ProgressDoc;
    const older = outside([
      [id, 'prototype', true, T],
      ['intro', id, true, T],
    ]);
    expect(supersedes(outside([['intro', 'a', true, T]]), older)).toBe(false);
    expect(supersedes(outside([['intro', id, true, T]]), older)).toBe(false);
    expect(
      supersedes(
        outside([
          [id, 'prototype', true, LATER],
          ['intro', id, true, T],
        ]),
        older,
      ),
    ).toBe(true);
  });

  it('counts a course chapter and item of that name like any other', () => {
    const course: CourseShape = { courseId: COURSE.courseId, chapters: [{ id, items: [id, 'x'] }] };
    const ticked = raw('t.json', fileJson(COURSE.courseId, [[id, id, true, T]]));
    const none = raw('n.json', fileJson(COURSE.courseId, [['intro', 'a', true, T]]));
    const result = aggregateClass([ticked, none], course);
    expect(result.rows.map((r) => r.total)).toEqual(
      passesIdRule(id)
        ? [
            { done: 1, total: 2 },
            { done: 0, total: 2 },
          ]
        : [{ done: 0, total: 2 }],
    );
  });
});
