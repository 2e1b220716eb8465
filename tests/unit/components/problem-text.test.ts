import { describe, expect, it } from 'vitest';
import { uiLocaleKeys } from '../../../src/config/locales';
import { resources } from '../../../src/i18n';
import { PROBLEM_TEXT, problemValues } from '../../../src/components/problem-text';
import { classDashboardStrings } from '../../../src/components/class-dashboard-strings';
import * as progressStrings from '../../../src/components/progress-strings';
import { uiStrings, type StringSpec } from '../../../src/i18n/ui-strings';

/** Every UI key a spec names, plural keys by their base name. */
function keysOf(spec: StringSpec): string[] {
  return Object.values(spec).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : 'plural' in entry && typeof entry.plural === 'string' ? [entry.plural] : keysOf(entry as StringSpec),
  );
}

describe.each(Object.entries(PROBLEM_TEXT))('problem strings shown on the %s side', (_place, map) => {
  it.each(uiLocaleKeys)('exist in %s, one per code, none empty', (locale) => {
    for (const [code, key] of Object.entries(map)) expect(resources[locale][key]?.trim(), `${code} → ${key}`).toBeTruthy();
  });
});

const specs: [string, StringSpec][] = [...Object.entries(progressStrings), ['classDashboardStrings', classDashboardStrings]];

describe.each(specs)('the browser strings of %s', (_name, spec) => {
  it.each(uiLocaleKeys)('translate into %s, every key present', (locale) => {
    for (const key of keysOf(spec))
      expect(
        Object.keys(resources[locale]).some((k) => k === key || k.startsWith(`${key}_`)),
        key,
      ).toBe(true);
    expect(() => uiStrings(locale, spec)).not.toThrow();
  });
});

describe('uiStrings', () => {
  it('hands templates over unfilled, plural forms by category, nested specs as they are nested', () => {
    const strings = uiStrings('en', classDashboardStrings);
    expect(strings.problems['same-file']).toBe('The same file as “{{of}}”, which is already counted.');
    expect(strings.learners).toEqual({ one: '{{count}} learner', other: '{{count}} learners' });
    expect(strings.csv.learner).toBe(resources.en['dashboard.learner']);
  });
});

describe('problemValues', () => {
  it.each([
    [{ code: 'too-large', bytes: 52_428_800, limit: 1_048_576 } as const, { bytes: 52_428_800, limit: '1 MB', size: '52.4 MB' }],
    [{ code: 'other-course', courseId: 'rust' } as const, { courseId: 'rust' }],
    [{ code: 'invalid', path: 'chapters.x' } as const, { path: 'chapters.x' }],
    [{ code: 'too-long', chars: 20_000, limit: 16_384 } as const, { chars: 20_000, limit: 16_384 }],
    [{ code: 'older-export', of: 'b.json', learner: 'Ann' } as const, { of: 'b.json', learner: 'Ann' }],
    [{ code: 'damaged' } as const, {}],
  ])('fills the slots of %o', (problem, values) => {
    expect(problemValues(problem, 'en')).toEqual(values);
  });
});
