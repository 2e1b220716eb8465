/**
 * Self-hosts Pyodide's core: copies the five files the runtime needs from the
 * npm package into `public/pyodide/<version>/` (ignored by git) so the dev
 * server, the build and any static host serve them from the site itself, and
 * tells the browser code the version and file sizes (for load progress).
 * The version in the path lets hosts cache the files as immutable.
 *
 * Beside them goes a memory snapshot of an interpreter that has imported the
 * harness (scripts/make-python-snapshot.mjs), which the worker restores
 * instead of starting Python from scratch. Its name carries a hash of what
 * went into it (the Pyodide version, the harness, the generator), so it is
 * made again only when one of them changes, and is immutable like the rest.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';

export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;
/**
 * Sent gzipped by hosts that compress; a `.gz` copy beside each lets nginx's
 * gzip_static send it without compressing 9 MB of WebAssembly per request
 * (deploy/nginx/waymark.conf). The stdlib zip is compressed already.
 */
export const PRECOMPRESSED: readonly string[] = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'pyodide-lock.json'];

/**
 * Brotli copies (`.br`) of the same files, for hosts that send them
 * (deploy/nginx/waymark-brotli.conf): the wasm file is 2.8 MB instead of
 * gzip's 3.6 MB. Brotli's best level takes minutes for 9 MB, so they are made
 * once per installed Pyodide, by `npm install` (scripts/prepare-pyodide.mjs),
 * into this cache, and copied from it; a build without them still works and
 * hosts send gzip.
 */
export function brotliCacheDir(packageDir: string, version: string): string {
  return join(packageDir, '..', '.cache', 'waymark', `pyodide-${version}`);
}

/** Writes the Brotli copies into the cache unless they are there; returns what it wrote. */
export function makeBrotliCopies(packageDir: string, version: string): string[] {
  const cache = brotliCacheDir(packageDir, version);
  mkdirSync(cache, { recursive: true });
  const made: string[] = [];
  for (const file of PRECOMPRESSED) {
    const out = join(cache, `${file}.br`);
    if (existsSync(out)) continue;
    const bytes = readFileSync(join(packageDir, file));
    const compressed = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    // Under a temporary name first: an install stopped half-way leaves no truncated copy.
    writeFileSync(`${out}.tmp`, compressed);
    renameSync(`${out}.tmp`, out);
    made.push(file);
  }
  return made;
}

/** The installed Pyodide: its folder and version. */
export function installedPyodide(): { packageDir: string; version: string } {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('pyodide/package.json'));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { packageDir, version };
}

export interface PyodideAssets {
  version: string;
  /** Every file the worker may fetch (the snapshot included), name → bytes. */
  sizes: Record<string, number>;
  /** The snapshot's file name in the version's folder. */
  snapshot: string;
}

const PYTHON_DIR = fileURLToPath(new URL('../runtime/python/', import.meta.url));
const GENERATOR = fileURLToPath(new URL('../../scripts/make-python-snapshot.mjs', import.meta.url));
/** The delta code the generator and the worker share: a change to it is a new snapshot. */
const DELTA = fileURLToPath(new URL('../runtime/snapshot-delta.ts', import.meta.url));

/** `waymark-<hash>.snapshot.zst`: the hash covers everything the snapshot is made from. */
export function snapshotName(version: string): string {
  const hash = createHash('sha256').update(`pyodide ${version}\n`).update(readFileSync(GENERATOR)).update(readFileSync(DELTA));
  const inputs = readdirSync(PYTHON_DIR, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.(py|json)$/.test(path) && !path.includes('__pycache__'))
    .sort();
  for (const path of inputs) hash.update(`\n${path}\n`).update(readFileSync(join(PYTHON_DIR, path)));
  return `waymark-${hash.digest('hex').slice(0, 16)}.snapshot.zst`;
}

/** Makes the snapshot unless it is there already, and removes any made from other inputs. */
function syncSnapshot(packageDir: string, target: string, version: string): string {
  const name = snapshotName(version);
  const file = join(target, name);
  if (!existsSync(file)) {
    const made = spawnSync(process.execPath, [GENERATOR, packageDir, PYTHON_DIR, file], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`the Python snapshot could not be made (${GENERATOR}):\n${made.stderr || made.stdout}`);
  }
  for (const old of readdirSync(target)) {
    if (/^waymark-[0-9a-f]+\.snapshot/.test(old) && !old.startsWith(name)) rmSync(join(target, old), { force: true });
  }
  return name;
}

export function syncPyodide(publicDir: string): PyodideAssets {
  const { packageDir, version } = installedPyodide();
  const target = join(publicDir, 'pyodide', version);
  const brotli = brotliCacheDir(packageDir, version);
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
    const br = join(brotli, `${file}.br`);
    if (PRECOMPRESSED.includes(file) && existsSync(br) && (!existsSync(`${to}.br`) || statSync(`${to}.br`).size !== statSync(br).size)) {
      copyFileSync(br, `${to}.br`);
    }
    sizes[file] = size;
  }
  const snapshot = syncSnapshot(packageDir, target, version);
  sizes[snapshot] = statSync(join(target, snapshot)).size;
  return { version, sizes, snapshot };
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
