import { gzipSync, zstdCompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countingFetch, fetchSnapshot, lazyFile, PythonRuntime, type LoadPyodide, type Pyodide, type PyodideFS } from '../../../src/runtime/python-runtime';
import { applyDelta } from '../../../src/runtime/snapshot-delta';

/**
 * Starting Python in the worker, with a fake Pyodide: from the build's
 * snapshot when it can be had and holds the harness, otherwise the ordinary
 * way, with the reason on the console.
 */
const INDEX = 'http://site.test/pyodide/314.0.7/';
const SNAPSHOT = 'waymark-0123456789abcdef.snapshot.zst';
const sizes = { 'pyodide.mjs': 10, 'pyodide.asm.mjs': 20, [SNAPSHOT]: 30, 'python_stdlib.zip': 40 };

/**
 * The smallest module with memory: one 64 KiB page, exported, whose first
 * bytes a data segment sets, as Pyodide's module sets its static data.
 */
const DATA = [0xde, 0xad, 0xbe, 0xef];
const WASM = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...[0x05, 0x03, 0x01, 0x00, 0x01],
  ...[0x07, 0x0a, 0x01, 0x06, ...new TextEncoder().encode('memory'), 0x02, 0x00],
  ...[0x0b, 0x0a, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x04, ...DATA],
]);

/** A snapshot as Pyodide lays it out: a header whose second word says where the memory image starts, then the image. */
function snapshotOf(image: number[]): Uint8Array {
  const bytes = new Uint8Array(16 + image.length);
  new DataView(bytes.buffer).setUint32(4, 16, true);
  bytes.set(image, 16);
  return bytes;
}
const memory = snapshotOf([1, 2, 3, 4, 5, 6, 7, 8]);
/** What the build ships: the snapshot's image XOR-ed with the module's memory as it starts. */
const delta = (() => {
  const bytes = memory.slice();
  applyDelta(bytes, new Uint8Array([...DATA, 0, 0, 0, 0]));
  return bytes;
})();
const zstd = (bytes: Uint8Array) => zstdCompressSync(bytes);

/** A fake file system with the one file Pyodide writes in /lib, and the open() that Emscripten's would call. */
function fakeFS(): PyodideFS & { files: Map<string, Uint8Array>; open(path: string): Uint8Array } {
  const files = new Map<string, Uint8Array>();
  const nodes = new Map<string, { stream_ops: Record<string, unknown> }>();
  class ErrnoError extends Error {
    constructor(readonly errno: number) {
      super(`errno ${errno}`);
    }
  }
  const fs = {
    files,
    ErrnoError,
    writeFile(path: string, data: string | Uint8Array) {
      files.set(path, typeof data === 'string' ? new TextEncoder().encode(data) : data);
      if (!nodes.has(path)) nodes.set(path, { stream_ops: { read: () => 0 } });
    },
    mkdirTree() {},
    readdir: (dir: string) => [...files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)),
    lookupPath(path: string) {
      const node = nodes.get(path);
      if (!node) throw new Error(`no such file ${path}`);
      return { node };
    },
    open(path: string) {
      const stream = { stream_ops: fs.lookupPath(path).node.stream_ops };
      if (typeof stream.stream_ops.open === 'function') (stream.stream_ops.open as (s: typeof stream) => void)(stream);
      return files.get(path)!;
    },
  };
  fs.writeFile('/lib/python314.zip', new Uint8Array(0));
  return fs;
}

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
    FS: fakeFS(),
  };
}

type Starts = { snapshot: boolean; pyodide: ReturnType<typeof fakePyodide> }[];

/**
 * A `loadPyodide` that restores with `restore` (or fails with it) when asked
 * for a snapshot: like Pyodide, it waits for the snapshot, instantiates its
 * module, then copies the snapshot in.
 */
function fakeLoad(restore: (snapshot: Uint8Array) => ReturnType<typeof fakePyodide>, starts: Starts): LoadPyodide {
  return async (config) => {
    if (config._loadSnapshot) {
      const snapshot = await (config._loadSnapshot as Promise<Uint8Array>);
      await WebAssembly.instantiate(WASM, {});
      const pyodide = restore(snapshot.slice());
      starts.push({ snapshot: true, pyodide });
      return pyodide;
    }
    const pyodide = fakePyodide(false);
    starts.push({ snapshot: false, pyodide });
    return pyodide;
  };
}

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
  it('restores the snapshot from its delta, reseeds, and does not start Python a second time', async () => {
    let restoredFrom: Uint8Array | undefined;
    const { runtime, starts, warnings, progress } = await start(
      (bytes) => {
        restoredFrom = bytes;
        return fakePyodide(true);
      },
      served(zstd(delta)),
    );
    expect(runtime.startedFrom).toBe('snapshot');
    expect([...restoredFrom!]).toEqual([...memory]);
    expect(starts.map((s) => s.snapshot)).toEqual([true]);
    expect(starts[0]!.pyodide.ran.some((code) => code.includes('random.seed()'))).toBe(true);
    expect(warnings).toEqual([]);
    // The standard library's 40 bytes are not part of a start from the snapshot.
    expect(progress.at(-1)).toEqual([60, 60]);
  });

  it('fetches the standard library when a program first opens it, and only then', async () => {
    const fetched: string[] = [];
    const stdlib = new Uint8Array([0x50, 0x4b, 7]);
    vi.stubGlobal('fetch', served(zstd(delta)));
    const starts: Starts = [];
    const runtime = new PythonRuntime({
      importPyodide: async () => ({ loadPyodide: fakeLoad(() => fakePyodide(true), starts) }),
      fetchSync: (url) => {
        fetched.push(url);
        return stdlib;
      },
    });
    await runtime.load(INDEX, sizes, () => {}, undefined, SNAPSHOT);
    const fs = starts[0]!.pyodide.FS as ReturnType<typeof fakeFS>;
    expect(fetched).toEqual([]);
    expect([...fs.open('/lib/python314.zip')]).toEqual([...stdlib]);
    expect([...fs.open('/lib/python314.zip')]).toEqual([...stdlib]);
    expect(fetched).toEqual([`${INDEX}python_stdlib.zip`]);
  });

  it.each([
    ['the snapshot is missing', served('gone', 404), () => fakePyodide(true), /HTTP 404/],
    [
      'another Pyodide build made it',
      served(zstd(delta)),
      () => {
        throw new Error('Snapshot build id mismatch');
      },
      /build id mismatch/,
    ],
    ['it holds no harness', served(zstd(delta)), () => fakePyodide(false), /no harness/],
    ['it is not a Zstandard file', served(gzipSync(delta)), () => fakePyodide(true), /not a Zstandard file/],
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
  it('decompresses a Zstandard file and refuses anything else', async () => {
    vi.stubGlobal('fetch', served(zstd(memory)));
    expect([...(await fetchSnapshot(`${INDEX}${SNAPSHOT}`))]).toEqual([...memory]);
    vi.stubGlobal('fetch', served(memory.slice()));
    await expect(fetchSnapshot(`${INDEX}${SNAPSHOT}`)).rejects.toThrow(/not a Zstandard file/);
  });
});

describe('lazyFile', () => {
  it('is there and empty until opened, then holds what the load gave', () => {
    const fs = fakeFS();
    let loads = 0;
    lazyFile(
      fs,
      '/lib/python314.zip',
      () => new Uint8Array([++loads, 9]),
      () => {},
    );
    expect([...fs.files.get('/lib/python314.zip')!]).toEqual([]);
    expect(loads).toBe(0);
    expect([...fs.open('/lib/python314.zip')]).toEqual([1, 9]);
    expect([...fs.open('/lib/python314.zip')]).toEqual([1, 9]);
    expect(loads).toBe(1);
  });

  it('turns a failed load into an I/O error for that open, says why, and tries again on the next', () => {
    const fs = fakeFS();
    const warnings: string[] = [];
    let online = false;
    lazyFile(
      fs,
      '/lib/python314.zip',
      () => {
        if (!online) throw new Error('HTTP 503');
        return new Uint8Array([5]);
      },
      (message) => warnings.push(message),
    );
    expect(() => fs.open('/lib/python314.zip')).toThrow(fs.ErrnoError);
    expect(warnings).toEqual([expect.stringContaining('HTTP 503')]);
    online = true;
    expect([...fs.open('/lib/python314.zip')]).toEqual([5]);
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

  it('answers a deferred file with an empty body without fetching it', async () => {
    const original = vi.fn(async () => new Response('the real file'));
    const wrapped = countingFetch(INDEX, () => {}, original, new Set([`${INDEX}python_stdlib.zip`]));
    expect((await (await wrapped(`${INDEX}python_stdlib.zip`)).arrayBuffer()).byteLength).toBe(0);
    expect(original).not.toHaveBeenCalled();
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
