import { describe, expect, it } from 'vitest';
import { floorPage } from '../../../scripts/lib/bench-paint.mjs';

const chapter = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>容器 · 课程</title>
<style>body{color:red}</style><script>document.documentElement.dataset.theme="dark"</script>
<script type="module" src="/_astro/base.js"></script></head><body><header class="site">Site header</header>
<main id="main" tabindex="-1"><h1>容器</h1><p>正文</p><script type="application/json" id="x">{"a":1}</script>
<style>.step{}</style><link rel="stylesheet" href="/_astro/a.css"><pre style="--shiki-light:#000">code</pre></main>
<footer class="site">Footer</footer></body></html>`;

describe('floorPage', () => {
  const floor = floorPage(chapter);

  it('keeps the chapter’s <main>, its language and title', () => {
    expect(floor).toContain('<main id="main" tabindex="-1"><h1>容器</h1><p>正文</p>');
    expect(floor).toContain('<pre style="--shiki-light:#000">code</pre>');
    expect(floor).toContain('<html lang="zh-CN">');
    expect(floor).toContain('<title>容器 · 课程</title>');
  });

  it('drops the site around it and every script, stylesheet and style element but its own few hundred bytes', () => {
    expect(floor).not.toMatch(/Site header|Footer|<script|<link|color:red|\.step\{\}/);
    const styles = [...floor.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(styles).toHaveLength(1);
    expect(styles[0]?.[1]?.length).toBeLessThan(400);
  });

  it('refuses a page without <main>', () => {
    expect(() => floorPage('<html><body><p>x</p></body></html>')).toThrow(/no <main>/);
  });
});
