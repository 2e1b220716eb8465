import { describe, expect, it } from 'vitest';
import { checkWalkthroughs, type ChapterWalkthroughs, type WalkthroughShape } from '../../../src/lib/walkthrough-model';

const def: WalkthroughShape = {
  id: 'first-deploy',
  chapter: 'paas',
  file: 'content/walkthroughs/first-deploy/walkthrough.json',
  steps: [{ id: 'one', item: 'deploy-app' }, { id: 'two' }],
};

function placed(steps: string[], extra: Partial<ChapterWalkthroughs> = {}): ChapterWalkthroughs {
  return {
    chapterId: 'paas',
    file: 'content/en/paas.mdx',
    items: ['deploy-app'],
    walkthroughs: [{ id: 'first-deploy', line: 40, steps: steps.map((id, i) => ({ id, line: 41 + i })) }],
    ...extra,
  };
}

describe('checkWalkthroughs', () => {
  it('accepts a walkthrough placed with all its steps in order', () => {
    expect(checkWalkthroughs([def], [placed(['one', 'two'])])).toEqual([]);
  });

  it.each([
    ['steps out of order', [def], [placed(['two', 'one'])], 'content/en/paas.mdx', 'the <Step> elements of "first-deploy" are two, one but'],
    ['a missing step', [def], [placed(['one'])], 'content/en/paas.mdx', 'are one but'],
    ['an unknown walkthrough', [], [placed(['one', 'two'])], 'content/en/paas.mdx', 'walkthrough "first-deploy" does not exist'],
    ['a walkthrough of another chapter', [{ ...def, chapter: 'other' }], [placed(['one', 'two'])], 'content/en/paas.mdx', 'belongs to chapter "other"'],
    ['a walkthrough never placed', [def], [placed([], { walkthroughs: [] })], 'content/en/paas.mdx', 'is not placed in this chapter'],
    [
      'an item the chapter lacks',
      [def],
      [placed(['one', 'two'], { items: ['other'] })],
      def.file,
      'ticks checklist item "deploy-app", which chapter "paas" does not have',
    ],
  ] as [string, WalkthroughShape[], ChapterWalkthroughs[], string, string][])('reports %s, naming the file', (_name, defs, chapters, file, message) => {
    const problems = checkWalkthroughs(defs, chapters);
    expect(problems).toContainEqual(expect.objectContaining({ file, message: expect.stringContaining(message) }));
  });
});
