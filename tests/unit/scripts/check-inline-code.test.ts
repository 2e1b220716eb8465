import { describe, expect, it } from 'vitest';
import { inlineCode } from '../../../scripts/check-inline-code.mjs';

describe('inlineCode', () => {
  it.each([
    ['an inline module script', '<head><script type="module">import "./a.js";</script></head>', /inline script/],
    ['an inline classic script', '<script>document.documentElement.dataset.theme = "dark"</script>', /inline script/],
    ['a handler attribute', '<button type="button" onclick="go()">Go</button>', /onclick= handler/],
    ['a handler without quotes', '<img src="a.png" onerror=alert(1)>', /onerror= handler/],
    ['a javascript: link', '<a href="javascript:void(0)">x</a>', /javascript: URL/],
  ])('reports %s', (_name, html, problem) => {
    expect(inlineCode(html)).toEqual([expect.stringMatching(problem)]);
  });

  it.each([
    ['a script file', '<script type="module" src="/_astro/a.js"></script><script src="/_astro/theme-init.js"></script>'],
    ['a JSON data block', '<script type="application/json" id="wm-page-data">{"a":"</p>"}</script>'],
    ['handlers and scripts quoted in attributes or text', '<div data-code="<script>x()</script> onclick=1" title=\'onload="a"\'>onclick="x" in prose</div>'],
    ['data attributes that end in a handler name', '<div data-onclick="x" aria-controls="onload"></div>'],
  ])('accepts %s', (_name, html) => {
    expect(inlineCode(html)).toEqual([]);
  });
});
