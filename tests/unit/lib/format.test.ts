import { describe, expect, it } from 'vitest';
import { fill, formatBytes, formatPlural } from '../../../src/lib/format';

describe('formatPlural', () => {
  const en = { one: '{{count}} step left', other: '{{count}} steps left' };
  const zh = { other: '还剩 {{count}} 步' };
  it.each([
    [en, 1, 'en', '1 step left'],
    [en, 2, 'en', '2 steps left'],
    [en, 0, 'en', '0 steps left'],
    [zh, 1, 'zh-CN', '还剩 1 步'],
    [zh, 5, 'zh-CN', '还剩 5 步'],
  ])('%j with %i in %s', (forms, count, lang, expected) => {
    expect(formatPlural(forms, count, lang)).toBe(expected);
  });
});

describe('fill', () => {
  it('fills known slots and leaves unknown ones visible', () => {
    expect(fill('{{done}} of {{total}} ({{x}})', { done: 3, total: 7 })).toBe('3 of 7 ({{x}})');
  });
});

describe('formatBytes', () => {
  it('uses readable units', () => {
    expect(formatBytes(52_428_800, 'en')).toBe('52.4 MB');
    expect(formatBytes(512, 'en')).toBe('512 bytes');
  });
});
