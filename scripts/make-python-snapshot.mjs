// Makes the Python memory snapshot the page's worker restores instead of
// starting the interpreter and importing the harness (about two seconds on a
// laptop): Pyodide, started in Node from the same npm package the site
// serves, runs src/runtime/python/prelude.py, and its memory is written to
// the file given as a delta from the memory a new instance starts with
// (src/runtime/snapshot-delta.ts: the static data the wasm file brings
// anyway becomes zeros), compressed with Zstandard. The worker decompresses
// it itself (31 MB of memory, about 3 MB compressed), so every host sends
// and every cache (the browser's, the offline one) keeps the small copy,
// whatever it compresses; Zstandard because its files are a quarter smaller
// than gzip's here and decode in a few hundred milliseconds in JavaScript.
// Before writing, the delta is restored into a second interpreter through
// the worker's own code and checked: the harness answers, a learner's module
// does not outlive its run, and `random` draws differently after each
// restore (reseed.py).
//   node scripts/make-python-snapshot.mjs <pyodide dir> <harness dir> <out file>
// src/integrations/pyodide-assets.ts runs it when the file for the current
// Pyodide version and harness is missing, so every build and dev server has it.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants, zstdCompressSync } from 'node:zlib';
import { applyDelta, restoreFromDelta, watchInstantiation } from '../src/runtime/snapshot-delta.ts';

const [pyodideDir, pythonDir, outFile] = process.argv.slice(2);
if (!pyodideDir || !pythonDir || !outFile) {
  console.error('usage: make-python-snapshot.mjs <pyodide dir> <src/runtime/python> <out file>');
  process.exit(2);
}

const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, 'pyodide.mjs')).href);
const indexURL = `${pyodideDir.replace(/\/?$/, '/')}`;
const read = (name) => readFileSync(join(pythonDir, name), 'utf8');
const HOME = '/home/learner';

/** Writes the harness where the worker writes it, so paths in the snapshot match. */
function writeHarness(pyodide) {
  pyodide.FS.mkdirTree('/opt/waymark/waymark');
  for (const name of readdirSync(join(pythonDir, 'waymark'))) {
    if (/\.(py|json)$/.test(name)) pyodide.FS.writeFile(`/opt/waymark/waymark/${name}`, read(join('waymark', name)));
  }
}

/**
 * Overwrites the allocator's free chunks with zeros: they hold leftovers of
 * the imports (source text, syntax trees), which would otherwise cost about
 * a megabyte of the compressed snapshot. Every free chunk is allocated,
 * zeroed and freed again, with the heap capped so that none is added.
 */
function zeroFreeMemory(module) {
  const limit = module._malloc_footprint_limit();
  module._malloc_set_footprint_limit(module._malloc_footprint());
  const taken = [];
  try {
    for (let size = 1 << 24; size >= 16; size >>= 1) {
      for (let p = module._malloc(size); p; p = module._malloc(size)) {
        module.HEAPU8.fill(0, p, p + size);
        taken.push(p);
      }
    }
  } finally {
    for (const p of taken) module._free(p);
    module._malloc_set_footprint_limit(limit);
  }
}

const started = performance.now();
// The memory as the new instance has it, before any of its code runs: what the delta is taken against.
let initial;
const maker = await watchInstantiation(
  (memory) => {
    if (!initial || memory.byteLength > initial.byteLength) initial = memory.slice();
  },
  () => loadPyodide({ indexURL, env: { HOME }, _makeSnapshot: true }),
);
writeHarness(maker);
maker.runPython(read('prelude.py'));
maker.runPython(read('trim.py'));
zeroFreeMemory(maker._module);
const delta = maker.makeMemorySnapshot();
applyDelta(delta, initial);

// The check: two restores, as two page loads would, each with an empty
// standard library, as the worker restores (it fetches the real one only
// when a learner imports a module the snapshot lacks).
const emptyZip = join(mkdtempSync(join(tmpdir(), 'waymark-snapshot-')), 'empty.zip');
writeFileSync(emptyZip, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
const step = JSON.stringify({ kind: 'script', entry: 'main.py', checks: [] });
const files = (value) =>
  JSON.stringify({ 'main.py': 'import learner_mod, random\nprint(learner_mod.VALUE, random.random())', 'learner_mod.py': `VALUE = ${value}` });
const WSGI_STEP = JSON.stringify({
  kind: 'wsgi',
  entry: 'app:application',
  requests: [{ path: '/' }],
  checks: [{ id: 'ok', name: 'ok', type: 'status', request: 0, expect: 200 }],
});
const WSGI_FILES = JSON.stringify({
  'app.py':
    'import json\n\ndef application(environ, start_response):\n    body = json.dumps({"path": environ["PATH_INFO"]}).encode()\n' +
    '    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])\n    return [body]\n',
});
const draws = [];
for (const value of [1, 2]) {
  const restored = await restoreFromDelta(delta.slice(), (snapshot) => loadPyodide({ indexURL, env: { HOME }, _loadSnapshot: snapshot, stdLibURL: emptyZip }));
  writeHarness(restored);
  restored.runPython(read('reseed.py'));
  const run = restored.globals.get('_waymark_run');
  // A WSGI step and the app server, as the walkthroughs and Open the app use them.
  const wsgi = JSON.parse(run(WSGI_STEP, WSGI_FILES, 'zh-cn'));
  if (!wsgi.ok) throw new Error(`snapshot check: the WSGI step failed: ${JSON.stringify(wsgi.error ?? wsgi.checks)}`);
  for (const v of [value, value + 10]) {
    const result = JSON.parse(run(step, files(v), 'en'));
    const [printed, draw] = result.stdout.trim().split(' ');
    if (result.error || printed !== String(v))
      throw new Error(`snapshot check: run printed ${JSON.stringify(result.stdout)} (error ${JSON.stringify(result.error)}), expected ${v}`);
    draws.push(draw);
  }
}
if (new Set(draws).size !== draws.length) throw new Error(`snapshot check: random repeats across runs or restores: ${draws.join(', ')}`);

mkdirSync(dirname(outFile), { recursive: true });
// Written under a temporary name first: a build stopped half-way leaves no truncated snapshot behind.
const tmp = `${outFile}.${process.pid}.tmp`;
// Level 19 with a 32 MB window (the whole image); fzstd, the worker's decoder, reads any window.
const compressed = zstdCompressSync(delta, {
  params: { [constants.ZSTD_c_compressionLevel]: 19, [constants.ZSTD_c_windowLog]: 25, [constants.ZSTD_c_checksumFlag]: 1 },
  pledgedSrcSize: delta.length,
});
writeFileSync(tmp, compressed);
renameSync(tmp, outFile);
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
console.log(`python snapshot: ${mb(delta.length)} of memory, ${mb(compressed.length)} as a Zstandard delta, in ${Math.round(performance.now() - started)} ms`);
