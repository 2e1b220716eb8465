import { setPersistentEngine, type PersistentListener } from '@nanostores/persistent';
import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileJson, type RawMark } from '../hostile-ids';
import { emptyProgress, isDone, setMark, type ChapterItems } from '../../../src/lib/progress';
import { MAX_IMPORT_BYTES } from '../../../src/lib/progress-codec';
import { encodeShareLink } from '../../../src/lib/share-link';
import { createImportSession, importSession, type ChosenFile } from '../../../src/stores/import-session';
import { forgetProgressStores, progressKey, progressStore, type ProgressStore } from '../../../src/stores/progress';

const COURSE = 'demo-course';
const CHAPTERS: ChapterItems[] = [
  { id: 'intro', items: ['a', 'b'] },
  { id: 'deploy', items: ['c', 'new'] },
];
const RENAMES = { 'deploy/old': 'deploy/new' };
const T1 = '2026-11-01T10:00:00.000Z';
const T2 = '2026-11-02T10:00:00.000Z';

let storage: Record<string, string>;
let listeners: PersistentListener[];
let progress: ProgressStore;

function otherTabWrites(key: string, newValue: string): void {
  storage[key] = newValue;
  for (const listener of listeners) listener({ key, newValue });
}

const chosen = (text: string, extra: Partial<ChosenFile> = {}): ChosenFile => ({ size: text.length, text: async () => text, ...extra });
const fileOf = (marks: RawMark[], exportedAt?: string) => chosen(fileJson(COURSE, marks, exportedAt ? { exportedAt } : {}));

beforeEach(() => {
  storage = {};
  listeners = [];
  setPersistentEngine(storage, {
    addEventListener: (_key, listener) => listeners.push(listener),
    removeEventListener: (_key, listener) => (listeners = listeners.filter((l) => l !== listener)),
  });
  forgetProgressStores();
  progress = progressStore(COURSE, { renames: RENAMES });
  progress.setItem('intro', 'a', true);
});

afterEach(() => {
  cleanStores(progress.$progress, progress.$keptAside);
  forgetProgressStores();
});

describe('import session', () => {
  it('starts idle, with no preview', () => {
    const session = createImportSession(progress, CHAPTERS);
    expect(session.$session.get()).toEqual({ step: 'idle' });
    expect(session.$preview.get()).toBeNull();
  });

  it.each([
    ['merge', ['intro/b'], []],
    ['replace', ['intro/b'], ['intro/a']],
  ] as const)('previews a file (%s) against the progress as it is now', async (mode, willTick, willUntick) => {
    const session = createImportSession(progress, CHAPTERS);
    session.setMode(mode);
    await session.chooseFile(fileOf([['intro', 'b', true, T1]], T2));
    expect(session.$session.get()).toMatchObject({ step: 'preview', origin: 'file', mode, exportedAt: T2 });
    const preview = session.$preview.get()!;
    expect(preview.ticked).toBe(1);
    expect(preview.willTick.map((r) => `${r.chapter}/${r.item}`)).toEqual(willTick);
    expect(preview.willUntick.map((r) => `${r.chapter}/${r.item}`)).toEqual(willUntick);
  });

  it('follows the progress store while the preview is open (another tab ticks the same item)', async () => {
    const session = createImportSession(progress, CHAPTERS);
    await session.chooseFile(fileOf([['intro', 'b', true, T1]]));
    const stop = session.$preview.listen(() => {});
    expect(session.$preview.get()!.willTick).toHaveLength(1);
    otherTabWrites(progressKey(COURSE), JSON.stringify(setMark(progress.$progress.get(), 'intro', 'b', true, new Date(T2))));
    expect(session.$preview.get()!.willTick).toEqual([]);
    stop();
  });

  it('switches the mode of an open preview, and keeps the mode for the next one, as the radio buttons do', async () => {
    const session = createImportSession(progress, CHAPTERS);
    await session.chooseFile(fileOf([['intro', 'b', true, T1]]));
    session.setMode('replace');
    expect(session.$preview.get()!.willUntick).toHaveLength(1);
    await session.chooseFile(fileOf([['deploy', 'c', true, T1]]));
    expect(session.$session.get()).toMatchObject({ step: 'preview', mode: 'replace' });
  });

  it('applies the preview through the progress store, which can undo it', async () => {
    const session = createImportSession(progress, CHAPTERS);
    await session.chooseFile(fileOf([['intro', 'b', true, T1]]));
    expect(session.apply()).toBe(true);
    expect(session.$session.get()).toEqual({ step: 'done', origin: 'file' });
    expect(isDone(progress.$progress.get(), 'intro', 'b')).toBe(true);
    expect(progress.$undo.get()?.action).toBe('import');
    progress.undo();
    expect(isDone(progress.$progress.get(), 'intro', 'b')).toBe(false);
  });

  it('cancels a preview without changing anything', async () => {
    const session = createImportSession(progress, CHAPTERS);
    const before = progress.$progress.get();
    await session.chooseFile(fileOf([['intro', 'b', true, T1]]));
    session.cancel();
    expect(session.$session.get()).toEqual({ step: 'idle' });
    expect(session.apply()).toBe(false);
    expect(progress.$progress.get()).toBe(before);
  });

  it.each([
    ['not JSON', chosen('a shopping list'), { code: 'not-json' }],
    ['empty', chosen(''), { code: 'empty' }],
    ['another course', chosen(fileJson('other', [])), { code: 'other-course', courseId: 'other' }],
    [
      'too large, never read',
      { size: MAX_IMPORT_BYTES + 1, text: () => Promise.reject(new Error('read')) },
      { code: 'too-large', bytes: MAX_IMPORT_BYTES + 1, limit: MAX_IMPORT_BYTES },
    ],
  ] as const)('refuses a file that is %s, and nothing changes', async (_name, file, problem) => {
    const session = createImportSession(progress, CHAPTERS);
    const before = progress.$progress.get();
    await session.chooseFile(file);
    expect(session.$session.get()).toEqual({ step: 'refused', origin: 'file', problem });
    expect(session.apply()).toBe(false);
    expect(progress.$progress.get()).toBe(before);
  });

  it('reads a file through the renames, and dates it by its export time, else its modification time', async () => {
    const session = createImportSession(progress, CHAPTERS);
    const undated = { ...JSON.parse(fileJson(COURSE, [['deploy', 'old', true, T1]])), exportedAt: undefined };
    await session.chooseFile({ ...chosen(JSON.stringify(undated)), lastModified: Date.parse(T2) });
    expect(session.$session.get()).toMatchObject({ step: 'preview', exportedAt: T2 });
    expect(session.$preview.get()!.willTick).toEqual([{ chapter: 'deploy', item: 'new' }]);
  });

  it('closes the preview when the file picker is emptied', async () => {
    const session = createImportSession(progress, CHAPTERS);
    await session.chooseFile(fileOf([['intro', 'b', true, T1]]));
    await session.chooseFile(undefined);
    expect(session.$session.get()).toEqual({ step: 'idle' });
  });

  it('lets a later choice win over a slower earlier read', async () => {
    const session = createImportSession(progress, CHAPTERS);
    let finish: (text: string) => void = () => {};
    const slow = session.chooseFile({ size: 10, text: () => new Promise((resolve) => (finish = resolve)) });
    session.openLink(encodeShareLink(setMark(emptyProgress(COURSE), 'deploy', 'c', true, new Date(T1)), { courseId: COURSE, chapters: CHAPTERS }));
    finish('not json');
    await slow;
    expect(session.$session.get()).toMatchObject({ step: 'preview', origin: 'link' });
  });

  it('previews a share link and applies it', () => {
    const session = createImportSession(progress, CHAPTERS);
    const payload = encodeShareLink(setMark(emptyProgress(COURSE), 'deploy', 'c', true, new Date(T1)), { courseId: COURSE, chapters: CHAPTERS });
    session.openLink(payload);
    expect(session.$session.get()).toMatchObject({ step: 'preview', origin: 'link', mode: 'merge' });
    expect(session.$preview.get()).toEqual({ ticked: 1, willTick: [{ chapter: 'deploy', item: 'c' }], willUntick: [] });
    expect(session.apply()).toBe(true);
    expect(session.$session.get()).toEqual({ step: 'done', origin: 'link' });
  });

  it.each([
    ['empty', '', { code: 'empty' }],
    ['garbage', '%%%', { code: 'not-link' }],
  ] as const)('refuses a share link that is %s', (_name, payload, problem) => {
    const session = createImportSession(progress, CHAPTERS);
    session.openLink(payload);
    expect(session.$session.get()).toEqual({ step: 'refused', origin: 'link', problem });
  });

  it('keeps the preview open when storage refuses the import', async () => {
    const session = createImportSession(progress, CHAPTERS);
    await session.chooseFile(fileOf([['intro', 'b', true, T1]]));
    const full = new Proxy(storage, {
      set(target, key, value) {
        if (key === progressKey(COURSE)) throw new DOMException('full', 'QuotaExceededError');
        return Reflect.set(target, key, value);
      },
    });
    setPersistentEngine(full, { addEventListener() {}, removeEventListener() {} });
    expect(session.apply()).toBe(false);
    expect(session.$session.get()).toMatchObject({ step: 'preview' });
    expect(progress.$saveError.get()).toBe('quota');
  });

  it('is one session per progress store', () => {
    expect(importSession(progress, CHAPTERS)).toBe(importSession(progress, []));
  });
});
