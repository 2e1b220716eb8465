import { describe, expect, it } from 'vitest';
import { uiLocaleKeys } from '../../../src/config/locales';
import { templateProblems } from '../../../src/lib/check-messages';
import { harnessCatalogProblems } from '../../../src/data/walkthroughs';
import catalog from '../../../src/runtime/python/waymark/messages.json';

/** The harness's catalog: what the simulated platform and the checks say, in every language the interface has. */
describe('harness message catalog', () => {
  it.each(['messages', 'buildLog'] as const)('%s has every message in every interface language, with the same placeholders', (section) => {
    expect(templateProblems(catalog[section] as Record<string, Record<string, string>>, uiLocaleKeys)).toEqual([]);
  });

  it('is what the build validates', () => {
    expect(harnessCatalogProblems()).toEqual([]);
  });

  it('reports a message missing a language, naming the message', () => {
    const broken = { messages: { 'run.exit': { en: 'The program exited with status {code}.' } }, buildLog: {} };
    expect(harnessCatalogProblems(broken)).toEqual([
      { file: 'src/runtime/python/waymark/messages.json', message: expect.stringContaining('"run.exit" has no zh-cn text') },
    ]);
  });
});
