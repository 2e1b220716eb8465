import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import serviceWorker from '../../../src/integrations/service-worker';

type Hook = (options: unknown) => unknown;
const publicDir = pathToFileURL(join(process.cwd(), 'public/'));
const logger = { info: vi.fn(), warn: vi.fn() };
let out = '';

afterEach(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

function hooks() {
  const integration = serviceWorker();
  return integration.hooks as Record<string, Hook>;
}

function configDone(names: string[], base = '/') {
  hooks()['astro:config:done']!({ config: { integrations: names.map((name) => ({ name })), base, publicDir } });
}

describe('the service worker integration', () => {
  it('insists on running last, after integrations that write files when the build is done', () => {
    expect(() => configDone(['@astrojs/mdx', 'waymark:service-worker', 'pagefind'])).toThrow(/must be the last integration/);
    expect(() => configDone(['@astrojs/mdx', 'pagefind', 'waymark:service-worker'])).not.toThrow();
  });

  it('writes sw.js with every page, asset and the search index it finds, under the base path', async () => {
    out = mkdtempSync(join(tmpdir(), 'waymark-sw-'));
    for (const [path, text] of [
      ['index.html', 'root'],
      ['en/index.html', 'en'],
      ['en/offline/index.html', 'offline'],
      ['en/dashboard/index.html', 'new page'],
      ['_astro/a.1234.js', 'js'],
      ['pagefind/pagefind.js', 'search'],
      ['pyodide/1.0/pyodide.asm.wasm', 'big'],
    ] as const) {
      mkdirSync(join(out, path, '..'), { recursive: true });
      writeFileSync(join(out, path), text);
    }
    const integration = serviceWorker();
    const h = integration.hooks as Record<string, Hook>;
    h['astro:config:done']!({ config: { integrations: [{ name: 'waymark:service-worker' }], base: '/course/', publicDir } });
    await h['astro:build:done']!({ dir: pathToFileURL(`${out}/`), logger });
    const sw = readFileSync(join(out, 'sw.js'), 'utf8');
    for (const path of ['/course/', '/course/en/', '/course/en/dashboard/', '/course/_astro/a.1234.js', '/course/pagefind/pagefind.js']) {
      expect(sw).toContain(`"${path}"`);
    }
    expect(sw).not.toContain('/course/pyodide/');
    expect(sw).toMatch(/version:"[0-9a-f]{16}"/);
    expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/^sw\.js: 6 files precached on first visit/));
  });
});
