import { describe, expect, it } from 'vitest';
import { baseKeys, pluralForms, resources, t } from '../../src/i18n';
import { uiLocaleKeys as localeKeys } from '../../src/config/locales';

describe('UI strings', () => {
  it.each(localeKeys.filter((l) => l !== 'en'))('%s has exactly the English keys', (locale) => {
    expect([...baseKeys(resources[locale])].sort()).toEqual([...baseKeys(resources.en)].sort());
  });

  it.each(localeKeys)('%s has no empty strings', (locale) => {
    expect(Object.entries(resources[locale]).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it('uses plural forms at build time', () => {
    expect(t('en')('progress.left', { count: 1 })).toBe('1 step left');
    expect(t('en')('progress.left', { count: 2 })).toBe('2 steps left');
    expect(t('zh-cn')('progress.left', { count: 2 })).toBe('还剩 2 项');
  });

  it('hands the browser every plural form a language needs', () => {
    expect(pluralForms('en', 'progress.left')).toEqual({ one: '{{count}} step left', other: '{{count}} steps left' });
    expect(pluralForms('zh-cn', 'progress.left')).toEqual({ other: '还剩 {{count}} 项' });
  });
});
