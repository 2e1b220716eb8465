import { describe, expect, it } from 'vitest';
import { uiLocaleKeys } from '../../../src/config/locales';
import { uiStrings } from '../../../src/i18n/ui-strings';
import type { RunResult } from '../../../src/runtime/protocol';
import type { StepRunState } from '../../../src/stores/step-run';
import { stepStringKeys } from '../../../src/components/step-data';
import { statusText } from '../../../src/components/step-view';

const strings = uiStrings('en', stepStringKeys);
const context = { strings, lang: 'en', timeoutMs: 5000, itemLabel: 'Add a pinned requirements.txt' };
const check = (passed: boolean) => ({ id: 'ok', name: 'responds 200', passed, reason: passed ? '' : 'got 500' });
const result = (ok: boolean, checks = [check(ok)]): RunResult => ({ ok, stdout: '', stderr: '', log: [], exchanges: [], checks, error: null });

describe('the strings <wm-step> receives', () => {
  it.each(uiLocaleKeys)('are built for %s under every name the table lists, plural forms as a table', (locale) => {
    const built = uiStrings(locale, stepStringKeys);
    expect(Object.keys(built).sort()).toEqual(Object.keys(stepStringKeys).sort());
    for (const [name, value] of Object.entries(built)) {
      if (name === 'summary') expect(value).toHaveProperty('other');
      else expect(typeof value === 'string' && value.trim(), name).toBeTruthy();
    }
  });
});

describe('the step’s status line', () => {
  it.each<[string, StepRunState, string | undefined]>([
    ['idle says nothing new', { phase: 'idle' }, undefined],
    ['running keeps the last words', { phase: 'running' }, undefined],
    ['loading counts bytes', { phase: 'loading', loaded: 2_500_000, total: 13_400_000 }, 'Loading Python: 2.5 MB of 13.4 MB'],
    [
      'a timeout says Python restarted',
      { phase: 'timeout' },
      'Stopped after 5 s: the code ran too long (an endless loop?). Python was restarted, so the next run starts fresh.',
    ],
    ['a crash quotes the message', { phase: 'crash', message: 'boom' }, 'Python stopped unexpectedly (boom). It has been replaced; run again.'],
    [
      'a failed load quotes the message',
      { phase: 'load-failed', message: 'NetworkError', offline: false },
      'Python could not be loaded (NetworkError). Check your connection and run again.',
    ],
    [
      'a failed load offline says where to save Python',
      { phase: 'load-failed', message: '', offline: true },
      "Python isn't available offline: it hasn't been saved in this browser. Run again when you're online, or save it for later.",
    ],
    [
      'a failing result counts checks',
      { phase: 'result', result: result(false, [check(true), check(false)]), ms: 12.4, interrupted: false, ticked: false },
      '1 of 2 checks passed. Ran in 12 ms.',
    ],
    ['one check uses the singular', { phase: 'result', result: result(false), ms: 3, interrupted: false, ticked: false }, '0 of 1 check passed. Ran in 3 ms.'],
    ['a passing result', { phase: 'result', result: result(true), ms: 7, interrupted: false, ticked: false }, 'Every check passed. Ran in 7 ms.'],
    [
      'a passing result that ticked names the item',
      { phase: 'result', result: result(true), ms: 7, interrupted: false, ticked: true },
      'Every check passed: “Add a pinned requirements.txt” is now ticked in the learning checklist.',
    ],
    [
      'an interrupted result',
      { phase: 'result', result: result(false), ms: 5001, interrupted: true, ticked: false },
      'Stopped after 5 s: the code ran too long (an endless loop?).',
    ],
  ])('%s', (_name, state, expected) => {
    expect(statusText(state, context)).toBe(expected);
  });
});
