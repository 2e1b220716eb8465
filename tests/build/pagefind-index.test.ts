import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexSite } from '../../src/integrations/pagefind';

mkdirSync('tests/.tmp', { recursive: true });
const site = mkdtempSync(resolve('tests/.tmp/pagefind-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

function page(path: string, html: string): void {
  mkdirSync(dirname(join(site, path)), { recursive: true });
  writeFileSync(join(site, path), html);
}

describe('indexSite (the build step behind search)', () => {
  it('writes one index per <html lang>, counting only pages that mark a body, and drops the unused UIs', async () => {
    page(
      'en/chapters/a/index.html',
      '<html lang="en"><body><header>Site</header><article data-pagefind-body><h1 id="t">Alpha</h1><p>Prose about proxies.</p><section data-pagefind-ignore>Tick this</section></article></body></html>',
    );
    page('en/glossary/index.html', '<html lang="en"><body><div data-pagefind-body><h1>Glossary</h1><p>Terms.</p></div></body></html>');
    page(
      'zh-cn/chapters/a/index.html',
      '<html lang="zh-CN"><body><article data-pagefind-body><h1>甲</h1><p>前面通常还有反向代理。</p></article></body></html>',
    );
    page('en/progress/index.html', '<html lang="en"><body><main><h1>Your progress</h1></main></body></html>');
    page('index.html', '<html lang="en"><body><h1>Choose a language</h1></body></html>');

    const report = await indexSite(site);
    expect(report.ms).toBeGreaterThan(0);
    const out = join(site, 'pagefind');
    const entry = JSON.parse(readFileSync(join(out, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.keys(entry.languages).sort()).toEqual(['en', 'zh-cn']);
    expect(entry.languages.en!.page_count).toBe(2);
    expect(entry.languages['zh-cn']!.page_count).toBe(1);
    expect(existsSync(join(out, 'pagefind.js'))).toBe(true);
    expect(readdirSync(join(out, 'fragment')).filter((f) => f.startsWith('zh-cn_'))).toHaveLength(1);
    expect(readdirSync(out).filter((f) => /ui|highlight/.test(f))).toEqual([]);
  }, 60_000);
});
