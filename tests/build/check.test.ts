import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

mkdirSync('tests/.tmp', { recursive: true });
const work = mkdtempSync(resolve('tests/.tmp/check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function check(dir: string) {
  return spawnSync(process.execPath, ['scripts/check.mjs', dir], { encoding: 'utf8', timeout: 120_000 });
}

function edit(path: string, change: (text: string) => string) {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('npm run check', () => {
  it('passes the course as it is', () => {
    const result = check('content');
    expect(result.stdout).toContain('content ok: 6 chapters in 2 languages, 6 walkthroughs');
    expect(result.status).toBe(0);
  }, 120_000);

  it('reports every problem with file, line and what to do', () => {
    const dir = join(work, 'content');
    cpSync('content', dir, { recursive: true });
    rmSync(join(dir, 'zh-cn', 'databases.mdx'));
    edit(join(dir, 'en', 'security.mdx'), (t) => t.replace(/^(updated: .*)$/m, '$1\norder: 5'));
    edit(join(dir, 'course.json'), (t) => t.replace('"wsgi-servers"', '"wsgi-server"'));
    edit(join(dir, 'en', 'wsgi-servers.mdx'), (t) => t.replace('## What WSGI is', 'See [the glossary](/en/glossary/).\n\n## What WSGI is'));
    edit(join(dir, 'en', 'platform-as-a-service.mdx'), (t) => t.replace('<ChapterLink to="wsgi-servers">', '<ChapterLink to="wsgi-servers" hash="no-such-heading">'));
    for (const locale of ['en', 'zh-cn']) edit(join(dir, locale, 'static-content-cdn.mdx'), (t) => t.replace(/^(updated: .*)$/m, '$1\nrenamed:\n  old-thing: no-such-item'));
    edit(join(dir, 'walkthroughs', 'first-deploy', 'wsgi-app', 'solution', 'app.py'), () => 'def application(environ, start_response):\n    return []\n');
    const result = check(dir);
    const out = result.stdout;
    expect(result.status).toBe(1);
    expect(out).toMatch(/content\/en\/databases\.mdx: chapter "databases" has no zh-cn version; add .*zh-cn\/databases\.mdx/);
    expect(out).toMatch(/content\/en\/security\.mdx:6: frontmatter order: chapter order now lives in the learning path \("path" in course\.json\); delete this line/);
    const pathLine = readFileSync(join(dir, 'course.json'), 'utf8').split('\n').findIndex((l) => l.includes('"wsgi-server"')) + 1;
    expect(out).toContain(`content/course.json:${pathLine}: the learning path lists "wsgi-server", but no chapter has that id`);
    expect(out).toMatch(/content\/en\/wsgi-servers\.mdx: chapter "wsgi-servers" is not in the learning path; add "wsgi-servers" to "path" in .*course\.json/);
    expect(out).toMatch(/content\/en\/wsgi-servers\.mdx:\d+: a link starting with \/ breaks when the site is served under a sub-path/);
    expect(out).toMatch(/content\/en\/platform-as-a-service\.mdx:\d+: <ChapterLink to="wsgi-servers" hash="no-such-heading">: that chapter has no such heading in en/);
    const renameLine = readFileSync(join(dir, 'en', 'static-content-cdn.mdx'), 'utf8').split('\n').indexOf('  old-thing: no-such-item') + 1;
    expect(out).toContain(`content/en/static-content-cdn.mdx:${renameLine}: renamed: "old-thing" → "no-such-item", but chapter "static-content-cdn" has no item "no-such-item"`);
    expect(out).toMatch(/first-deploy\/walkthrough\.json: step "wsgi-app": the reference solution fails its checks/);
    expect(out).toMatch(/\d+ problems found/);
  }, 120_000);
});
