import { describe, expect, it } from 'vitest';
import { readChecklist } from '../../../src/lib/checklist-source';

const front = '---\nid: x\ntitle: X\nsummary: S\nupdated: 2026-11-01\n---\n';

describe('readChecklist', () => {
  it('reads ids, plain labels and file line numbers', () => {
    const src = `${front}\n## One\n\n<Checklist>\n  <Item id="first-step">Do **this** and \`that\`</Item>\n  <Item id="second">\n    Across lines\n  </Item>\n</Checklist>\n\n## Resources\n`;
    const result = readChecklist(src);
    expect(result.problems).toEqual([]);
    expect(result.items).toEqual([
      { id: 'first-step', label: 'Do this and that', line: 11 },
      { id: 'second', label: 'Across lines', line: 12 },
    ]);
    expect(result.checklistLine).toBe(10);
    expect(result.headingLines).toEqual([8, 17]);
  });

  it('ignores items shown inside code blocks', () => {
    const src = `${front}\n\`\`\`mdx\n<Item id="not-real">x</Item>\n\`\`\`\n`;
    expect(readChecklist(src)).toMatchObject({ items: [], problems: [] });
  });

  it.each([
    ['a repeated id', '<Checklist>\n<Item id="a">x</Item>\n<Item id="a">y</Item>\n</Checklist>', 'checklist item id "a" repeats (first used on line 8)', 9],
    ['a missing id', '<Checklist>\n<Item>x</Item>\n</Checklist>', '<Item> has no id', 8],
    ['an expression id', '<Checklist>\n<Item id={"a"}>x</Item>\n</Checklist>', 'must be a plain string', 8],
    ['a badly formed id', '<Checklist>\n<Item id="Deploy App">x</Item>\n</Checklist>', 'must be lowercase letters', 8],
    ['an item outside the checklist', '<Item id="a">x</Item>', 'must sit directly inside <Checklist>', 7],
    ['a second checklist', '<Checklist>\n<Item id="a">x</Item>\n</Checklist>\n\n<Checklist>\n<Item id="b">y</Item>\n</Checklist>', 'one <Checklist>', 11],
    ['an item without text', '<Checklist>\n<Item id="a"></Item>\n</Checklist>', 'has no text', 8],
    ['broken MDX', '<Checklist>\n<Item id="a">x\n</Checklist>', 'MDX does not parse', 8],
  ])('reports %s with its line', (_name, body, message, line) => {
    const { problems } = readChecklist(`${front}${body}\n`);
    expect(problems).toContainEqual({ line, message: expect.stringContaining(message) });
  });
});
