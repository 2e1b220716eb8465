/**
 * Writes `<out>/sw.js`: the service worker in src/offline/, bundled with a
 * manifest of this build (every page, every `_astro/` file, the favicon and
 * Pagefind's index when present) and a cache version derived from their
 * contents. It runs in `astro:build:done` after every other integration's
 * (Astro runs that hook in the order of `integrations`), so files they write
 * there, such as the search index, are in the manifest; it must therefore be
 * listed last, which `astro:config:done` checks. The dev server never gets a
 * worker: the page script registers one in production builds only.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { buildManifest, isPrecached, precacheBytes, type BuiltFile } from '../lib/offline';
import { defaultLocale, localeKeys } from '../config/course-config';
import { PYODIDE_FILES, syncPyodide } from './pyodide-assets';

const NAME = 'waymark:service-worker';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

export default function serviceWorker(): AstroIntegration {
  let base = '/';
  let publicDir = '';
  return {
    name: NAME,
    hooks: {
      'astro:config:done': ({ config }) => {
        const names = config.integrations.map((i) => i.name);
        if (names.at(-1) !== NAME) {
          throw new Error(
            `${NAME} must be the last integration in astro.config.mjs (found ${names.join(', ')}): it lists the files the others write when the build is done.`,
          );
        }
        base = config.base;
        publicDir = fileURLToPath(config.publicDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        let gzipBytes = 0;
        const files: BuiltFile[] = listFiles(out).map((path) => {
          const content = readFileSync(join(out, path));
          if (isPrecached(path)) gzipBytes += gzipSync(content).length;
          return { path, hash: createHash('sha256').update(content).digest('hex').slice(0, 16), size: content.length };
        });
        const python = syncPyodide(publicDir);
        const manifest = buildManifest({ base, files, locales: localeKeys, defaultLocale, python: { version: python.version, files: PYODIDE_FILES } });
        const result = await build({
          entryPoints: [fileURLToPath(new URL('../offline/service-worker.ts', import.meta.url))],
          bundle: true,
          format: 'iife',
          target: 'es2022',
          minify: true,
          write: false,
          define: { __WAYMARK_OFFLINE__: JSON.stringify(manifest) },
          logLevel: 'silent',
        });
        writeFileSync(join(out, 'sw.js'), result.outputFiles[0]!.contents);
        const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
        logger.info(
          `sw.js: ${manifest.precache.length} files precached on first visit, ${kb(precacheBytes(files))} (${kb(gzipBytes)} gzip); cache version ${manifest.version}`,
        );
      },
    },
  };
}
