/**
 * Builds the search index after `astro build`: Pagefind reads the finished
 * HTML in the output folder (whatever WAYMARK_OUT chose) and writes
 * `<out>/pagefind/`, one index per `<html lang>`, so English pages are only
 * found from English pages and Chinese from Chinese. Only what pages mark
 * with `data-pagefind-body` is indexed (chapter prose, glossary, learning
 * path); checklists, walkthrough editors, meters and navigation carry
 * `data-pagefind-ignore`. The npm package runs Pagefind's extended binary,
 * which segments Chinese into words while indexing.
 *
 * Result URLs are stored relative to the site root (`/en/…`); the browser
 * adds the base path (`/course/`) with `options({ baseUrl })`.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
// Imported with the config, not inside the hook: by astro:build:done the
// module runner that loaded the config is closed and cannot import more.
import * as pagefind from 'pagefind';

/**
 * Pagefind also writes its ready-made search UIs; the site has its own dialog,
 * so they are removed rather than deployed (and precached) for nothing.
 */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/;

export interface IndexReport {
  pages: number;
  ms: number;
}

/** Indexes the HTML under `dir` into `dir/pagefind/`. Throws with Pagefind's own messages. */
export async function indexSite(dir: string): Promise<IndexReport> {
  const started = performance.now();
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(errors.join('\n') || 'Pagefind could not start');
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length) throw new Error(added.errors.join('\n'));
    const output = join(dir, 'pagefind');
    const written = await index.writeFiles({ outputPath: output });
    if (written.errors.length) throw new Error(written.errors.join('\n'));
    for (const file of readdirSync(output)) if (UNUSED.test(file)) rmSync(join(output, file));
    return { pages: added.page_count, ms: performance.now() - started };
  } finally {
    await pagefind.close();
  }
}

export default function pagefindIndex(): AstroIntegration {
  return {
    name: 'waymark:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { pages, ms } = await indexSite(out);
        if (pages === 0) throw new Error(`Pagefind found no pages to index in ${out}: is data-pagefind-body missing?`);
        logger.info(`search index: ${pages} pages in ${Math.round(ms)} ms → ${join(out, 'pagefind')}`);
      },
    },
  };
}
