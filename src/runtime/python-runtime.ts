/**
 * Python in this worker: loads Pyodide from the site's own files, counts the
 * bytes as they arrive, and runs walkthrough steps through the harness.
 * It knows nothing of messages; `worker.ts` wires it to the page.
 */
import type { ReleaseSpec, RunResult, ServeRequest, ServeResponse, StepSpec } from './protocol';

/** The harness package, file name → source, written into Python's file system as it is in the repository. */
const harness = import.meta.glob<string>('./python/waymark/*.{py,json}', { query: '?raw', import: 'default', eager: true });

interface Pyodide {
  version: string;
  runPython(code: string): unknown;
  globals: { get(name: string): PyCallable };
  setInterruptBuffer(buffer: Int32Array): void;
  FS: { writeFile(path: string, data: string): void; mkdirTree(path: string): void };
}

type PyCallable = (...args: unknown[]) => string;

type LoadPyodide = (config: Record<string, unknown>) => Promise<Pyodide>;

export type Progress = (loaded: number, total: number) => void;

/**
 * Wraps `fetch` so responses for the runtime's files report their bytes as
 * they stream; Pyodide fetches the wasm binary, the standard library and the
 * lock file itself, and the two modules are imported.
 */
function countingFetch(indexURL: string, onBytes: (n: number) => void): typeof fetch {
  const original = globalThis.fetch.bind(globalThis);
  return async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!new URL(url, location.href).href.startsWith(indexURL) || !response.body) return response;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes(chunk.byteLength);
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

export class PythonRuntime {
  private pyodide?: Pyodide;
  private runStep?: PyCallable;
  private serveRequest?: PyCallable;

  /** Loads Python once; `sizes` (file → bytes) gives the total to report against. */
  async load(indexURL: string, sizes: Record<string, number>, onProgress: Progress, interruptBuffer?: SharedArrayBuffer): Promise<string> {
    if (this.pyodide) return this.pyodide.version;
    const base = new URL(indexURL, location.href).href;
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    let loaded = 0;
    const add = (n: number) => {
      loaded += n;
      onProgress(Math.min(loaded, total), total);
    };
    const realFetch = globalThis.fetch;
    globalThis.fetch = countingFetch(base, add);
    try {
      const { loadPyodide } = (await import(/* @vite-ignore */ `${base}pyodide.mjs`)) as { loadPyodide: LoadPyodide };
      add(sizes['pyodide.mjs'] ?? 0);
      const pyodide = await loadPyodide({ indexURL: base, env: { HOME: '/home/learner' } });
      add(sizes['pyodide.asm.mjs'] ?? 0);
      if (interruptBuffer) pyodide.setInterruptBuffer(new Int32Array(interruptBuffer));
      pyodide.FS.mkdirTree('/opt/waymark/waymark');
      for (const [path, source] of Object.entries(harness)) pyodide.FS.writeFile(`/opt/waymark/waymark/${path.split('/').pop()}`, source);
      pyodide.runPython(
        [
          'import json, sys',
          "sys.path.insert(0, '/opt/waymark')",
          'from waymark.run import run_step',
          'def _waymark_run(spec, files, lang):',
          '    return json.dumps(run_step(json.loads(spec), json.loads(files), lang))',
        ].join('\n'),
      );
      this.runStep = pyodide.globals.get('_waymark_run');
      this.pyodide = pyodide;
      onProgress(total, total);
      return pyodide.version;
    } finally {
      globalThis.fetch = realFetch;
    }
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
    return JSON.parse(this.serveRequest(JSON.stringify(release), JSON.stringify(request), body, lang)) as ServeResponse;
  }
}
