import { describe, expect, it } from 'vitest';
import { frontmatterLine } from '../../../src/lib/item-changes';

describe('frontmatterLine', () => {
  const source = '---\nid: c\nrenamed:\n  old-a: a\n  other/old-b: b\nretired: { gone: "Gone", "c/went": "Went" }\n---\n\nrenamed: not frontmatter\n';
  it.each([
    ['renamed', undefined, 3],
    ['renamed', 'old-a', 4],
    ['renamed', 'other/old-b', 5],
    ['renamed', 'missing', 3],
    ['retired', 'gone', 6],
    ['retired', 'c/went', 6],
    ['summary', undefined, 1],
  ])('finds %s %s on line %i', (key, entry, line) => {
    expect(frontmatterLine(source, key, entry)).toBe(line);
  });
});
