import { afterEach, describe, expect, it } from 'vitest';
import { decodeCode, emptyCode, walkthroughStarted, withStepEdits } from '../../../src/lib/code-doc';
import { HOSTILE_IDS, prototypesClean } from '../hostile-ids';

const COURSE = 'demo-course';
const AT = '2026-11-20T08:00:00.000Z';

/** Stored walkthrough edits as JSON text, written by hand so that `__proto__` is a key like any other. */
const stored = (step: string, files: [string, string][]) =>
  `{"version":1,"courseId":"${COURSE}","steps":{${JSON.stringify(step)}:{"at":"${AT}","files":{${files.map(([n, t]) => `${JSON.stringify(n)}:${JSON.stringify(t)}`).join(',')}}}}}`;

const ownFiles = (files: object | undefined) =>
  files
    ? Object.keys(files)
        .sort()
        .map((k) => [k, (files as Record<string, string>)[k]])
    : undefined;

describe.each(HOSTILE_IDS)('walkthrough edits with the outside name "%s"', (name) => {
  afterEach(() => expect(prototypesClean()).toBe(true));

  it('keeps a file of that name, and the others', () => {
    const result = decodeCode(
      stored('first-deploy/wsgi-app', [
        [name, 'one'],
        ['app.py', 'two'],
      ]),
      COURSE,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const files = Object.hasOwn(result.doc.steps, 'first-deploy/wsgi-app') ? result.doc.steps['first-deploy/wsgi-app']!.files : undefined;
    expect(ownFiles(files)).toEqual(
      [
        [name, 'one'],
        ['app.py', 'two'],
      ].sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
  });

  it('saves and resets a step whose files carry that name', () => {
    const files = JSON.parse(`{${JSON.stringify(name)}:"one"}`) as Record<string, string>;
    const saved = withStepEdits(emptyCode(COURSE), 'a/b', files, new Date(AT));
    expect(ownFiles(JSON.parse(JSON.stringify(saved)).steps['a/b'].files)).toEqual([[name, 'one']]);
    expect(Object.keys(withStepEdits(saved, 'a/b', undefined, new Date(AT)).steps)).toEqual([]);
  });
});

describe('whether the learner has started a walkthrough', () => {
  const when = new Date(AT);
  const edited = withStepEdits(emptyCode(COURSE), 'first-deploy/wsgi-app', { 'app.py': 'x = 1\n' }, when);
  it.each([
    ['a step of it has edits', edited, 'first-deploy', true],
    ['only another walkthrough has edits', edited, 'second-deploy', false],
    ['a walkthrough whose id begins the same', edited, 'first', false],
    ['nothing is stored', emptyCode(COURSE), 'first-deploy', false],
    ['its only edits were reset', withStepEdits(edited, 'first-deploy/wsgi-app', undefined, when), 'first-deploy', false],
  ])('%s: %s', (_name, doc, walkthrough, started) => {
    expect(walkthroughStarted(doc, walkthrough)).toBe(started);
  });
});
