/**
 * Share links: a learner's progress packed into the fragment of a progress
 * page URL (`<base><lang>/progress/#share=<payload>`), so it can travel to
 * another device with no account. Browsers never send the fragment to a
 * server; anyone holding the link can read the ticks in it.
 *
 * The payload is binary, written as base64url. Every version starts with the
 * same envelope, so any version can tell a damaged link from a newer one:
 *
 *   byte 0       format version (`SHARE_VERSION`)
 *   varint       total length in bytes, envelope included (a cut link is told apart from an altered one)
 *   …            the version's body
 *   4 bytes      CRC-32 of everything before it (any altered character is caught)
 *
 * Body of version 1:
 *
 *   2 bytes      hash of the course id            → "this link is for another course"
 *   3 bytes      fingerprint of the item ids      → "this link was made for other content"
 *   2 bits/item  0 no mark, 1 ticked, 2 unticked, items in learning order (see `itemPositions`)
 *   varints      the time of each mark, in minutes since 2020-01-01T00:00Z: the first one
 *                as is, each later one as a zigzag difference from the one before
 *
 * Items are addressed by position in learning order (chapters in course
 * order, items as authored), because learners tick in roughly that order and
 * the time differences then stay small: most take one byte. The fingerprint
 * covers the ids in that order, so a link made before an item was added,
 * removed, renamed or moved is refused with an explanation instead of
 * ticking the wrong items; the decoded record is keyed by ids as usual.
 * Marks for items the course no longer has are not carried.
 *
 * Times have minute precision (rounded down). The import's merge keeps the
 * later change of each item and the current one on equal times, so a link
 * merged back into the browser it came from changes nothing; two changes to
 * one item on two devices within the same minute keep the receiving
 * device's.
 *
 * Pure: no DOM, no storage. Decoding never throws; a problem code says what
 * is wrong with a link and nothing is ticked.
 */
import { dict, own } from './dict';
import { PROGRESS_VERSION, type ChapterItems, type Mark, type ProgressDoc } from './progress';

export const SHARE_VERSION = 1;
/** The fragment starts `#share=`; other fragments (heading anchors) are left alone. */
export const SHARE_PARAM = 'share';
/** Far above any real course (a 200-chapter course of 8 items each is about 1 KB). */
export const MAX_SHARE_CHARS = 16_384;

/** 2020-01-01T00:00:00Z: marks are counted in minutes from here. */
const EPOCH_MS = Date.UTC(2020, 0, 1);
const MINUTE_MS = 60_000;
/** Minutes to the end of year 9999; later times would not make a valid ISO date. */
const MAX_MINUTES = Math.floor((Date.UTC(9999, 11, 31, 23, 59) - EPOCH_MS) / MINUTE_MS);

export type ShareProblem =
  | { code: 'empty' }
  | { code: 'too-long'; chars: number; limit: number }
  | { code: 'not-link' }
  | { code: 'truncated' }
  | { code: 'damaged' }
  | { code: 'newer-version'; version: number }
  | { code: 'other-course' }
  | { code: 'other-content' };

export type ShareResult = { ok: true; doc: ProgressDoc } | { ok: false; problem: ShareProblem };

/** What the codec needs to know about the course the page belongs to. */
export interface ShareCourse {
  courseId: string;
  chapters: readonly ChapterItems[];
}

// ---- base64url ----

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((ch, i) => [ch, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c += 1) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** The bytes, or why there are none: a character outside the alphabet, or a length no encoder writes. */
export function fromBase64Url(text: string): Uint8Array | 'not-link' | 'truncated' {
  const values: number[] = [];
  for (const ch of text) {
    const v = LOOKUP.get(ch);
    if (v === undefined) return 'not-link';
    values.push(v);
  }
  // A group of 4 characters carries 3 bytes; a lone character carries none.
  if (values.length % 4 === 1) return 'truncated';
  const bytes = new Uint8Array(Math.floor((values.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (const v of values) {
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (acc >> bits) & 0xff;
    }
  }
  return bytes;
}

// ---- hashes ----

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** FNV-1a over the UTF-16 code units; ids are ASCII, so this is stable and small. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function courseHash(courseId: string): number {
  return fnv1a(courseId) & 0xffff;
}

/** Every item of the course in learning order: the positions a link addresses. */
export function itemPositions(chapters: readonly ChapterItems[]): { chapter: string; item: string }[] {
  return chapters.flatMap((c) => c.items.map((item) => ({ chapter: c.id, item })));
}

export function contentFingerprint(chapters: readonly ChapterItems[]): number {
  return fnv1a(chapters.map((c) => `${c.id}:${c.items.join(',')}`).join(';')) & 0xffffff;
}

// ---- varints (arithmetic, not bit operations, so values past 2^31 survive) ----

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 128) {
    out.push((v % 128) + 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number | undefined {
    return this.at < this.bytes.length ? this.bytes[this.at++] : undefined;
  }
  varint(): number | undefined {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i += 1) {
      const b = this.byte();
      if (b === undefined) return undefined;
      value += (b & 127) * scale;
      if (b < 128) return value;
      scale *= 128;
    }
    return undefined;
  }
  uint(size: number): number | undefined {
    let value = 0;
    for (let i = 0; i < size; i += 1) {
      const b = this.byte();
      if (b === undefined) return undefined;
      value = value * 256 + b;
    }
    return value;
  }
}

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

function pushUint(out: number[], value: number, size: number): void {
  for (let i = size - 1; i >= 0; i -= 1) out.push(Math.floor(value / 256 ** i) % 256);
}

function minutesOf(mark: Mark): number {
  const ms = Date.parse(mark.at);
  if (Number.isNaN(ms)) return 0;
  return Math.min(MAX_MINUTES, Math.max(0, Math.floor((ms - EPOCH_MS) / MINUTE_MS)));
}

// ---- encode ----

/** The payload (base64url, no `#share=`) for the marks `doc` has on the course's current items. */
export function encodeShareLink(doc: ProgressDoc, course: ShareCourse): string {
  const positions = itemPositions(course.chapters);
  const states = new Uint8Array(Math.ceil(positions.length / 4));
  const times: number[] = [];
  positions.forEach(({ chapter, item }, i) => {
    const mark = own(own(doc.chapters, chapter), item);
    if (!mark) return;
    states[i >> 2]! |= (mark.done ? 1 : 2) << ((i & 3) * 2);
    times.push(minutesOf(mark));
  });
  const body: number[] = [];
  pushUint(body, courseHash(course.courseId), 2);
  pushUint(body, contentFingerprint(course.chapters), 3);
  body.push(...states);
  times.forEach((t, i) => writeVarint(body, i === 0 ? t : zigzag(t - times[i - 1]!)));

  // The length counts itself, so find the varint size that fits.
  let total = 1 + 1 + body.length + 4;
  for (let size = 1; ; size += 1) {
    total = 1 + size + body.length + 4;
    const probe: number[] = [];
    writeVarint(probe, total);
    if (probe.length === size) break;
  }
  const head: number[] = [SHARE_VERSION];
  writeVarint(head, total);
  const withoutCrc = Uint8Array.from([...head, ...body]);
  const crc: number[] = [];
  pushUint(crc, crc32(withoutCrc), 4);
  return toBase64Url(Uint8Array.from([...withoutCrc, ...crc]));
}

/** A page URL (its own fragment dropped) with the payload as its fragment. */
export function shareUrl(pageUrl: string, payload: string): string {
  return `${pageUrl.split('#')[0]}#${SHARE_PARAM}=${payload}`;
}

/** The payload in a `location.hash`, or undefined when the fragment is not a share link. */
export function shareFragment(hash: string): string | undefined {
  const prefix = `#${SHARE_PARAM}=`;
  return hash.startsWith(prefix) ? hash.slice(prefix.length) : undefined;
}

// ---- decode ----

const fail = (problem: ShareProblem): ShareResult => ({ ok: false, problem });

/** Reads a payload for this course. Never throws; anything unusable is a problem code. */
export function decodeShareLink(payload: string, course: ShareCourse): ShareResult {
  try {
    return decode(payload, course);
  } catch {
    // Not expected: every read is bounds-checked. A link must never break the page.
    return fail({ code: 'damaged' });
  }
}

function decode(payload: string, course: ShareCourse): ShareResult {
  // Some mail and chat programs add spaces or line breaks when they wrap a long link.
  const text = payload.replace(/\s+/g, '');
  if (!text) return fail({ code: 'empty' });
  if (text.length > MAX_SHARE_CHARS) return fail({ code: 'too-long', chars: text.length, limit: MAX_SHARE_CHARS });
  const bytes = fromBase64Url(text);
  if (typeof bytes === 'string') return fail({ code: bytes });

  const head = new Reader(bytes);
  const version = head.byte();
  const total = head.varint();
  if (version === undefined || total === undefined) return fail({ code: 'truncated' });
  if (bytes.length < total) return fail({ code: 'truncated' });
  if (bytes.length > total || total < head.at + 4) return fail({ code: 'damaged' });
  const crcAt = total - 4;
  const crc = new Reader(bytes.subarray(crcAt)).uint(4);
  if (crc !== crc32(bytes.subarray(0, crcAt))) return fail({ code: 'damaged' });
  if (version > SHARE_VERSION) return fail({ code: 'newer-version', version });
  if (version !== SHARE_VERSION) return fail({ code: 'damaged' });

  const body = new Reader(bytes.subarray(0, crcAt));
  body.at = head.at;
  if (body.uint(2) !== courseHash(course.courseId)) return fail({ code: 'other-course' });
  if (body.uint(3) !== contentFingerprint(course.chapters)) return fail({ code: 'other-content' });

  const positions = itemPositions(course.chapters);
  const marked: { chapter: string; item: string; done: boolean }[] = [];
  for (let i = 0; i < positions.length; i += 4) {
    const b = body.byte();
    if (b === undefined) return fail({ code: 'damaged' });
    for (let j = 0; j < 4 && i + j < positions.length; j += 1) {
      const state = (b >> (j * 2)) & 3;
      if (state === 3) return fail({ code: 'damaged' });
      if (state) marked.push({ ...positions[i + j]!, done: state === 1 });
    }
    // Bits past the last item must be zero.
    if (i + 4 > positions.length && b >> ((positions.length - i) * 2) !== 0) return fail({ code: 'damaged' });
  }

  const chapters = dict<Record<string, Mark>>();
  let minutes = 0;
  for (const [i, mark] of marked.entries()) {
    const v = body.varint();
    if (v === undefined) return fail({ code: 'damaged' });
    minutes = i === 0 ? v : minutes + unzigzag(v);
    if (minutes < 0 || minutes > MAX_MINUTES) return fail({ code: 'damaged' });
    (chapters[mark.chapter] ??= dict())[mark.item] = { done: mark.done, at: new Date(EPOCH_MS + minutes * MINUTE_MS).toISOString() };
  }
  if (body.at !== crcAt) return fail({ code: 'damaged' });
  return { ok: true, doc: { version: PROGRESS_VERSION, courseId: course.courseId, chapters } };
}
