/**
 * The page's side of the Python runtime cache: whether it is saved, saving
 * it (with the learner's consent, from the progress page) and removing it.
 * The service worker only reads this cache. A save downloads every file
 * first and stores them together, so a failed or cut-off download leaves
 * nothing half-saved behind.
 */
import { pythonCacheName, pythonPath } from '../lib/offline';

export interface PythonFiles {
  version: string;
  sizes: Record<string, number>;
}

const base = import.meta.env.BASE_URL;

export function offlineSupported(): boolean {
  return 'serviceWorker' in navigator && 'caches' in globalThis;
}

function urls(python: PythonFiles): string[] {
  return Object.keys(python.sizes).map((file) => new URL(pythonPath(base, python.version) + file, location.href).href);
}

export async function pythonSaved(python: PythonFiles): Promise<boolean> {
  const name = pythonCacheName(base, python.version);
  if (!(await caches.has(name))) return false;
  const cache = await caches.open(name);
  // One response per URL, stored by this page: whatever the host varies on, it is the one (see strategies.ts).
  const found = await Promise.all(urls(python).map((url) => cache.match(url, { ignoreVary: true })));
  return found.every(Boolean);
}

/** Downloads every file (reporting bytes), then stores them in one go. */
export async function savePython(python: PythonFiles, onProgress: (loaded: number, total: number) => void): Promise<void> {
  const total = Object.values(python.sizes).reduce((a, b) => a + b, 0);
  let loaded = 0;
  const responses = await Promise.all(
    urls(python).map(async (url) => {
      // Straight from the server: the copy lives in the offline cache, not twice.
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok || !response.body) throw new Error(`${new URL(url).pathname}: HTTP ${response.status}`);
      const chunks: Uint8Array[] = [];
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onProgress(Math.min(loaded, total), total);
      }
      // The server's headers travel with the body: the wasm file's type, COOP/COEP.
      return [
        url,
        new Response(new Blob(chunks as BlobPart[]), { status: response.status, statusText: response.statusText, headers: response.headers }),
      ] as const;
    }),
  );
  const cache = await caches.open(pythonCacheName(base, python.version));
  try {
    await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
  } catch (error) {
    await caches.delete(pythonCacheName(base, python.version));
    throw error;
  }
}

export function removePython(python: PythonFiles): Promise<boolean> {
  return caches.delete(pythonCacheName(base, python.version));
}

/** The browser's own figures for this origin, when it shares them. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  try {
    const estimate = await navigator.storage?.estimate?.();
    return estimate?.usage !== undefined && estimate.quota !== undefined ? { usage: estimate.usage, quota: estimate.quota } : null;
  } catch {
    return null;
  }
}

/**
 * Whether a failed Python load is down to being offline without a saved
 * runtime (rather than a broken server or browser): the runtime isn't saved
 * and the site can't be reached.
 */
export async function pythonUnavailableOffline(python: PythonFiles): Promise<boolean> {
  if (!('caches' in globalThis)) return !navigator.onLine;
  if (await pythonSaved(python).catch(() => false)) return false;
  if (!navigator.onLine) return true;
  try {
    await fetch(new URL(pythonPath(base, python.version) + 'pyodide-lock.json', location.href), { method: 'HEAD', cache: 'no-store' });
    return false;
  } catch {
    return true;
  }
}
