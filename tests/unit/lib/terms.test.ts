import { describe, expect, it } from 'vitest';
import { describeTermProblem, termProblems, type TermRule } from '../../../src/lib/terms';

const rules: TermRule[] = [
  { term: '地域', concept: 'region', avoid: ['地区'], allow: ['国家或地区', '所在地区'] },
  { term: '……', concept: 'ellipsis', avoid: ['…'], allow: ['……'] },
  { term: '动手实践', concept: 'walkthrough', avoid: ['演练'], allow: ['恢复演练'] },
];

describe('termProblems', () => {
  it.each([
    ['the preferred term', '选一个离用户近的地域。', []],
    ['a variant', '选一个离用户近的地区。', [[1, '地区']]],
    ['a variant inside an allowed phrase', '面向多个国家或地区的用户，看访问者所在地区。', []],
    ['an allowed phrase beside a bare variant', '国家或地区之外，还要选地区。', [[1, '地区']]],
    ['a doubled ellipsis', '正在加载……', []],
    ['a single ellipsis', '正在加载…', [[1, '…']]],
    [
      'a variant twice, on the second line',
      '第一行\n演练一下，再演练一次',
      [
        [2, '演练'],
        [2, '演练'],
      ],
    ],
    ['the restore drill', '每季度做一次恢复演练。', []],
  ])('%s', (_, text, expected) => {
    expect(termProblems(text, rules).map((p) => [p.line, p.found])).toEqual(expected);
  });

  it('says which term to use and why', () => {
    expect(describeTermProblem(termProblems('地区', rules)[0]!)).toBe('“地区”: the course says “地域” for region');
  });
});
