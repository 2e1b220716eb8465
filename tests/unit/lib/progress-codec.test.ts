import { afterEach, describe, expect, it } from 'vitest';
import { fileJson, HOSTILE_IDS, ownMarks, passesIdRule, prototypesClean, recordJson, type RawMark } from '../hostile-ids';
import { emptyProgress, setMark } from '../../../src/lib/progress';
import {
  decodeStored,
  decodeStoredLearner,
  fileSafeName,
  looksTruncated,
  MAX_IMPORT_BYTES,
  MAX_LEARNER_LENGTH,
  parseProgressFile,
  progressFileName,
  readProgressValue,
  toProgressFile,
  type Migration,
} from '../../../src/lib/progress-codec';

const COURSE = 'deploying-python-web-apps';
const good = setMark(emptyProgress(COURSE), 'platform-as-a-service', 'deploy-app', true, new Date('2026-11-20T08:00:00Z'));
const file = JSON.stringify(toProgressFile(good, new Date('2026-11-21T08:00:00Z')));

describe('decodeStored', () => {
  it('reads back what the store writes', () => {
    expect(decodeStored(JSON.stringify(good), COURSE)).toEqual({ ok: true, doc: good });
  });

  it.each([
    ['garbage', '}{not json', 'not-json'],
    ['an empty string', '', 'empty'],
    ['a JSON number', '42', 'not-progress'],
    ['an array', '[1,2]', 'not-progress'],
    ["another program's object", '{"theme":"dark"}', 'not-progress'],
    ['another course', JSON.stringify({ ...good, courseId: 'other-course' }), 'other-course'],
    ['a newer version', JSON.stringify({ ...good, version: 7 }), 'newer-version'],
    ['a fractional version', JSON.stringify({ ...good, version: 1.5 }), 'invalid'],
    ['chapters as a list', JSON.stringify({ ...good, chapters: [] }), 'invalid'],
    ['a mark without a date', JSON.stringify({ ...good, chapters: { c: { i: { done: true } } } }), 'invalid'],
    ['a mark with a bad date', JSON.stringify({ ...good, chapters: { c: { i: { done: true, at: 'yesterday' } } } }), 'invalid'],
    ['done as a string', JSON.stringify({ ...good, chapters: { c: { i: { done: 'yes', at: '2026-01-01T00:00:00Z' } } } }), 'invalid'],
    ['a strange chapter id', JSON.stringify({ ...good, chapters: { '../x': {} } }), 'invalid'],
    ['cut short', JSON.stringify(good).slice(0, 40), 'truncated'],
  ])('refuses %s', (_name, raw, code) => {
    const result = decodeStored(raw, COURSE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe(code);
  });

  it('names the course a foreign record belongs to', () => {
    const result = decodeStored(JSON.stringify({ ...good, courseId: 'other-course' }), COURSE);
    expect(result).toEqual({ ok: false, problem: { code: 'other-course', courseId: 'other-course' } });
  });

  it('drops fields it does not know', () => {
    const result = decodeStored(JSON.stringify({ ...good, extra: 1 }), COURSE);
    expect(result.ok && 'extra' in result.doc).toBe(false);
  });
});

describe('migrations', () => {
  // The schema is at version 1; these run the machinery as version 3 would.
  const migrations: Record<number, Migration> = {
    1: (v1) => ({
      ...v1,
      version: 2,
      chapters: Object.fromEntries(
        Object.entries(v1.ticks as Record<string, string[]>).map(([c, items]) => [
          c,
          Object.fromEntries(items.map((i) => [i, { done: true, at: '2026-01-01T00:00:00.000Z' }])),
        ]),
      ),
    }),
    2: (v2) => ({ ...v2, version: 3 }),
  };

  it('runs every step from an old version to the current one', () => {
    const old = { version: 1, courseId: COURSE, ticks: { intro: ['a'] } };
    const result = readProgressValue(old, COURSE, migrations, 3);
    expect(result).toEqual({
      ok: true,
      migratedFrom: 1,
      doc: { version: 1, courseId: COURSE, chapters: { intro: { a: { done: true, at: '2026-01-01T00:00:00.000Z' } } } },
    });
  });

  it('refuses an old version with no migration rather than guessing', () => {
    const result = readProgressValue({ version: 1, courseId: COURSE, chapters: {} }, COURSE, {}, 2);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe('invalid');
  });
});

describe('parseProgressFile', () => {
  it('accepts an exported file', () => {
    expect(parseProgressFile(file, COURSE)).toEqual({ ok: true, doc: good, exportedAt: '2026-11-21T08:00:00.000Z' });
  });

  it('carries the learner name the file was exported with, tidied', () => {
    const named = JSON.stringify(toProgressFile(good, new Date('2026-11-21T08:00:00Z'), '  Li   Wei \n'));
    expect(JSON.parse(named).learner).toBe('Li Wei');
    expect(parseProgressFile(named, COURSE)).toMatchObject({ ok: true, learner: 'Li Wei' });
  });

  it('leaves out a blank name and cuts a long one', () => {
    expect(JSON.parse(JSON.stringify(toProgressFile(good, new Date(), '   ')))).not.toHaveProperty('learner');
    expect(toProgressFile(good, new Date(), 'x'.repeat(500)).learner).toHaveLength(MAX_LEARNER_LENGTH);
  });

  it.each([
    ['a learner that is not text', { learner: 42 }, 'learner'],
    ['an export time that is not a time', { exportedAt: 'yesterday' }, 'exportedAt'],
  ])('refuses %s', (_name, patch, path) => {
    expect(parseProgressFile(JSON.stringify({ ...JSON.parse(file), ...patch }), COURSE)).toEqual({ ok: false, problem: { code: 'invalid', path } });
  });

  it.each([
    ['a file that is not JSON', 'hello, world', 'not-json'],
    ['a truncated export', file.slice(0, file.length - 10), 'truncated'],
    ['progress JSON without the file marker', JSON.stringify(good), 'not-progress'],
    ['a file from another course', JSON.stringify({ ...JSON.parse(file), courseId: 'rust-course' }), 'other-course'],
    ['a file of an unknown version', JSON.stringify({ ...JSON.parse(file), version: 99 }), 'newer-version'],
    ['an empty file', '  \n', 'empty'],
  ])('refuses %s', (_name, text, code) => {
    const result = parseProgressFile(text, COURSE);
    expect(!result.ok && result.problem.code).toBe(code);
  });

  it('refuses a 50 MB file by its size, before parsing', () => {
    const result = parseProgressFile('', COURSE, 50 * 1024 * 1024);
    expect(result).toEqual({ ok: false, problem: { code: 'too-large', bytes: 50 * 1024 * 1024, limit: MAX_IMPORT_BYTES } });
  });
});

describe('looksTruncated', () => {
  it.each([
    ['{"a": [1, 2', true],
    ['{"a": "unfinished', true],
    ['{"a": "brace } in a string"', true],
    ['{"a": "escaped \\" quote"}', false],
    ['{"a": 1}', false],
    ['plain text', false],
  ])('%s → %s', (text, expected) => {
    expect(looksTruncated(text)).toBe(expected);
  });
});

describe('file names with a learner name', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  it.each([
    [undefined, 'c-progress-2026-11-22.json'],
    ['   ', 'c-progress-2026-11-22.json'],
    ['Ada Lovelace', 'c-progress-ada-lovelace-2026-11-22.json'],
    ['  王 小明 ', 'c-progress-王-小明-2026-11-22.json'],
    ['../../etc/passwd', 'c-progress-etc-passwd-2026-11-22.json'],
    ['a/b\\c:d*e?f"g<h>i|j', 'c-progress-a-b-c-d-e-f-g-h-i-j-2026-11-22.json'],
    ['!!!', 'c-progress-2026-11-22.json'],
    ['x'.repeat(100), `c-progress-${'x'.repeat(40)}-2026-11-22.json`],
  ])('%j → %s', (name, expected) => {
    expect(progressFileName('c', now, name)).toBe(expected);
  });

  it('keeps only letters, digits and dashes', () => {
    expect(fileSafeName("Zoë O'Brien — group 3")).toBe('zoë-o-brien-group-3');
  });
});

describe('decodeStoredLearner', () => {
  it.each([
    ['"Ada Lovelace"', { ok: true, doc: 'Ada Lovelace' }],
    ['""', { ok: true, doc: '' }],
  ])('reads %s', (raw, expected) => {
    expect(decodeStoredLearner(raw)).toEqual(expected);
  });

  it.each([
    ['not JSON', 'Ada', 'not-json'],
    ['a number', '42', 'invalid'],
    ['an object', '{"name":"Ada"}', 'invalid'],
    ['a name with untidy spaces', '"  Ada   L "', 'invalid'],
    ['a name past the limit', JSON.stringify('x'.repeat(MAX_LEARNER_LENGTH + 1)), 'invalid'],
  ])('refuses %s', (_name, raw, code) => {
    const result = decodeStoredLearner(raw);
    expect(!result.ok && result.problem.code).toBe(code);
  });
});

describe.each(HOSTILE_IDS)('reading the outside id "%s"', (id) => {
  const T = '2026-11-20T08:00:00.000Z';
  const marks: RawMark[] = [
    [id, 'prototype', true, T],
    [id, id, false, T],
    ['intro', id, true, T],
    ['intro', 'a', true, T],
  ];
  const expected = ownMarks(JSON.parse(recordJson(COURSE, marks)).chapters);

  afterEach(() => expect(prototypesClean()).toBe(true));

  it.each([
    ['a stored record', () => decodeStored(recordJson(COURSE, marks), COURSE)],
    ['an imported file', () => parseProgressFile(fileJson(COURSE, marks), COURSE)],
    ['an item id alone', () => decodeStored(recordJson(COURSE, [['intro', id, true, T]]), COURSE)],
  ])(passesIdRule(id) ? 'keeps every mark of %s, under its own key' : 'refuses %s as damaged, naming where', (_what, read) => {
    const result = read();
    if (!passesIdRule(id)) {
      expect(result).toEqual({ ok: false, problem: { code: 'invalid', path: expect.stringMatching(new RegExp(`^chapters\\.(intro\\.)?${id}$`)) } });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const all = ownMarks(result.doc.chapters);
    expect(all).toEqual(_what === 'an item id alone' ? [['intro', id, { done: true, at: T }]] : expected);
    // What is read is written back unchanged.
    expect(ownMarks(JSON.parse(JSON.stringify(result.doc)).chapters)).toEqual(all);
  });
});
