import { readCourseConfig } from '../../../src/config/course-config';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE_IDS, ownMarks, prototypesClean, recordJson } from '../hostile-ids';
import { diffProgress, emptyProgress, mergeProgress, setMark, type ChapterItems, type ProgressDoc } from '../../../src/lib/progress';
import {
  itemPositions,
  crc32,
  decodeShareLink,
  encodeShareLink,
  fromBase64Url,
  MAX_SHARE_CHARS,
  SHARE_VERSION,
  shareFragment,
  shareUrl,
  toBase64Url,
  type ShareCourse,
} from '../../../src/lib/share-link';

/** The real course's chapters and item ids in learning order, read from course.json and the English content. */
function realCourse(): ShareCourse {
  const config = readCourseConfig('content');
  const dir = 'content/en';
  const chapters: ChapterItems[] = readdirSync(dir).map((file) => {
    const source = readFileSync(`${dir}/${file}`, 'utf8');
    const id = /^id:\s*(\S+)/m.exec(source)![1]!;
    const items = [...source.matchAll(/<Item id="([^"]+)"/g)].map((m) => m[1]!);
    return { id, items };
  });
  chapters.sort((a, b) => config.order.indexOf(a.id) - config.order.indexOf(b.id));
  return { courseId: config.id, chapters };
}

/**
 * The course the length budgets are set for: six chapters of nine items, the
 * shape the course had when share links were designed. The shipped course
 * grows; its links are measured by the bench, and checked here to round-trip.
 */
const COURSE: ShareCourse = {
  courseId: 'deploying-python-web-apps',
  chapters: Array.from({ length: 6 }, (_, c) => ({ id: `chapter-${c + 1}`, items: Array.from({ length: 9 }, (_, i) => `item-${c + 1}-${i + 1}`) })),
};
const SHIPPED = realCourse();
const SMALL: ShareCourse = {
  courseId: 'small',
  chapters: [
    { id: 'intro', items: ['a', 'b', 'c'] },
    { id: 'deploy', items: ['x', 'y', 'z', 'w', 'v'] },
  ],
};

/** A deterministic generator, so every run fuzzes the same links. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function tickAll(course: ShareCourse, start: Date, stepMinutes: number, done = true): ProgressDoc {
  let doc = emptyProgress(course.courseId);
  let t = start.getTime();
  for (const chapter of course.chapters) {
    for (const item of chapter.items) {
      doc = setMark(doc, chapter.id, item, done, new Date(t));
      t += stepMinutes * 60_000;
    }
  }
  return doc;
}

/** Drops seconds and milliseconds: the precision a link keeps. */
function toMinute(doc: ProgressDoc): ProgressDoc {
  const chapters: ProgressDoc['chapters'] = {};
  for (const [c, items] of Object.entries(doc.chapters)) {
    chapters[c] = {};
    for (const [i, m] of Object.entries(items)) {
      const at = new Date(m.at);
      at.setUTCSeconds(0, 0);
      chapters[c]![i] = { done: m.done, at: at.toISOString() };
    }
  }
  return { ...doc, chapters };
}

describe('base64url', () => {
  it.each([0, 1, 2, 3, 4, 5, 31, 100])('round-trips %i bytes', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });

  it('agrees with the platform encoder', () => {
    const bytes = Uint8Array.from({ length: 50 }, (_, i) => (i * 91) & 0xff);
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });

  it('refuses characters outside the alphabet and lengths no encoder writes', () => {
    expect(fromBase64Url('abc+')).toBe('not-link');
    expect(fromBase64Url('abc=')).toBe('not-link');
    expect(fromBase64Url('abcde')).toBe('truncated');
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('encode and decode', () => {
  it('round-trips ticks, unticks and times to the minute', () => {
    let doc = emptyProgress(SMALL.courseId);
    doc = setMark(doc, 'intro', 'a', true, new Date('2026-11-20T08:15:42.123Z'));
    doc = setMark(doc, 'intro', 'c', false, new Date('2026-11-21T09:00:59Z'));
    doc = setMark(doc, 'deploy', 'y', true, new Date('2024-02-29T23:59:00Z'));
    doc = setMark(doc, 'deploy', 'v', true, new Date('2030-01-01T00:00:00Z'));
    const result = decodeShareLink(encodeShareLink(doc, SMALL), SMALL);
    expect(result).toEqual({ ok: true, doc: toMinute(doc) });
  });

  it('round-trips the whole real course, all ticked over weeks, keyed by item ids', () => {
    const doc = tickAll(COURSE, new Date('2026-10-01T18:30:00Z'), 7 * 60 + 13);
    const result = decodeShareLink(encodeShareLink(doc, COURSE), COURSE);
    expect(result).toEqual({ ok: true, doc });
  });

  it('carries an empty record as an empty record', () => {
    expect(decodeShareLink(encodeShareLink(emptyProgress(SMALL.courseId), SMALL), SMALL)).toEqual({
      ok: true,
      doc: emptyProgress(SMALL.courseId),
    });
  });

  it('leaves out marks for items the course no longer has', () => {
    const doc = setMark(
      setMark(emptyProgress(SMALL.courseId), 'intro', 'a', true, new Date('2026-01-01T00:00:00Z')),
      'gone',
      'old',
      true,
      new Date('2026-01-01T00:00:00Z'),
    );
    const result = decodeShareLink(encodeShareLink(doc, SMALL), SMALL);
    expect(result.ok && Object.keys(result.doc.chapters)).toEqual(['intro']);
  });

  it('keeps times from before 2020 and far ahead within range', () => {
    const doc = setMark(
      setMark(emptyProgress(SMALL.courseId), 'intro', 'a', true, new Date('2001-05-05T00:00:00Z')),
      'intro',
      'b',
      true,
      new Date('9999-12-31T23:59:59Z'),
    );
    const result = decodeShareLink(encodeShareLink(doc, SMALL), SMALL);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.doc.chapters.intro!.a!.at).toBe('2020-01-01T00:00:00.000Z');
      expect(result.doc.chapters.intro!.b!.at).toBe('9999-12-31T23:59:00.000Z');
    }
  });

  it('refuses a link made before chapters or items moved, rather than tick the wrong ones', () => {
    const doc = setMark(emptyProgress(SMALL.courseId), 'deploy', 'z', true, new Date('2026-03-03T03:03:00Z'));
    const payload = encodeShareLink(doc, SMALL);
    const chaptersSwapped: ShareCourse = { courseId: 'small', chapters: [SMALL.chapters[1]!, SMALL.chapters[0]!] };
    const itemsSwapped: ShareCourse = { courseId: 'small', chapters: [SMALL.chapters[0]!, { id: 'deploy', items: ['x', 'y', 'w', 'z', 'v'] }] };
    expect(decodeShareLink(payload, chaptersSwapped)).toEqual({ ok: false, problem: { code: 'other-content' } });
    expect(decodeShareLink(payload, itemsSwapped)).toEqual({ ok: false, problem: { code: 'other-content' } });
  });
});

describe('merging a decoded link', () => {
  const T = (s: string) => new Date(`2026-11-${s}Z`);
  it('keeps the later change of each item, unticks included', () => {
    let phone = emptyProgress(SMALL.courseId);
    phone = setMark(phone, 'intro', 'a', true, T('10T10:00:00'));
    phone = setMark(phone, 'intro', 'b', false, T('12T10:00:00'));
    phone = setMark(phone, 'deploy', 'x', true, T('09T10:00:00'));
    let laptop = emptyProgress(SMALL.courseId);
    laptop = setMark(laptop, 'intro', 'b', true, T('11T10:00:00'));
    laptop = setMark(laptop, 'deploy', 'x', false, T('11T10:00:00'));
    const decoded = decodeShareLink(encodeShareLink(phone, SMALL), SMALL);
    if (!decoded.ok) throw new Error(decoded.problem.code);
    const merged = mergeProgress(laptop, decoded.doc);
    expect(merged.chapters.intro).toEqual({ a: { done: true, at: T('10T10:00:00').toISOString() }, b: { done: false, at: T('12T10:00:00').toISOString() } });
    expect(merged.chapters.deploy!.x!.done).toBe(false);
    expect(diffProgress(laptop, merged)).toEqual({ ticked: [{ chapter: 'intro', item: 'a' }], unticked: [{ chapter: 'intro', item: 'b' }] });
  });

  it('changes nothing when merged back into the browser it came from', () => {
    const doc = tickAll(SMALL, new Date('2026-11-20T08:15:42.500Z'), 0.5);
    const decoded = decodeShareLink(encodeShareLink(doc, SMALL), SMALL);
    if (!decoded.ok) throw new Error(decoded.problem.code);
    expect(mergeProgress(doc, decoded.doc)).toEqual(doc);
  });
});

describe('length', () => {
  const link = (doc: ProgressDoc) => shareUrl('https://example.org/course/zh-cn/progress/', encodeShareLink(doc, COURSE));
  it('the reference course has 6 chapters and 54 items', () => {
    expect(COURSE.chapters).toHaveLength(6);
    expect(itemPositions(COURSE.chapters)).toHaveLength(54);
  });

  it('the shipped course, fully ticked an item every nine hours, round-trips through a link', () => {
    expect(SHIPPED.chapters.length).toBeGreaterThan(0);
    const doc = tickAll(SHIPPED, new Date('2026-09-01T18:00:00Z'), 9 * 60);
    expect(decodeShareLink(encodeShareLink(doc, SHIPPED), SHIPPED)).toEqual({ ok: true, doc });
  });

  it('a fully ticked course, a chapter every few days, fits in well under 200 characters of fragment', () => {
    let doc = emptyProgress(COURSE.courseId);
    COURSE.chapters.forEach((chapter, c) => {
      chapter.items.forEach((item, i) => {
        doc = setMark(doc, chapter.id, item, true, new Date(Date.UTC(2026, 8, 1 + c * 4, 19, 5 + i * 6)));
      });
    });
    const payload = encodeShareLink(doc, COURSE);
    expect(payload.length).toBeLessThan(140);
    expect(decodeShareLink(payload, COURSE)).toEqual({ ok: true, doc });
  });

  it('a fully ticked course with one item every nine hours still stays under 200 characters', () => {
    expect(encodeShareLink(tickAll(COURSE, new Date('2026-09-01T18:00:00Z'), 9 * 60), COURSE).length).toBeLessThan(200);
  });

  it('a fully ticked course in one sitting makes a short link', () => {
    const url = link(tickAll(COURSE, new Date('2026-09-01T18:00:00Z'), 2));
    expect(url.length).toBeLessThan(200);
  });

  it('an empty record makes the shortest link', () => {
    expect(encodeShareLink(emptyProgress(COURSE.courseId), COURSE).length).toBeLessThan(40);
  });
});

describe('fragments', () => {
  it('builds and reads #share=', () => {
    expect(shareUrl('https://x.test/en/progress/#old', 'AbC')).toBe('https://x.test/en/progress/#share=AbC');
    expect(shareFragment('#share=AbC')).toBe('AbC');
    expect(shareFragment('#export-title')).toBeUndefined();
    expect(shareFragment('')).toBeUndefined();
  });
});

describe('malformed links', () => {
  const doc = tickAll(SMALL, new Date('2026-11-20T08:00:00Z'), 30);
  const good = encodeShareLink(doc, SMALL);
  const bytes = fromBase64Url(good) as Uint8Array;
  const recrc = (b: number[]) => {
    const crc = crc32(Uint8Array.from(b));
    return toBase64Url(Uint8Array.from([...b, crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255]));
  };
  const body = [...bytes.subarray(0, bytes.length - 4)];

  it.each([
    ['nothing', '', 'empty'],
    ['only spaces', '   ', 'empty'],
    ['characters outside base64url', `${good.slice(0, 5)}+/${good.slice(7)}`, 'not-link'],
    ['prose', 'hello world, this is not a link!', 'not-link'],
    ['cut after one character', good.slice(0, 1), 'truncated'],
    ['cut in half', good.slice(0, Math.floor(good.length / 2)), 'truncated'],
    ['missing its last character', good.slice(0, -1), 'truncated'],
    ['missing its last four characters', good.slice(0, -4), 'truncated'],
    ['one character changed', good.slice(0, 10) + (good[10] === 'A' ? 'B' : 'A') + good.slice(11), 'damaged'],
    ['extra characters at the end', `${good}AAAA`, 'damaged'],
    ['random base64url', 'Zm9vYmFyYmF6cXV4cXV1eA', 'truncated'],
    ['a long run of one letter', 'A'.repeat(64), 'damaged'],
    ['a newer version', recrc([SHARE_VERSION + 1, ...body.slice(1)]), 'newer-version'],
    ['version zero', recrc([0, ...body.slice(1)]), 'damaged'],
    ['another course', encodeShareLink({ ...doc, courseId: 'other' }, { ...SMALL, courseId: 'other' }), 'other-course'],
    [
      'content with a renamed item',
      encodeShareLink(doc, { ...SMALL, chapters: [{ id: 'intro', items: ['a', 'b', 'c2'] }, SMALL.chapters[1]!] }),
      'other-content',
    ],
    [
      'content with an added item',
      encodeShareLink(doc, { ...SMALL, chapters: [{ id: 'intro', items: ['a', 'b', 'c', 'd'] }, SMALL.chapters[1]!] }),
      'other-content',
    ],
    ['a state that means nothing (valid checksum)', recrc(body.map((b, i) => (i === 7 ? b | 3 : b))), 'damaged'],
    ['a time missing (valid checksum, fixed length)', recrc([body[0]!, body[1]! - 1, ...body.slice(2, -1)]), 'damaged'],
    ['a body longer than its states say (valid checksum)', recrc([body[0]!, body[1]! + 1, ...body.slice(2), 0]), 'damaged'],
  ])('refuses %s', (_name, payload, code) => {
    const result = decodeShareLink(payload, SMALL);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe(code);
  });

  it('names the version a newer link was made with', () => {
    expect(decodeShareLink(recrc([7, ...body.slice(1)]), SMALL)).toEqual({ ok: false, problem: { code: 'newer-version', version: 7 } });
  });

  it('refuses a link past the size limit without decoding it', () => {
    expect(decodeShareLink('A'.repeat(MAX_SHARE_CHARS + 1), SMALL)).toEqual({
      ok: false,
      problem: { code: 'too-long', chars: MAX_SHARE_CHARS + 1, limit: MAX_SHARE_CHARS },
    });
  });

  it('accepts a link a mail program wrapped across lines', () => {
    const wrapped = `${good.slice(0, 10)}\n ${good.slice(10)}`;
    expect(decodeShareLink(wrapped, SMALL)).toEqual({ ok: true, doc: toMinute(doc) });
  });

  it('never throws and never ticks anything for 600 random corruptions', () => {
    const full = encodeShareLink(tickAll(COURSE, new Date('2026-10-01T00:00:00Z'), 95), COURSE);
    const rand = random(20261122);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const kinds = new Map<string, number>();
    for (let n = 0; n < 600; n += 1) {
      let s = full;
      const pos = Math.floor(rand() * s.length);
      const kind = n % 6;
      if (kind === 0) s = s.slice(0, pos) + alphabet[(alphabet.indexOf(s[pos]!) + 1 + Math.floor(rand() * 63)) % 64] + s.slice(pos + 1);
      else if (kind === 1) s = s.slice(0, pos);
      else if (kind === 2) s = s.slice(0, pos) + s.slice(pos + 1 + Math.floor(rand() * 5));
      else if (kind === 3) s = s.slice(0, pos) + alphabet[Math.floor(rand() * 64)] + s.slice(pos);
      else if (kind === 4) s = Array.from({ length: 1 + Math.floor(rand() * 200) }, () => alphabet[Math.floor(rand() * 64)]).join('');
      else s = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => String.fromCharCode(Math.floor(rand() * 0x3000))).join('');
      let result: ReturnType<typeof decodeShareLink> | undefined;
      expect(() => (result = decodeShareLink(s, COURSE))).not.toThrow();
      expect(result!.ok, `corruption ${n} (${s}) decoded`).toBe(false);
      if (result && !result.ok) kinds.set(result.problem.code, (kinds.get(result.problem.code) ?? 0) + 1);
    }
    // The corruptions reach the checks past the first: the test would be weak if every link failed the same way.
    expect([...kinds.keys()].sort()).toEqual(expect.arrayContaining(['damaged', 'not-link', 'truncated']));
  });
});

describe.each(HOSTILE_IDS)('a share link for a course with the id "%s"', (id) => {
  const course: ShareCourse = {
    courseId: 'small',
    chapters: [
      { id, items: ['a', id] },
      { id: 'intro', items: [id, 'prototype'] },
    ],
  };
  const T = '2026-11-20T08:00:00.000Z';

  afterEach(() => expect(prototypesClean()).toBe(true));

  it('carries no mark for an item nobody marked', () => {
    const decoded = decodeShareLink(encodeShareLink(emptyProgress('small'), course), course);
    expect(decoded.ok && ownMarks(decoded.doc.chapters)).toEqual([]);
  });

  it('carries marks under it both ways, and leaves out marks the course does not have', () => {
    const stored = JSON.parse(
      recordJson('small', [
        [id, id, true, T],
        ['intro', id, false, T],
        ['gone', id, true, T],
        [id, 'gone', true, T],
      ]),
    ) as ProgressDoc;
    const decoded = decodeShareLink(encodeShareLink(stored, course), course);
    expect(decoded.ok && ownMarks(decoded.doc.chapters)).toEqual(
      ownMarks(
        JSON.parse(
          recordJson('small', [
            [id, id, true, T],
            ['intro', id, false, T],
          ]),
        ).chapters,
      ),
    );
  });
});
