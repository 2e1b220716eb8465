/**
 * The build's Python memory snapshot is shipped as its difference from the
 * memory a new Pyodide instance starts with.
 *
 * A snapshot is the interpreter's whole memory, and its first few megabytes
 * are the module's static data, the same bytes the wasm file already brought:
 * shipped as they are, a learner would download them twice. XOR-ed with the
 * memory as it is the moment the module is instantiated (data segments in
 * place, no code run yet), those megabytes become zeros that compress to
 * nothing. The worker undoes it at that same moment, before Pyodide copies
 * the snapshot into memory; the build (scripts/make-python-snapshot.mjs)
 * restores through this same code before it ships a snapshot.
 *
 * Plain TypeScript that Node runs as it is (the build imports it).
 */

/** Where a snapshot's memory image starts: the second 32-bit word of Pyodide's header. */
export function memoryOffset(snapshot: Uint8Array): number {
  return new DataView(snapshot.buffer, snapshot.byteOffset, 8).getUint32(4, true);
}

/** The length of `memory` up to its last non-zero byte, in whole 32-bit words. */
function usedLength(memory: Uint8Array): number {
  const words = new Uint32Array(memory.buffer, memory.byteOffset, memory.byteLength >>> 2);
  let end = words.length;
  while (end > 0 && words[end - 1] === 0) end -= 1;
  return end * 4;
}

/**
 * XORs the memory image in `snapshot` with `initial`, in place: turns a
 * snapshot into its delta and a delta back into the snapshot. `initial` is
 * read only as far as its last non-zero byte (XOR with zero changes nothing).
 */
export function applyDelta(snapshot: Uint8Array, initial: Uint8Array): void {
  const offset = memoryOffset(snapshot);
  if (offset % 4 !== 0 || (snapshot.byteOffset + offset) % 4 !== 0) throw new Error(`snapshot memory at an unaligned offset ${offset}`);
  const image = snapshot.subarray(offset);
  const length = Math.min(usedLength(initial), image.byteLength) >>> 2;
  const target = new Uint32Array(image.buffer, image.byteOffset, length);
  const source = new Uint32Array(initial.buffer, initial.byteOffset, length);
  for (let i = 0; i < length; i += 1) target[i] = target[i]! ^ source[i]!;
}

type Instantiated = WebAssembly.WebAssemblyInstantiatedSource;

/** The memory an instance uses: the one it was given (`env.memory`), else the one it exports. */
function memoryOf(instance: WebAssembly.Instance, imports: WebAssembly.Imports | undefined): WebAssembly.Memory | undefined {
  const given = imports?.env?.memory;
  if (given instanceof WebAssembly.Memory) return given;
  const own = instance.exports.memory;
  return own instanceof WebAssembly.Memory ? own : undefined;
}

/**
 * Runs `body` with WebAssembly's instantiate functions watched: `onMemory`
 * gets each new instance's memory the moment the instance exists, before
 * whoever asked for it runs any of its code. Restored when `body` settles.
 */
export async function watchInstantiation<T>(onMemory: (memory: Uint8Array) => void, body: () => Promise<T>): Promise<T> {
  const wasm = WebAssembly as { instantiate: typeof WebAssembly.instantiate; instantiateStreaming?: typeof WebAssembly.instantiateStreaming };
  const { instantiate, instantiateStreaming } = wasm;
  const seen = (instance: WebAssembly.Instance, imports: WebAssembly.Imports | undefined) => {
    const memory = memoryOf(instance, imports);
    if (memory) onMemory(new Uint8Array(memory.buffer));
  };
  wasm.instantiate = (async (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
    const result = await instantiate(source as BufferSource, imports);
    seen(result instanceof WebAssembly.Instance ? result : (result as Instantiated).instance, imports);
    return result;
  }) as typeof WebAssembly.instantiate;
  if (instantiateStreaming) {
    wasm.instantiateStreaming = async (source, imports) => {
      const result = await instantiateStreaming(source, imports);
      seen(result.instance, imports);
      return result;
    };
  }
  try {
    return await body();
  } finally {
    wasm.instantiate = instantiate;
    if (instantiateStreaming) wasm.instantiateStreaming = instantiateStreaming;
  }
}

/**
 * Has `load` (a `loadPyodide` call that passes on what it is given as its
 * `_loadSnapshot`) restore from `delta`: Pyodide waits for the delta before
 * it instantiates its module, and when the first memory at least as large as
 * the snapshot's image appears (Pyodide's own), the delta is turned back
 * into the snapshot, in place, before Pyodide copies it in. The delta may
 * still be downloading when this is called, so Pyodide fetches its other
 * files meanwhile.
 */
export function restoreFromDelta<T>(delta: Uint8Array | Promise<Uint8Array>, load: (snapshot: Promise<Uint8Array>) => Promise<T>): Promise<T> {
  let bytes: Uint8Array | undefined;
  const snapshot = Promise.resolve(delta).then((value) => {
    bytes = value;
    return value;
  });
  let applied = false;
  return watchInstantiation(
    (memory) => {
      if (applied || !bytes || memory.byteLength < bytes.byteLength - memoryOffset(bytes)) return;
      applyDelta(bytes, memory);
      applied = true;
    },
    async () => {
      const loaded = await load(snapshot);
      if (!applied) throw new Error('the snapshot delta was never applied: no instance had memory the size of the snapshot');
      return loaded;
    },
  );
}
