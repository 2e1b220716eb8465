import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    writeFileSync(
      zhFirst,
      readFileSync(zhFirst, 'utf8').replace('renamed: { read-first: first-a }', 'renamed: { read-first: first-a }'.replace(' }', ', first-b: first-a }')),
    );
    const result = build(content);
    const output = result.stdout + result.stderr;
    expect(result.status).not.toBe(0);
    expect(output).toMatch(
      /en\/first\.mdx:4: renamed: "read-first" → "first-z", but chapter "first" has no item "first-z"; use the id of one of its current items/,
    );
    expect(output).toMatch(
      /zh-cn\/first\.mdx:4: renamed differs from .*en\/first\.mdx \(missing "first\/read-first → first-z"; not in en: "first\/read-first → first-a", "first\/first-b → first-a"\)/,
    );
  }, 120_000);

  it('fails on dated facts that are unknown, overridden or stated in one language only, naming file and line', () => {
    const content = join(work, 'content-facts');
    cpSync(fixture, content, { recursive: true });
    const enFirst = join(content, 'en', 'first.mdx');
    writeFileSync(
      enFirst,
      readFileSync(enFirst, 'utf8')
        .replace('<Fact id="fixture-price" />', '<Fact id="fixture-price">US$6</Fact> <Fact id="fixture-typo" />')
        .replace(/<Fact id="fixture-sunset">.*?<\/Fact>/, ''),
    );
    const line =
      readFileSync(enFirst, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('fixture-typo')) + 1;
    const result = build(content);
    const output = result.stdout + result.stderr;
    expect(result.status).not.toBe(0);
    expect(output).toContain(`en/first.mdx:${line}: fact "fixture-price" has a value, so write <Fact id="fixture-price" />`);
    expect(output).toContain(`en/first.mdx:${line}: <Fact id="fixture-typo"> names no fact`);
    expect(output).toMatch(/en\/first\.mdx: fact "fixture-sunset" is used in the zh-cn version of this chapter but not in this one/);
  }, 120_000);

  it('fails on frontmatter that breaks the schema, naming the file', () => {
    const content = join(work, 'content-schema');
    cpSync(fixture, content, { recursive: true });
    const enFirst = join(content, 'en', 'first.mdx');
    writeFileSync(enFirst, readFileSync(enFirst, 'utf8').replace(/^title: .*$/m, 'title: 42'));
    const result = build(content);
    expect(result.status).not.toBe(0);
    const output = result.stdout + result.stderr;
    expect(output).toContain('en/first.mdx');
    expect(output).toMatch(/title.*Expected type `"string"`, received `"number"`/);
  }, 120_000);

  it('fails on a broken course config, naming course.json and the line', () => {
    const content = join(work, 'content-config');
    cpSync(fixture, content, { recursive: true });
    const file = join(content, 'course.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"second"]', '"second", "fourth"]').replace('"third"', '"third", "first"'));
    const lines = readFileSync(file, 'utf8').split('\n');
    const result = build(content);
    expect(result.status).not.toBe(0);
    const output = result.stdout + result.stderr;
    const line = lines.findIndex((l) => l.includes('"third", "first"')) + 1;
    expect(output).toContain(`course.json:${line}: chapter "first" is already in the learning path; list each chapter once`);
  }, 120_000);
});

describe('a course in one language, from its config', () => {
  it('builds pages, links and the root redirect for that language only', () => {
    const content = join(work, 'content-en-only');
    cpSync(fixture, content, { recursive: true });
    rmSync(join(content, 'zh-cn'), { recursive: true });
    const file = join(content, 'course.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    const englishOnly = (text: Record<string, string>) => ({ en: text.en });
    writeFileSync(
      file,
      JSON.stringify({
        ...config,
        id: 'english-only',
        locales: ['en'],
        title: englishOnly(config.title),
        description: englishOnly(config.description),
        path: config.path.map((entry: unknown) =>
          typeof entry === 'string' ? entry : { ...(entry as object), title: englishOnly((entry as { title: Record<string, string> }).title) },
        ),
      }),
    );
    const out = join(work, 'out-en-only');
    const result = spawnSync(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'build'], {
      env: { ...process.env, WAYMARK_CONTENT: content, WAYMARK_OUT: out, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stdout + result.stderr).not.toMatch(/content problem/);
    expect(result.status).toBe(0);
    expect(readdirSync(out)).not.toContain('zh-cn');
    const chapter = readFileSync(join(out, 'en', 'chapters', 'first', 'index.html'), 'utf8');
    expect(chapter).toContain('data-course="english-only"');
    expect(chapter).not.toMatch(/hreflang="zh-CN"/);
    expect(chapter).not.toContain('class="lang-switch"');
    const root = readFileSync(join(out, 'index.html'), 'utf8');
    expect(root).toContain('<html lang="en"');
    expect(root).not.toContain('/zh-cn/');
    const path = readFileSync(join(out, 'en', 'index.html'), 'utf8');
    expect(path).toContain('The basics');
  }, 120_000);
});
