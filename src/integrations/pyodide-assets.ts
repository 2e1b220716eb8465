/**
 * Self-hosts Pyodide's core: copies the five files the runtime needs from the
 * npm package into `public/pyodide/<version>/` (ignored by git) so the dev
 * server, the build and any static host serve them from the site itself, and
 * tells the browser code the version and file sizes (for load progress).
 * The version in the path lets hosts cache the files as immutable.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';

export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;
/**
 * Sent gzipped by hosts that compress; a `.gz` copy beside each lets nginx's
 * gzip_static send it without compressing 9 MB of WebAssembly per request
 * (deploy/nginx/waymark.conf). The stdlib zip is compressed already.
 */
const PRECOMPRESSED: readonly string[] = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'pyodide-lock.json'];

export interface PyodideAssets {
  version: string;
  sizes: Record<string, number>;
}

export function syncPyodide(publicDir: string): PyodideAssets {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('pyodide/package.json'));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const target = join(publicDir, 'pyodide', version);
  mkdirSync(target, { recursive: true });
  const sizes: Record<string, number> = {};
  for (const file of PYODIDE_FILES) {
    const from = join(packageDir, file);
    const to = join(target, file);
    const size = statSync(from).size;
    if (!existsSync(to) || statSync(to).size !== size) copyFileSync(from, to);
    // Made once and kept with the copy (public/pyodide/ is not in git).
    const gz = `${to}.gz`;
    if (PRECOMPRESSED.includes(file) && (!existsSync(gz) || statSync(gz).mtimeMs < statSync(to).mtimeMs)) {
      writeFileSync(gz, gzipSync(readFileSync(to), { level: constants.Z_BEST_COMPRESSION }));
    }
    sizes[file] = size;
  }
  return { version, sizes };
}

export default function pyodideAssets(): AstroIntegration {
  return {
    name: 'waymark:pyodide-assets',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        const assets = syncPyodide(new URL(config.publicDir).pathname);
        updateConfig({ vite: { define: { __WAYMARK_PYODIDE__: JSON.stringify(assets) } } });
      },
    },
  };
}
