import { describe, expect, it } from 'vitest';
import { checkCodeProblems, describeCheckCodeProblem, templateFields, templateProblems } from '../../../src/lib/check-messages';

describe('templateFields', () => {
  it.each([
    ['no placeholders', 'plain text', []],
    ['a plain field', 'got {got}', ['got']],
    ['conversions and format specs', '{got!r} of {total:>5} and {ratio:.1%}', ['got', 'ratio', 'total']],
    ['a field used twice', '{a} and {a!r}', ['a']],
    ['doubled braces are literal', '{{not a field}} but {this}', ['this']],
    ['attribute and index access name the base', '{row[0]} {error.args}', ['error', 'row']],
  ])('%s', (_, template, fields) => {
    expect(templateFields(template)).toEqual(fields);
  });
});

describe('templateProblems', () => {
  const locales = ['en', 'zh-cn'];

  it('accepts messages complete in every locale with the same placeholders', () => {
    expect(templateProblems({ ok: { en: 'got {got!r}', 'zh-cn': '实际是 {got}' } }, locales)).toEqual([]);
  });

  it.each([
    ['a missing locale', { m: { en: 'x' } }, [{ code: 'missing-locale', key: 'm', locale: 'zh-cn' }]],
    ['an empty text', { m: { en: 'x', 'zh-cn': '' } }, [{ code: 'missing-locale', key: 'm', locale: 'zh-cn' }]],
    [
      'a placeholder only one language has',
      { m: { en: 'got {got}', 'zh-cn': '出错了' } },
      [{ code: 'fields-differ', key: 'm', locale: 'zh-cn', fields: [], expected: ['got'] }],
    ],
  ])('reports %s', (_, messages, expected) => {
    expect(templateProblems(messages as Record<string, Record<string, string>>, locales)).toEqual(expected);
  });

  it('reads only own keys of messages from outside', () => {
    const hostile = JSON.parse('{"__proto__": {"en": "x", "zh-cn": "y"}, "constructor": {"en": "{a}", "zh-cn": "{a}"}}') as Record<
      string,
      Record<string, string>
    >;
    expect(templateProblems(hostile, locales)).toEqual([]);
    expect(templateProblems({ m: JSON.parse('{"en": "x", "__proto__": {"zh-cn": "inherited"}}') }, locales)).toEqual([
      { code: 'missing-locale', key: 'm', locale: 'zh-cn' },
    ]);
  });
});

describe('checkCodeProblems', () => {
  it('accepts asserts that name declared messages, on one line or across several', () => {
    const code = "x = 1\nassert x == 1, msg('one', got=x)\nassert (\n    x\n    == 1\n), msg(\n    'two',\n)\n";
    expect(checkCodeProblems(code, ['one', 'two'])).toEqual([]);
  });

  it.each([
    ['a plain string message', "assert ok, 'plain English'", [], 'assert-without-msg'],
    ['an f-string message', "assert ok, f'got {x}'", [], 'assert-without-msg'],
    ['no message at all', 'assert ok', [], 'assert-without-msg'],
    ['a bracket that hides the comma', "assert (ok,\n  'a tuple is always true')", [], 'assert-without-msg'],
    ['an undeclared key', "assert ok, msg('nowhere')", [], 'undeclared'],
    ['a declared key nobody uses', "assert ok, msg('used')", ['used', 'spare'], 'unused'],
  ])('reports %s', (_, code, declared, expected) => {
    const problems = checkCodeProblems(code, declared);
    expect(problems.map((p) => p.code)).toEqual([expected]);
    expect(describeCheckCodeProblem(problems[0]!)).not.toBe('');
  });

  it('gives the line of the offending statement within the code', () => {
    expect(checkCodeProblems("a = 1\n\nassert a, 'no'", [])).toEqual([{ code: 'assert-without-msg', line: 2, statement: "assert a, 'no'" }]);
  });

  it('does not count brackets inside strings when following a statement', () => {
    expect(checkCodeProblems("assert ')' in text, msg('paren')\nassert False, 'next'", ['paren']).map((p) => p.code)).toEqual(['assert-without-msg']);
  });
});
