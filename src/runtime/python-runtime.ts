/**
 * Python in this worker: loads Pyodide from the site's own files, counts the
 * bytes as they arrive, and runs walkthrough steps through the harness.
 * It knows nothing of messages; `worker.ts` wires it to the page.
 *
 * Python starts from the build's memory snapshot (an interpreter that has
 * already imported the harness, see scripts/make-python-snapshot.mjs), which
 * spares the seconds of starting CPython and importing its modules. When the
 * snapshot cannot be used (missing, damaged, made by another Pyodide build),
 * the worker says why on the console and starts Python the ordinary way.
 *
 * A restored interpreter has every module the walkthroughs use, so the
 * standard library's 2.5 MB file is not downloaded with it: the file is
 * there, empty, until a program opens it (importing a module the snapshot
 * lacks), and is fetched then.
 */
import { decompress as unzstd } from 'fzstd';
import type { ReleaseSpec, RunResult, ServeRequest, ServeResponse, StepSpec } from './protocol';
import prelude from './python/prelude.py?raw';
import reseed from './python/reseed.py?raw';
import warmUp from './python/warm_up.py?raw';
import { restoreFromDelta } from './snapshot-delta';

/** The harness package, file name → source, written into Python's file system as it is in the repository. */
const harness = import.meta.glob<string>('./python/waymark/*.{py,json}', { query: '?raw', import: 'default', eager: true });

export interface Pyodide {
  version: string;
  runPython(code: string): unknown;
  globals: { get(name: string): PyCallable | undefined };
  setInterruptBuffer(buffer: Int32Array): void;
  FS: PyodideFS;
}

/** The parts of Emscripten's file system the worker uses. */
export interface PyodideFS {
  writeFile(path: string, data: string | Uint8Array): void;
  mkdirTree(path: string): void;
  readdir(path: string): string[];
  lookupPath(path: string): { node: { stream_ops: Record<string, unknown> } };
  ErrnoError: new (errno: number) => Error;
}

type PyCallable = (...args: unknown[]) => string;

export type LoadPyodide = (config: Record<string, unknown>) => Promise<Pyodide>;

export type Progress = (loaded: number, total: number) => void;

export interface RuntimeOptions {
  /** Imports `pyodide.mjs`; tests hand in a fake. */
  importPyodide?: (url: string) => Promise<{ loadPyodide: LoadPyodide }>;
  /** Where the reason for starting without the snapshot goes. */
  warn?: (message: string) => void;
  /** Fetches a whole file synchronously (the standard library, on first use); tests hand in a fake. */
  fetchSync?: (url: string) => Uint8Array;
}

/** How this worker's Python started. */
export type StartedFrom = 'snapshot' | 'fresh';

/**
 * Wraps `fetch` so the runtime's files report their bytes as they stream.
 * Pyodide gets the server's own `Response`, not a copy rebuilt around a
 * counting stream: Chromium keeps the compiled WebAssembly of a response that
 * came from its HTTP cache, and a rebuilt one has no cache entry to keep it
 * with. The bytes are counted on a clone (`tee` of the same download).
 */
export function countingFetch(
  indexURL: string,
  onBytes: (n: number) => void,
  original: typeof fetch = globalThis.fetch.bind(globalThis),
  deferred: ReadonlySet<string> = new Set(),
): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href).href;
    // Asked for now, wanted later (see `lazyFile`): an empty file in its place.
    if (deferred.has(url)) return new Response(new Uint8Array(0));
    const response = await original(input, init);
    if (!url.startsWith(indexURL) || !response.body) return response;
    const reader = response.clone().body!.getReader();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          onBytes(value.byteLength);
        }
      } catch {
        // The download failed; whoever reads the response sees why.
      }
    })();
    return response;
  };
}

const HOME = '/home/learner';

function writeHarness(pyodide: Pyodide): void {
  pyodide.FS.mkdirTree('/opt/waymark/waymark');
  for (const [path, source] of Object.entries(harness)) pyodide.FS.writeFile(`/opt/waymark/waymark/${path.split('/').pop()}`, source);
}

/**
 * The snapshot delta, Zstandard-compressed by the build; the worker
 * decompresses it (browsers' DecompressionStream knows only gzip and deflate).
 */
export async function fetchSnapshot(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x28 || bytes[1] !== 0xb5 || bytes[2] !== 0x2f || bytes[3] !== 0xfd) throw new Error(`${url}: not a Zstandard file`);
  return unzstd(bytes);
}

/** The standard library's file among Pyodide's: `/lib/python<major><minor>.zip`. */
const STDLIB = 'python_stdlib.zip';
const EIO = 29;

/** A whole file, fetched synchronously (allowed in a worker; Python's file reads cannot wait). */
export function fetchSync(url: string): Uint8Array {
  const request = new XMLHttpRequest();
  request.open('GET', url, false);
  request.responseType = 'arraybuffer';
  request.send();
  if (request.status !== 200) throw new Error(`${url}: HTTP ${request.status}`);
  return new Uint8Array(request.response as ArrayBuffer);
}

/**
 * Makes the file at `path` fill itself on first open: until then it is
 * there and empty; the first open gets its bytes from `load` and writes them
 * in. A failed load is an I/O error for that open (Python sees an OSError),
 * and the next open tries again.
 */
export function lazyFile(fs: PyodideFS, path: string, load: () => Uint8Array, warn: (message: string) => void): void {
  fs.writeFile(path, new Uint8Array(0));
  const node = fs.lookupPath(path).node;
  const ops = node.stream_ops;
  node.stream_ops = {
    ...ops,
    open(stream: { stream_ops: Record<string, unknown> }) {
      let bytes: Uint8Array;
      try {
        bytes = load();
      } catch (error) {
        warn(`Waymark: Python could not read ${path}: ${error instanceof Error ? error.message : String(error)}`);
        throw new fs.ErrnoError(EIO);
      }
      node.stream_ops = ops;
      stream.stream_ops = ops;
      fs.writeFile(path, bytes);
      if (typeof ops.open === 'function') ops.open(stream);
    },
  };
}

export class PythonRuntime {
  private pyodide?: Pyodide;
  private runStep?: PyCallable;
  /** How Python started, once it has. */
  startedFrom?: StartedFrom;
  private serveRequest?: PyCallable;

  constructor(private readonly options: RuntimeOptions = {}) {}

  /**
   * Loads Python once; `sizes` (file → bytes) gives the total to report
   * against, `snapshot` names the build's memory snapshot among them.
   */
  async load(indexURL: string, sizes: Record<string, number>, onProgress: Progress, interruptBuffer?: SharedArrayBuffer, snapshot?: string): Promise<string> {
    if (this.pyodide) return this.pyodide.version;
    const base = new URL(indexURL, location.href).href;
    // From the snapshot, the standard library's file waits until a program needs it.
    const deferred = new Set(snapshot ? [`${base}${STDLIB}`] : []);
    const total = Object.entries(sizes).reduce((sum, [file, size]) => (deferred.has(`${base}${file}`) ? sum : sum + size), 0);
    let loaded = 0;
    const add = (n: number) => {
      loaded += n;
      onProgress(Math.min(loaded, total), total);
    };
    const realFetch = globalThis.fetch;
    globalThis.fetch = countingFetch(base, add, realFetch.bind(globalThis), deferred);
    try {
      const importPyodide = this.options.importPyodide ?? ((url: string) => import(/* @vite-ignore */ url) as Promise<{ loadPyodide: LoadPyodide }>);
      const { loadPyodide } = await importPyodide(`${base}pyodide.mjs`);
      add(sizes['pyodide.mjs'] ?? 0);
      let pyodide: Pyodide | undefined;
      if (snapshot) {
        try {
          pyodide = await this.restore(loadPyodide, base, snapshot);
          this.startedFrom = 'snapshot';
        } catch (error) {
          deferred.clear();
          (this.options.warn ?? console.warn)(
            `Waymark: starting Python without its snapshot ${snapshot}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      if (!pyodide) {
        pyodide = await loadPyodide({ indexURL: base, env: { HOME } });
        writeHarness(pyodide);
        pyodide.runPython(prelude);
        this.startedFrom = 'fresh';
      }
      add(sizes['pyodide.asm.mjs'] ?? 0);
      if (interruptBuffer) pyodide.setInterruptBuffer(new Int32Array(interruptBuffer));
      this.runStep = pyodide.globals.get('_waymark_run');
      this.pyodide = pyodide;
      onProgress(total, total);
      return pyodide.version;
    } finally {
      globalThis.fetch = realFetch;
    }
  }

  /**
   * Python from the snapshot: its memory holds the imported harness; the
   * file system is new and gets the files again, the standard library's as
   * a file that fetches itself on first open.
   */
  private async restore(loadPyodide: LoadPyodide, base: string, snapshot: string): Promise<Pyodide> {
    const pyodide = await restoreFromDelta(fetchSnapshot(`${base}${snapshot}`), (memory) =>
      loadPyodide({ indexURL: base, env: { HOME }, _loadSnapshot: memory }),
    );
    const zip = pyodide.FS.readdir('/lib').find((name) => /^python\d+\.zip$/.test(name));
    if (!zip) throw new Error('Pyodide put no standard library in /lib');
    const fetchStdlib = this.options.fetchSync ?? fetchSync;
    lazyFile(pyodide.FS, `/lib/${zip}`, () => fetchStdlib(`${base}${STDLIB}`), this.options.warn ?? console.warn);
    // Tracebacks read the harness's source lines from the files.
    writeHarness(pyodide);
    pyodide.runPython(reseed);
    if (typeof pyodide.globals.get('_waymark_run') !== 'function') throw new Error('the snapshot has no harness in it');
    pyodide.runPython(warmUp);
    return pyodide;
  }

  run(spec: StepSpec, files: Record<string, string>, lang: string): RunResult {
    if (!this.runStep) throw new Error('Python is not loaded');
    return JSON.parse(this.runStep(JSON.stringify(spec), JSON.stringify(files), lang)) as RunResult;
  }

  /** One request to a step's release (see `waymark.app_server`); its entry is imported on first use. */
  serve(release: ReleaseSpec, request: ServeRequest, body: string, lang: string): ServeResponse {
    if (!this.pyodide) throw new Error('Python is not loaded');
    if (!this.serveRequest) {
      this.pyodide.runPython('from waymark.app_server import serve_json as _waymark_serve');
      this.serveRequest = this.pyodide.globals.get('_waymark_serve');
    }
    const serve = this.serveRequest;
    if (typeof serve !== 'function') throw new Error('the harness has no app server');
    return JSON.parse(serve(JSON.stringify(release), JSON.stringify(request), body, lang)) as ServeResponse;
  }
}
