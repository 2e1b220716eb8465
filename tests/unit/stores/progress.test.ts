import { cleanStores } from 'nanostores';
import { setPersistentEngine, type PersistentListener } from '@nanostores/persistent';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOSTILE_IDS, ownMarks, passesIdRule, prototypesClean, recordJson, type RawMark } from '../hostile-ids';
import { emptyProgress, isDone, setMark } from '../../../src/lib/progress';
import { keptAsideKey } from '../../../src/stores/kept-aside';
import { forgetProgressStores, progressKey, progressStore } from '../../../src/stores/progress';

const COURSE = 'deploying-python-web-apps';
let storage: Record<string, string>;
let listeners: PersistentListener[];

/** Fires a `storage` event the way another tab's write would. */
function otherTabWrites(key: string, newValue: string): void {
  storage[key] = newValue;
  for (const listener of listeners) listener({ key, newValue });
}

beforeEach(() => {
  storage = {};
  listeners = [];
  setPersistentEngine(storage, {
    addEventListener(_key, listener) {
      listeners.push(listener);
    },
    removeEventListener(_key, listener) {
      listeners = listeners.filter((l) => l !== listener);
    },
  });
  forgetProgressStores();
});

afterEach(() => {
  const store = progressStore(COURSE);
  cleanStores(store.$progress, store.$keptAside);
  forgetProgressStores();
});

describe('progress store', () => {
  it('writes ticks under the versioned, course-scoped key', () => {
    const store = progressStore(COURSE);
    store.setItem('platform-as-a-service', 'deploy-app', true);
    expect(progressKey(COURSE)).toBe('waymark:deploying-python-web-apps:progress:v1');
    const saved = JSON.parse(storage[progressKey(COURSE)]!);
    expect(saved.chapters['platform-as-a-service']['deploy-app'].done).toBe(true);
  });

  it('reads what an earlier visit saved', () => {
    storage[progressKey(COURSE)] = JSON.stringify(setMark(emptyProgress(COURSE), 'c', 'i', true, new Date()));
    expect(isDone(progressStore(COURSE).$progress.get(), 'c', 'i')).toBe(true);
  });

  it('keeps two courses apart', () => {
    progressStore('course-a').setItem('c', 'i', true);
    expect(isDone(progressStore('course-b').$progress.get(), 'c', 'i')).toBe(false);
    expect(Object.keys(storage).sort()).toEqual(['waymark:course-a:progress:v1']);
  });

  it.each([
    ['corrupt JSON', '{"version":1,"cour', 'truncated'],
    ['a value from another program', '"dark"', 'not-progress'],
    ["another course's record", JSON.stringify(emptyProgress('another-course')), 'other-course'],
    ['a newer version', JSON.stringify({ ...emptyProgress(COURSE), version: 9 }), 'newer-version'],
  ])('keeps %s aside instead of losing it, and starts empty', (_name, raw, code) => {
    storage[progressKey(COURSE)] = raw;
    const store = progressStore(COURSE);
    expect(store.$progress.get()).toEqual(emptyProgress(COURSE));
    const kept = JSON.parse(storage[keptAsideKey(COURSE)]!);
    expect(kept).toHaveLength(1);
    expect(kept[0].raw).toBe(raw);
    expect(kept[0].problem.code).toBe(code);
    // The unusable value is replaced, so discarding the copy does not bring it back.
    expect(JSON.parse(storage[progressKey(COURSE)]!)).toEqual(emptyProgress(COURSE));
  });

  it('discards kept-aside data only when asked', () => {
    storage[progressKey(COURSE)] = 'nonsense';
    const store = progressStore(COURSE);
    const [entry] = store.$keptAside.get();
    store.discardKeptAside(entry!.keptAt);
    expect(JSON.parse(storage[keptAsideKey(COURSE)]!)).toEqual([]);
  });

  it('keeps a damaged kept-aside list as an entry of its own', () => {
    storage[keptAsideKey(COURSE)] = 'oops';
    const store = progressStore(COURSE);
    expect(store.$keptAside.get()).toMatchObject([{ raw: 'oops' }]);
  });

  it('follows another tab, validating what it wrote', () => {
    const store = progressStore(COURSE);
    const seen: boolean[] = [];
    const stop = store.$progress.listen((doc) => seen.push(isDone(doc, 'c', 'i')));
    otherTabWrites(progressKey(COURSE), JSON.stringify(setMark(emptyProgress(COURSE), 'c', 'i', true, new Date())));
    otherTabWrites(progressKey(COURSE), 'garbage from elsewhere');
    stop();
    expect(seen).toEqual([true, false]);
    expect(store.$keptAside.get().map((k) => k.raw)).toContain('garbage from elsewhere');
  });

  it('undoes a reset', () => {
    const store = progressStore(COURSE);
    store.setItem('c', 'i', true);
    store.reset();
    expect(isDone(store.$progress.get(), 'c', 'i')).toBe(false);
    expect(store.$undo.get()?.action).toBe('reset');
    store.undo();
    expect(isDone(store.$progress.get(), 'c', 'i')).toBe(true);
    expect(store.$undo.get()).toBeNull();
  });

  it('merges or replaces on import, and can undo it', () => {
    const store = progressStore(COURSE);
    store.setItem('c', 'mine', true);
    const incoming = setMark(emptyProgress(COURSE), 'c', 'theirs', true, new Date());
    store.importProgress(incoming, 'merge');
    expect([isDone(store.$progress.get(), 'c', 'mine'), isDone(store.$progress.get(), 'c', 'theirs')]).toEqual([true, true]);
    store.importProgress(incoming, 'replace');
    expect([isDone(store.$progress.get(), 'c', 'mine'), isDone(store.$progress.get(), 'c', 'theirs')]).toEqual([false, true]);
    store.undo();
    expect(isDone(store.$progress.get(), 'c', 'mine')).toBe(true);
  });

  it('reports a full storage and keeps the last good state', () => {
    const full = new Proxy(storage, {
      set(target, key, value) {
        if (key === progressKey(COURSE)) throw new DOMException('full', 'QuotaExceededError');
        return Reflect.set(target, key, value);
      },
    });
    setPersistentEngine(full, { addEventListener() {}, removeEventListener() {} });
    const store = progressStore(COURSE);
    store.setItem('c', 'i', true);
    expect(store.$saveError.get()).toBe('quota');
    expect(isDone(store.$progress.get(), 'c', 'i')).toBe(false);
  });
});

describe('progress store with renamed and retired items', () => {
  const RENAMES = { 'c/old': 'c/new', 'gone-chapter/moved': 'c/moved-here' };
  const T1 = new Date('2026-11-01T10:00:00Z');
  const T2 = new Date('2026-11-02T10:00:00Z');
  /** A record with a tick under an old id and one under a removed item. */
  const saved = () => setMark(setMark(emptyProgress(COURSE), 'c', 'old', true, T1), 'c', 'removed', true, T1);
  const retiredTick = { done: true, at: T1.toISOString() };

  it('moves ticks under old ids to the new ids when reading, and stores them on the next change', () => {
    storage[progressKey(COURSE)] = JSON.stringify(saved());
    const store = progressStore(COURSE, { renames: RENAMES });
    expect(isDone(store.$progress.get(), 'c', 'new')).toBe(true);
    expect(store.$progress.get().chapters.c!.old).toBeUndefined();
    // Reading alone changes nothing stored.
    expect(JSON.parse(storage[progressKey(COURSE)]!)).toEqual(saved());
    store.setItem('c', 'other', true);
    const written = JSON.parse(storage[progressKey(COURSE)]!);
    expect(Object.keys(written.chapters.c).sort()).toEqual(['new', 'other', 'removed']);
    expect(written.chapters.c.new).toEqual({ done: true, at: T1.toISOString() });
  });

  it('renames what another tab writes', () => {
    const store = progressStore(COURSE, { renames: RENAMES });
    otherTabWrites(progressKey(COURSE), JSON.stringify(setMark(emptyProgress(COURSE), 'gone-chapter', 'moved', true, T1)));
    expect(store.$progress.get().chapters).toEqual({ c: { 'moved-here': { done: true, at: T1.toISOString() } } });
  });

  it.each([
    // The untick just made is later than the file's tick under the old id.
    ['merge', false],
    // Replace makes the record match the file, renamed.
    ['replace', true],
  ] as const)('renames an imported file (%s)', (mode, ticked) => {
    const store = progressStore(COURSE, { renames: RENAMES });
    store.setItem('c', 'new', false);
    const file = setMark(emptyProgress(COURSE), 'c', 'old', true, T2);
    store.importProgress(file, mode);
    expect(isDone(store.$progress.get(), 'c', 'new')).toBe(ticked);
    expect(store.$progress.get().chapters.c!.old).toBeUndefined();
  });

  it('keeps retired ticks through ticking, a merging import, another tab and a reset that is undone', () => {
    storage[progressKey(COURSE)] = JSON.stringify(saved());
    const store = progressStore(COURSE, { renames: RENAMES });
    store.setItem('c', 'new', false);
    store.importProgress(setMark(emptyProgress(COURSE), 'c', 'x', true, T2), 'merge');
    expect(JSON.parse(storage[progressKey(COURSE)]!).chapters.c.removed).toEqual(retiredTick);
    otherTabWrites(progressKey(COURSE), storage[progressKey(COURSE)]!);
    store.reset();
    store.undo();
    expect(store.$progress.get().chapters.c!.removed).toEqual(retiredTick);
    expect(JSON.parse(storage[progressKey(COURSE)]!).chapters.c.removed).toEqual(retiredTick);
  });
});

describe('code store', () => {
  it('keeps edits per step under its own versioned key, and Reset removes them', async () => {
    const { codeStore, codeKey, forgetCodeStores } = await import('../../../src/stores/code');
    forgetCodeStores();
    const code = codeStore(COURSE);
    code.save('first-deploy/wsgi-app', { 'app.py': 'print(1)\n' });
    expect(codeKey(COURSE)).toBe('waymark:deploying-python-web-apps:code:v1');
    expect(JSON.parse(storage[codeKey(COURSE)]!).steps['first-deploy/wsgi-app'].files).toEqual({ 'app.py': 'print(1)\n' });
    code.reset('first-deploy/wsgi-app');
    expect(JSON.parse(storage[codeKey(COURSE)]!).steps).toEqual({});
    cleanStores(code.$code);
    forgetCodeStores();
  });

  it.each([
    ['not JSON', '{{', 'not-json'],
    ['a file name that climbs out', JSON.stringify({ version: 1, courseId: COURSE, steps: { 'a/b': { files: { '../x.py': '' }, at: 'now' } } }), 'invalid'],
    ['another course', JSON.stringify({ version: 1, courseId: 'other', steps: {} }), 'other-course'],
  ])('keeps %s aside and starts from the starters', async (_name, raw, code) => {
    const { codeStore, codeKey, forgetCodeStores } = await import('../../../src/stores/code');
    forgetCodeStores();
    storage[codeKey(COURSE)] = raw;
    const store = codeStore(COURSE);
    expect(store.$code.get().steps).toEqual({});
    const kept = progressStore(COURSE).$keptAside.get();
    expect(kept).toMatchObject([{ key: codeKey(COURSE), raw, problem: { code } }]);
    cleanStores(store.$code);
    forgetCodeStores();
  });
});

describe.each(HOSTILE_IDS)('progress store with the outside id "%s"', (id) => {
  const T = '2026-11-20T08:00:00.000Z';
  const RENAMES = { 'c/old': 'c/new' };
  const marks: RawMark[] = [
    [id, 'prototype', true, T],
    [id, id, false, T],
    ['c', id, true, T],
    ['c', 'old', true, T],
  ];
  const renamed: RawMark[] = [
    [id, 'prototype', true, T],
    [id, id, false, T],
    ['c', id, true, T],
    ['c', 'new', true, T],
  ];
  const own = (m: RawMark[]) => ownMarks(JSON.parse(recordJson(COURSE, m)).chapters);

  afterEach(() => expect(prototypesClean()).toBe(true));

  it(
    passesIdRule(id) ? 'reads a stored record with it, loses none of its marks and writes them back' : 'keeps a stored record with it aside, as it was',
    () => {
      const raw = recordJson(COURSE, marks);
      storage[progressKey(COURSE)] = raw;
      const store = progressStore(COURSE, { renames: RENAMES });
      if (!passesIdRule(id)) {
        expect(ownMarks(store.$progress.get().chapters)).toEqual([]);
        expect(store.$keptAside.get().map((k) => k.raw)).toEqual([raw]);
        return;
      }
      expect(ownMarks(store.$progress.get().chapters)).toEqual(own(renamed));
      store.setItem('c', 'other', true);
      expect(ownMarks(JSON.parse(storage[progressKey(COURSE)]!).chapters)).toEqual(
        own([...renamed, ['c', 'other', true, store.$progress.get().chapters.c!.other!.at]]),
      );
      expect(store.$keptAside.get()).toEqual([]);
    },
  );

  it.each(['merge', 'replace'] as const)('imports a record with it (%s) and can undo', (mode) => {
    const store = progressStore(COURSE, { renames: RENAMES });
    store.setItem('c', 'mine', true);
    const before = ownMarks(store.$progress.get().chapters);
    // Built as a decoder would, so that even `__proto__` is a key of its own.
    store.importProgress(JSON.parse(recordJson(COURSE, marks)), mode);
    const expected = mode === 'merge' ? own([...renamed, ['c', 'mine', true, store.$progress.get().chapters.c!.mine!.at]]) : own(renamed);
    expect(ownMarks(store.$progress.get().chapters)).toEqual(expected);
    expect(ownMarks(JSON.parse(storage[progressKey(COURSE)]!).chapters)).toEqual(expected);
    store.undo();
    expect(ownMarks(store.$progress.get().chapters)).toEqual(before);
  });
});
