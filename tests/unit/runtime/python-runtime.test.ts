import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countingFetch, fetchSnapshot, PythonRuntime, type LoadPyodide, type Pyodide } from '../../../src/runtime/python-runtime';

/**
 * Starting Python in the worker, with a fake Pyodide: from the build's
 * snapshot when it can be had and holds the harness, otherwise the ordinary
 * way, with the reason on the console.
 */
const INDEX = 'http://site.test/pyodide/314.0.7/';
const SNAPSHOT = 'waymark-0123456789abcdef.snapshot.gz';
const sizes = { 'pyodide.mjs': 10, 'pyodide.asm.mjs': 20, [SNAPSHOT]: 30 };

/** A fake interpreter; `harness` says whether `_waymark_run` is defined in it. */
function fakePyodide(harness: boolean): Pyodide & { ran: string[] } {
  const ran: string[] = [];
  let defined = harness;
  return {
    version: '314.0.7',
    ran,
    runPython(code: string) {
      ran.push(code);
      if (code.includes('def _waymark_run')) defined = true;
      return undefined;
    },
    globals: { get: (name: string) => (name === '_waymark_run' && defined ? () => '{}' : undefined) },
    setInterruptBuffer() {},
    FS: { writeFile() {}, mkdirTree() {} },
  };
}

type Starts = { snapshot: boolean; pyodide: ReturnType<typeof fakePyodide> }[];

/** A `loadPyodide` that restores with `restore` (or fails with it) when asked for a snapshot. */
function fakeLoad(restore: (snapshot: Uint8Array) => ReturnType<typeof fakePyodide>, starts: Starts): LoadPyodide {
  return async (config) => {
    if (config._loadSnapshot) {
      const pyodide = restore(await (config._loadSnapshot as Promise<Uint8Array>));
      starts.push({ snapshot: true, pyodide });
      return pyodide;
    }
    const pyodide = fakePyodide(false);
    starts.push({ snapshot: false, pyodide });
    return pyodide;
  };
}

const memory = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const served = (body: BodyInit | null, status = 200) => vi.fn(async () => new Response(body, { status }));

beforeEach(() => {
  vi.stubGlobal('location', new URL('http://site.test/en/chapters/third/'));
});
afterEach(() => vi.unstubAllGlobals());

async function start(restore: (snapshot: Uint8Array) => ReturnType<typeof fakePyodide>, fetchImpl: ReturnType<typeof served>) {
  vi.stubGlobal('fetch', fetchImpl);
  const starts: Starts = [];
  const warnings: string[] = [];
  const runtime = new PythonRuntime({
    importPyodide: async () => ({ loadPyodide: fakeLoad(restore, starts) }),
    warn: (message) => warnings.push(message),
  });
  const progress: [number, number][] = [];
  await runtime.load(INDEX, sizes, (loaded, total) => progress.push([loaded, total]), undefined, SNAPSHOT);
  return { runtime, starts, warnings, progress };
}

describe('starting Python from the snapshot', () => {
  it('restores the unzipped snapshot, reseeds, and does not start Python a second time', async () => {
    let restoredFrom: Uint8Array | undefined;
    const { runtime, starts, warnings, progress } = await start(
      (bytes) => {
        restoredFrom = bytes;
        return fakePyodide(true);
      },
      served(gzipSync(memory)),
    );
    expect(runtime.startedFrom).toBe('snapshot');
    expect([...restoredFrom!]).toEqual([...memory]);
    expect(starts.map((s) => s.snapshot)).toEqual([true]);
    expect(starts[0]!.pyodide.ran.some((code) => code.includes('random.seed()'))).toBe(true);
    expect(warnings).toEqual([]);
    expect(progress.at(-1)).toEqual([60, 60]);
  });

  it.each([
    ['the snapshot is missing', served('gone', 404), () => fakePyodide(true), /HTTP 404/],
    [
      'another Pyodide build made it',
      served(gzipSync(memory)),
      () => {
        throw new Error('Snapshot build id mismatch');
      },
      /build id mismatch/,
    ],
    ['it holds no harness', served(gzipSync(memory)), () => fakePyodide(false), /no harness/],
    ['the download fails', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))), () => fakePyodide(true), /Failed to fetch/],
  ])('when %s, starts Python the ordinary way and says why', async (_name, fetchImpl, restore, reason) => {
    const { runtime, starts, warnings } = await start(restore, fetchImpl);
    expect(runtime.startedFrom).toBe('fresh');
    expect(starts.at(-1)!.snapshot).toBe(false);
    // The ordinary start imports the harness itself.
    expect(starts.at(-1)!.pyodide.ran.some((code) => code.includes('def _waymark_run'))).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(SNAPSHOT);
    expect(warnings[0]).toMatch(reason);
    expect(() => runtime.run({ kind: 'script', checks: [] }, {}, 'en')).not.toThrow();
  });
});

describe('fetchSnapshot', () => {
  it('unzips a gzip file, and takes bytes the browser already unzipped as they are', async () => {
    vi.stubGlobal('fetch', served(gzipSync(memory)));
    expect([...(await fetchSnapshot(`${INDEX}${SNAPSHOT}`))]).toEqual([...memory]);
    vi.stubGlobal('fetch', served(memory));
    expect([...(await fetchSnapshot(`${INDEX}${SNAPSHOT}`))]).toEqual([...memory]);
  });
});

describe('countingFetch', () => {
  it('counts the bytes of the runtime’s files and hands over the server’s own response', async () => {
    const original = new Response(new Uint8Array(1000));
    let counted = 0;
    const wrapped = countingFetch(
      INDEX,
      (n) => (counted += n),
      async () => original,
    );
    const response = await wrapped(`${INDEX}pyodide.asm.wasm`);
    expect(response).toBe(original);
    expect((await response.arrayBuffer()).byteLength).toBe(1000);
    await vi.waitFor(() => expect(counted).toBe(1000));
  });

  it('leaves other requests alone', async () => {
    let counted = 0;
    const wrapped = countingFetch(
      INDEX,
      (n) => (counted += n),
      async () => new Response('elsewhere'),
    );
    await (await wrapped('http://site.test/other.json')).text();
    expect(counted).toBe(0);
  });
});
