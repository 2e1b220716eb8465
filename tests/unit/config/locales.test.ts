import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../../src/config/locales';

describe('pickLocale', () => {
  it.each([
    [['zh-CN', 'en'], 'zh-cn'],
    [['zh-TW'], 'zh-cn'],
    [['zh'], 'zh-cn'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR'], 'en'],
    [[], 'en'],
    [['zhx'], 'en'],
  ])('%j → %s', (preferred, expected) => {
    expect(pickLocale(preferred, ['en', 'zh-cn'])).toBe(expected);
  });

  it("falls back to the course's first language when it lacks the preferred one", () => {
    expect(pickLocale(['zh-CN'], ['en'])).toBe('en');
    expect(pickLocale(['en-US'], ['zh-cn', 'en'])).toBe('zh-cn');
    expect(pickLocale(['zh-CN'], ['zh-cn'])).toBe('zh-cn');
  });
});

describe('localeOf', () => {
  it.each([
    ['zh-cn', 'zh-cn'],
    ['en', 'en'],
    [undefined, 'en'],
    ['fr', 'en'],
  ])('%s → %s', async (current, expected) => {
    const { localeOf } = await import('../../../src/config/locales');
    expect(localeOf(current)).toBe(expected);
  });
});
