// Run by `npm install` (package.json's postinstall): makes the Brotli copies
// of Pyodide's files once per installed version (a few minutes at Brotli's
// best level; see brotliCacheDir in src/integrations/pyodide-assets.ts).
// Every build copies them next to the files it serves.
import { installedPyodide, makeBrotliCopies } from '../src/integrations/pyodide-assets.ts';

const { packageDir, version } = installedPyodide();
const started = performance.now();
const made = makeBrotliCopies(packageDir, version);
if (made.length > 0) console.log(`pyodide ${version}: Brotli copies of ${made.join(', ')} in ${Math.round((performance.now() - started) / 1000)} s`);
