/**
 * Self-hosts Pyodide's core: copies the five files the runtime needs from the
 * npm package into `public/pyodide/<version>/` (ignored by git) so the dev
 * server, the build and any static host serve them from the site itself, and
 * tells the browser code the version and file sizes (for load progress).
 * The version in the path lets hosts cache the files as immutable.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AstroIntegration } from 'astro';

export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;

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
