import { setPersistentEngine } from '@nanostores/persistent';
import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetLearnerStores, learnerKey, learnerStore } from '../../../src/stores/learner';
import { keptAsideKey } from '../../../src/stores/kept-aside';
import { forgetProgressStores } from '../../../src/stores/progress';

const COURSE = 'deploying-python-web-apps';
let storage: Record<string, string>;

beforeEach(() => {
  storage = {};
  setPersistentEngine(storage, { addEventListener() {}, removeEventListener() {} });
  forgetLearnerStores();
  forgetProgressStores();
});

afterEach(() => {
  cleanStores(learnerStore(COURSE).$learner);
  forgetLearnerStores();
  forgetProgressStores();
});

describe('learner name store', () => {
  it('remembers the cleaned name under a course-scoped key', () => {
    expect(learnerKey(COURSE)).toBe('waymark:deploying-python-web-apps:learner');
    const store = learnerStore(COURSE);
    expect(store.$learner.get()).toBe('');
    expect(store.setLearner('  Ada   Lovelace ')).toBe(true);
    expect(storage[learnerKey(COURSE)]).toBe('"Ada Lovelace"');
    forgetLearnerStores();
    forgetProgressStores();
    expect(learnerStore(COURSE).$learner.get()).toBe('Ada Lovelace');
  });

  it('keeps an unusable stored value aside and starts empty', () => {
    storage[learnerKey(COURSE)] = '{"name": 42}';
    expect(learnerStore(COURSE).$learner.get()).toBe('');
    const kept = JSON.parse(storage[keptAsideKey(COURSE)]!);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ key: learnerKey(COURSE), raw: '{"name": 42}', problem: { code: 'invalid' } });
  });
});
