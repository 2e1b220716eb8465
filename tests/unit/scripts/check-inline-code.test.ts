import { describe, expect, it } from 'vitest';
import { inlineCode, scriptHashes, sha256Source } from '../../../scripts/check-inline-code.mjs';

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

  describe('with the policy’s script hashes', () => {
    const theme = 'document.documentElement.dataset.theme = "dark"';
    const allowed = [sha256Source(theme)];

    it('accepts an inline script whose exact text the policy hashes', () => {
      expect(inlineCode(`<head><script>${theme}</script></head>`, allowed)).toEqual([]);
    });

    it.each([
      ['one character changed', theme.replace('dark', 'light')],
      ['a space added', ` ${theme}`],
    ])('reports an inline script with %s', (_name, body) => {
      expect(inlineCode(`<script>${body}</script>`, allowed)).toEqual([expect.stringMatching(/inline script/)]);
    });

    it('still reports handlers and javascript: URLs', () => {
      expect(inlineCode('<button onclick="go()">Go</button>', allowed)).toEqual([expect.stringMatching(/onclick= handler/)]);
    });
  });
});

describe('scriptHashes', () => {
  it('reads the sha256 sources of script-src only', () => {
    const csp = "default-src 'none'; script-src 'self' 'sha256-abc+/9=' 'wasm-unsafe-eval'; style-src 'self' 'sha256-zzz='";
    expect(scriptHashes(csp)).toEqual(["'sha256-abc+/9='"]);
    expect(scriptHashes("script-src 'self'")).toEqual([]);
  });

  it('matches what the browser hashes: the script text as UTF-8, base64', () => {
    // The CSP spec's own example: alert('Hello, world.');
    expect(sha256Source("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });
});
