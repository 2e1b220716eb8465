import { describe, expect, it } from 'vitest';
import { checkFactUses, factValue, reviewCutoff, staleFacts, type ChapterFactUses, type FactRecord } from '../../../src/lib/fact-model';

const fact = (id: string, extra: Partial<FactRecord> = {}): FactRecord & { file: string; line: number } => ({
  id,
  label: { en: id, 'zh-cn': id },
  source: 'https://example.org/',
  checked: '2026-11-01',
  locales: ['en', 'zh-cn'],
  file: 'content/facts/x.json',
  line: 3,
  ...extra,
});

const uses = (locale: string, ...list: [string, boolean][]): ChapterFactUses => ({
  chapterId: 'ch',
  locale,
  file: `content/${locale}/ch.mdx`,
  uses: list.map(([id, wraps], i) => ({ id, wraps, line: 10 + i })),
});

describe('factValue', () => {
  it.each([
    ['a value for every language', { value: '27.0.1' }, 'zh-cn', '27.0.1'],
    ['a value per language', { value: { en: '$5', 'zh-cn': '5 美元' } }, 'zh-cn', '5 美元'],
    ['no value', {}, 'en', undefined],
    ['an inherited key is no value', { value: JSON.parse('{"en": "x"}') as Record<string, string> }, 'constructor', undefined],
  ])('%s', (_, f, locale, expected) => {
    expect(factValue(f, locale)).toBe(expected);
  });
});

describe('checkFactUses', () => {
  const facts = [fact('price', { value: '5' }), fact('sunset'), fact('mirror', { value: 'https://m', locales: ['zh-cn'] })];

  it('accepts each fact used the right way in every language it belongs to', () => {
    expect(
      checkFactUses(facts, [uses('en', ['price', false], ['sunset', true]), uses('zh-cn', ['price', false], ['sunset', true], ['mirror', false])]),
    ).toEqual([]);
  });

  it.each([
    ['an unknown id', [uses('en', ['nope', false])], 'names no fact'],
    ['words that could contradict a recorded value', [uses('en', ['price', true]), uses('zh-cn', ['price', false])], 'has a value'],
    ['a fact without value and without words', [uses('en', ['sunset', false]), uses('zh-cn', ['sunset', true])], 'must wrap the words'],
    ['a China-only fact on the English page', [uses('en', ['mirror', false])], 'only for zh-cn'],
    ['a shared fact stated in one language only', [uses('en', ['price', false]), uses('zh-cn')], 'not in this one'],
  ])('reports %s', (_, chapters, message) => {
    const problems = checkFactUses(facts, chapters).filter((p) => !p.message.includes('not used by any chapter'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain(message);
  });

  it('reports facts no chapter uses, at their line in the facts file', () => {
    expect(checkFactUses([fact('lonely')], [])).toEqual([
      { file: 'content/facts/x.json', line: 3, message: expect.stringContaining('not used by any chapter') },
    ]);
  });

  it('treats hostile ids as plain ids', () => {
    const problems = checkFactUses([], [uses('en', ['constructor', false], ['__proto__', false])]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('"constructor"'), expect.stringContaining('"__proto__"')]);
  });
});

describe('reviewCutoff and staleFacts', () => {
  it.each([
    ['2026-12-03', 6, '2026-06-03'],
    ['2026-03-15', 6, '2025-09-15'],
    ['2026-08-31', 6, '2026-02-28'],
    ['2028-08-31', 6, '2028-02-29'],
    ['2026-12-03', 12, '2025-12-03'],
  ])('%s minus %i months is %s', (today, months, cutoff) => {
    expect(reviewCutoff(today, months)).toBe(cutoff);
  });

  it('lists facts checked before the cutoff, oldest first; one checked on the cutoff day is still fresh', () => {
    const facts = [
      fact('fresh', { checked: '2026-11-30' }),
      fact('edge', { checked: '2026-06-03' }),
      fact('old', { checked: '2026-01-10' }),
      fact('older', { checked: '2025-02-01' }),
    ];
    expect(staleFacts(facts, '2026-12-03', 6).map((f) => f.id)).toEqual(['older', 'old']);
  });
});
