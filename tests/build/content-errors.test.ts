import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Builds the site for real from a broken copy of the fixture course and
 * checks the build stops, naming each file and problem.
 */
const fixture = resolve('tests/fixtures/small-course');
// Inside the project: Astro resolves content modules only below its root.
mkdirSync('tests/.tmp', { recursive: true });
const work = mkdtempSync(resolve('tests/.tmp/broken-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(content: string) {
  return spawnSync(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'build'], {
    env: { ...process.env, WAYMARK_CONTENT: content, WAYMARK_OUT: join(work, 'out'), ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('a build from broken content', () => {
  it('fails and names every file and problem', () => {
    const content = join(work, 'content');
    cpSync(fixture, content, { recursive: true });
    // A chapter in one language only.
    rmSync(join(content, 'zh-cn', 'third.mdx'));
    // Checklist ids that differ between languages.
    const zhSecond = join(content, 'zh-cn', 'second.mdx');
    writeFileSync(zhSecond, readFileSync(zhSecond, 'utf8').replace('id="second-b"', 'id="second-x"'));
    // An id used twice.
    const enFirst = join(content, 'en', 'first.mdx');
    writeFileSync(enFirst, readFileSync(enFirst, 'utf8').replace('id="first-b"', 'id="first-a"'));

    const result = build(content);
    const output = result.stdout + result.stderr;
    expect(result.status).not.toBe(0);
    expect(output).toContain('third.mdx: chapter "third" has no zh-cn version');
    expect(output).toMatch(/zh-cn\/second\.mdx: checklist item ids differ from .*en\/second\.mdx \(missing "second-b"; not in en: "second-x"\)/);
    expect(output).toMatch(/en\/first\.mdx:\d+: checklist item id "first-a" repeats/);
  }, 120_000);

  it('fails on a rename to no item and on renames that differ between languages, naming file and line', () => {
    const content = join(work, 'content-renames');
    cpSync(fixture, content, { recursive: true });
    const enFirst = join(content, 'en', 'first.mdx');
    const zhFirst = join(content, 'zh-cn', 'first.mdx');
    writeFileSync(enFirst, readFileSync(enFirst, 'utf8').replace('renamed: { read-first: first-a }', 'renamed: { read-first: first-z }'));
    writeFileSync(zhFirst, readFileSync(zhFirst, 'utf8').replace('renamed: { read-first: first-a }', 'renamed: { read-first: first-a }'.replace(' }', ', first-b: first-a }')));
    const result = build(content);
    const output = result.stdout + result.stderr;
    expect(result.status).not.toBe(0);
    expect(output).toMatch(/en\/first\.mdx:4: renamed: "read-first" → "first-z", but chapter "first" has no item "first-z"; use the id of one of its current items/);
    expect(output).toMatch(/zh-cn\/first\.mdx:4: renamed differs from .*en\/first\.mdx \(missing "first\/read-first → first-z"; not in en: "first\/read-first → first-a", "first\/first-b → first-a"\)/);
  }, 120_000);

  it('fails on frontmatter that breaks the schema, naming the file', () => {
    const content = join(work, 'content-schema');
    cpSync(fixture, content, { recursive: true });
    const enFirst = join(content, 'en', 'first.mdx');
    writeFileSync(enFirst, readFileSync(enFirst, 'utf8').replace('order: 1', 'order: first'));
    const result = build(content);
    expect(result.status).not.toBe(0);
    const output = result.stdout + result.stderr;
    expect(output).toContain('en/first.mdx');
    expect(output).toMatch(/order.*Expected type `"number"`, received `"string"`/);
  }, 120_000);
});
