/**
 * The page's one Python client, created on first use: nothing is fetched
 * for Python until a walkthrough needs it.
 */
import { PythonClient } from './client';

declare const __WAYMARK_PYODIDE__: { version: string; sizes: Record<string, number>; snapshot: string };

let client: PythonClient | undefined;

export function pythonClient(): PythonClient {
  client ??= new PythonClient({
    indexURL: `${import.meta.env.BASE_URL}pyodide/${__WAYMARK_PYODIDE__.version}/`,
    sizes: __WAYMARK_PYODIDE__.sizes,
    snapshot: __WAYMARK_PYODIDE__.snapshot,
    createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'waymark-python' }),
    canInterrupt: globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function',
  });
  return client;
}
