import { setPersistentEngine } from '@nanostores/persistent';
import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeKey, codeStore, forgetCodeStores } from '../../../src/stores/code';

const COURSE = 'fixture-course';
const STEP = 'first-deploy/wsgi-app';
const starters = { 'app.py': 'def application(environ, start_response):\n    return []\n', Procfile: '' };
let storage: Record<string, string>;

beforeEach(() => {
  storage = {};
  setPersistentEngine(storage, { addEventListener() {}, removeEventListener() {} });
  forgetCodeStores();
});

afterEach(() => {
  cleanStores(codeStore(COURSE).$code);
  forgetCodeStores();
});

const stored = () => (storage[codeKey(COURSE)] ? JSON.parse(storage[codeKey(COURSE)]!).steps : {});

describe('a step’s edits', () => {
  it.each([
    ['one file changed', { ...starters, Procfile: 'web: gunicorn app:application\n' }, true],
    ['every file changed', { 'app.py': 'x = 1\n', Procfile: 'web: x\n' }, true],
    ['a file missing from what the editors hold', { 'app.py': starters['app.py'] }, true],
    ['every file back to its starter', { ...starters }, false],
  ])('%s: kept = %s', (_name, files, kept) => {
    const code = codeStore(COURSE);
    code.save(STEP, { 'app.py': 'earlier edit\n' });
    code.edit(STEP, files, starters);
    if (kept) expect(stored()[STEP].files).toEqual(files);
    else expect(stored()).not.toHaveProperty([STEP]);
  });

  it('leaves other steps alone', () => {
    const code = codeStore(COURSE);
    code.save('first-deploy/config-vars', { 'config-vars.env': 'A=1\n' });
    code.edit(STEP, { ...starters }, starters);
    expect(Object.keys(stored())).toEqual(['first-deploy/config-vars']);
  });
});
