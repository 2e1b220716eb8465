import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

mkdirSync('tests/.tmp', { recursive: true });
const work = mkdtempSync(resolve('tests/.tmp/check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function check(dir: string, ...flags: string[]) {
  return spawnSync(process.execPath, ['scripts/check.mjs', dir, ...flags], { encoding: 'utf8', timeout: 120_000 });
}

/**
 * `--no-runs` where a test is about something other than the walkthrough runs (facts, terms,
 * comments, message declarations, which the check reads without running anything): running the
 * fixture's walkthrough again there proves nothing new. For the shipped course the test command
 * runs every walkthrough's starters and solutions in Chromium, in both languages
 * (tests/e2e/all-walkthroughs.spec.ts), and the solutions under Gunicorn (verify_walkthroughs.py).
 */
const NO_RUNS = '--no-runs';

const fixture = 'tests/fixtures/small-course';
/** The fixture course checked as it is, walkthrough runs included; two tests read it. */
let fixtureChecked: ReturnType<typeof check> | undefined;
const checkFixture = () => (fixtureChecked ??= check(fixture));

function edit(path: string, change: (text: string) => string) {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('npm run check', () => {
  it('passes the real course as it is', () => {
    const result = check('content', NO_RUNS);
    expect(result.stdout).toMatch(/content ok: \d+ chapters in 2 languages, \d+ walkthroughs/);
    expect(result.status).toBe(0);
  }, 120_000);

  it('passes the fixture course, counting its chapters, languages and walkthroughs', () => {
    const result = checkFixture();
    expect(result.stdout).toContain('content ok: 3 chapters in 2 languages, 2 walkthroughs');
    expect(result.status).toBe(0);
  }, 120_000);

  it('reports every problem with file, line and what to do', () => {
    const dir = join(work, 'content');
    cpSync(fixture, dir, { recursive: true });
    rmSync(join(dir, 'zh-cn', 'second.mdx'));
    edit(join(dir, 'zh-cn', 'first.mdx'), (t) => t.replace(/^(title: .*)$/m, '$1\norder: 5'));
    edit(join(dir, 'course.json'), (t) => t.replace('"third"', '"thrd"'));
    edit(join(dir, 'en', 'first.mdx'), (t) => t.replace('## Overview', 'See [the glossary](/en/glossary/).\n\n## Overview'));
    edit(join(dir, 'en', 'first.mdx'), (t) => t.replace('<ChapterLink to="third">', '<ChapterLink to="third" hash="no-such-heading">'));
    for (const locale of ['en', 'zh-cn']) edit(join(dir, locale, 'third.mdx'), (t) => t.replace(/^(summary: .*)$/m, '$1\nrenamed:\n  old-thing: no-such-item'));
    edit(join(dir, 'walkthroughs', 'fixture-deploy', 'wsgi-app', 'solution', 'app.py'), () => 'def application(environ, start_response):\n    return []\n');
    const result = check(dir);
    const out = result.stdout;
    const lineOf = (file: string, text: string) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(text)) + 1;
    expect(result.status).toBe(1);
    expect(out).toMatch(/content\/en\/second\.mdx: chapter "second" has no zh-cn version; add .*zh-cn\/second\.mdx/);
    expect(out).toContain(
      `content/zh-cn/first.mdx:${lineOf('zh-cn/first.mdx', 'order: 5')}: frontmatter order: chapter order now lives in the learning path ("path" in course.json); delete this line`,
    );
    expect(out).toContain(`content/course.json:${lineOf('course.json', '"thrd"')}: the learning path lists "thrd", but no chapter has that id`);
    expect(out).toMatch(/content\/en\/third\.mdx: chapter "third" is not in the learning path; add "third" to "path" in .*course\.json/);
    expect(out).toMatch(/content\/en\/first\.mdx:\d+: a link starting with \/ breaks when the site is served under a sub-path/);
    expect(out).toMatch(/content\/en\/first\.mdx:\d+: <ChapterLink to="third" hash="no-such-heading">: that chapter has no such heading in en/);
    expect(out).toContain(
      `content/en/third.mdx:${lineOf('en/third.mdx', '  old-thing: no-such-item')}: renamed: "old-thing" → "no-such-item", but chapter "third" has no item "no-such-item"`,
    );
    expect(out).toMatch(/fixture-deploy\/walkthrough\.json: step "wsgi-app": the reference solution fails its checks/);
    expect(out).toMatch(/\d+ problems found/);
  }, 120_000);
});

/** A one-step walkthrough in the fixture's second chapter, whose python check says `failure`. */
function addWalkthrough(dir: string, code: string, messages: Record<string, Record<string, string>>) {
  const step = join(dir, 'walkthroughs', 'fx', 'hello');
  for (const which of ['starter', 'solution']) {
    mkdirSync(join(step, which), { recursive: true });
    writeFileSync(join(step, which, 'main.py'), which === 'solution' ? 'print("hello")\n' : 'print("draft")\n');
  }
  const name = { en: 'says hello', 'zh-cn': '打了招呼' };
  const walkthrough = {
    id: 'fx',
    chapter: 'second',
    title: { en: 'Walkthrough: hello', 'zh-cn': '动手实践：打招呼' },
    steps: [
      {
        id: 'hello',
        title: { en: 'Say hello', 'zh-cn': '打个招呼' },
        kind: 'script',
        entry: 'main.py',
        files: ['main.py'],
        checks: [{ id: 'says-hello', name, type: 'python', code, messages }],
        hint: { en: 'Print hello.', 'zh-cn': '打印 hello。' },
      },
    ],
  };
  writeFileSync(join(dir, 'walkthroughs', 'fx', 'walkthrough.json'), `${JSON.stringify(walkthrough, null, 2)}\n`);
  for (const locale of ['en', 'zh-cn']) {
    edit(join(dir, locale, 'second.mdx'), (t) =>
      t.replace('<Checklist>', '<Walkthrough id="fx">\n\n<Step of="fx" id="hello">\n\nPrint it.\n\n</Step>\n\n</Walkthrough>\n\n<Checklist>'),
    );
  }
}

describe('npm run check on facts, terms and walkthrough messages', () => {
  it('lists dated facts past the review age without failing, and fails on them with --strict', () => {
    const plain = checkFixture();
    expect(plain.status).toBe(0);
    const factsFile = `${fixture}/facts/fixture.json`;
    const line =
      readFileSync(factsFile, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('"fixture-price"')) + 1;
    expect(plain.stdout).toContain('1 dated fact is due for review (not an error; --strict makes it one)');
    expect(plain.stdout).toContain(`${factsFile}:${line}: fixture-price (Fixture plan price), checked 2025-01-15, https://example.org/pricing`);
    expect(plain.stdout).toMatch(/content ok: .*4 dated facts \(1 older than 6 months\)/);
    const strict = check(fixture, '--strict', NO_RUNS);
    expect(strict.status).toBe(1);
  }, 120_000);

  it('takes the review age from course.json', () => {
    const dir = join(work, 'review-age');
    cpSync(fixture, dir, { recursive: true });
    edit(join(dir, 'course.json'), (t) => t.replace('"path": [', '"factReviewMonths": 24,\n  "path": ['));
    const result = check(dir, NO_RUNS);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('due for review');
    expect(result.stdout).toContain('4 dated facts (0 older than 24 months)');
  }, 120_000);

  it('reports facts used wrongly, with file and line', () => {
    const dir = join(work, 'facts');
    cpSync(fixture, dir, { recursive: true });
    edit(join(dir, 'en', 'first.mdx'), (t) =>
      t
        .replace('<Fact id="fixture-version" />', '<Fact id="fixture-version">4.3</Fact> <Fact id="no-such-fact" />')
        .replace('<Fact id="fixture-sunset">Its free plan ended in 2025.</Fact>', ''),
    );
    edit(join(dir, 'facts', 'fixture.json'), (t) => t.replace('"checked": "2026-10-01"', '"checked": "2099-01-01"'));
    const result = check(dir, NO_RUNS);
    expect(result.status).toBe(1);
    const line =
      readFileSync(join(dir, 'en', 'first.mdx'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('no-such-fact')) + 1;
    const out = result.stdout;
    expect(out).toContain(`en/first.mdx:${line}: fact "fixture-version" has a value, so write <Fact id="fixture-version" /> and let it show the value`);
    expect(out).toContain(`en/first.mdx:${line}: <Fact id="no-such-fact"> names no fact`);
    expect(out).toMatch(/en\/first\.mdx: fact "fixture-sunset" is used in the zh-cn version of this chapter but not in this one/);
    expect(out).toMatch(/facts\/fixture\.json:\d+: fact "fixture-sunset" says it was checked on 2099-01-01, which is in the future/);
  }, 120_000);

  it('holds Chinese text to the term list, naming file, line and the term to use', () => {
    const dir = join(work, 'terms');
    cpSync(fixture, dir, { recursive: true });
    writeFileSync(
      join(dir, 'terms.zh-cn.json'),
      JSON.stringify({ locale: 'zh-cn', terms: [{ term: '地域', concept: 'a cloud region', avoid: ['地区'], allow: ['国家或地区'] }] }),
    );
    edit(join(dir, 'zh-cn', 'second.mdx'), (t) => t.replace('## ', '面向多个国家或地区时，按地区选主机。\n\n## '));
    const glossary = join(dir, 'glossary', 'fixture.json');
    edit(glossary, (t) => t.replace(/"zh-cn": "([^"]*)"/, '"zh-cn": "$1（地区）"'));
    const result = check(dir, NO_RUNS);
    expect(result.status).toBe(1);
    const line =
      readFileSync(join(dir, 'zh-cn', 'second.mdx'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('按地区')) + 1;
    expect(result.stdout).toContain(`zh-cn/second.mdx:${line}: “地区”: the course says “地域” for a cloud region`);
    expect(result.stdout).toMatch(/glossary\/fixture\.json:\d+: “地区”: the course says “地域”/);
    expect(result.stdout.match(/“地区”/g)).toHaveLength(2);
  }, 120_000);

  it('asks for code comments in Chinese in a Chinese chapter', () => {
    const dir = join(work, 'comments');
    cpSync(fixture, dir, { recursive: true });
    edit(join(dir, 'zh-cn', 'third.mdx'), (t) =>
      t.replace('## ', '```python\nconn.commit()  # without this the update is lost\nconn.close()  # 用完就关闭\n```\n\n## '),
    );
    const result = check(dir, NO_RUNS);
    expect(result.status).toBe(1);
    const line =
      readFileSync(join(dir, 'zh-cn', 'third.mdx'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('update is lost')) + 1;
    expect(result.stdout).toContain(`zh-cn/third.mdx:${line}: the code comment “without this the update is lost” is English in a zh-cn chapter`);
    expect(result.stdout).not.toContain('用完就关闭');
  }, 120_000);

  it('accepts a python check whose failures are declared in every language', () => {
    const dir = join(work, 'messages-ok');
    cpSync(fixture, dir, { recursive: true });
    addWalkthrough(dir, "assert 'hello' in stdout, msg('no-hello', got=stdout.strip())", {
      'no-hello': { en: 'it printed {got!r}, not hello', 'zh-cn': '打印的是 {got!r}，不是 hello' },
    });
    const result = check(dir);
    expect(result.stdout).toContain('content ok');
    expect(result.status).toBe(0);
  }, 120_000);

  it.each([
    [
      'an English-only assert message',
      "assert 'hello' in stdout, 'print hello'",
      {},
      /check "says-hello": `assert 'hello' in stdout, 'print hello'` fails without a translatable message/,
    ],
    ['a message without Chinese', "assert 'hello' in stdout, msg('no-hello')", { 'no-hello': { en: 'print hello' } }, /walkthrough\.json:\d+: .*zh-cn/],
    [
      'placeholders that differ',
      "assert 'hello' in stdout, msg('no-hello', got=stdout)",
      { 'no-hello': { en: 'got {got}', 'zh-cn': '没有打印 hello' } },
      /message "no-hello" in zh-cn uses \{\} but the first language uses \{got\}/,
    ],
  ])(
    'refuses %s, naming the walkthrough file',
    (_, code, messages, expected) => {
      const dir = join(work, `messages-${_.replaceAll(' ', '-')}`);
      cpSync(fixture, dir, { recursive: true });
      addWalkthrough(dir, code, messages as Record<string, Record<string, string>>);
      const result = check(dir, NO_RUNS);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(expected);
    },
    120_000,
  );
});
