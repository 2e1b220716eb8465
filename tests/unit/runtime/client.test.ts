import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PythonClient, type WorkerLike } from '../../../src/runtime/client';
import type { RunResult, ToWorker } from '../../../src/runtime/protocol';

/** A worker the test drives by hand: it records messages and answers when told. */
class FakeWorker implements WorkerLike {
  static all: FakeWorker[] = [];
  sent: ToWorker[] = [];
  terminated = false;
  private listeners: Record<string, ((event: { data?: unknown; message?: string }) => void)[]> = {};
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: ToWorker): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: 'message' | 'error', listener: (event: { data?: unknown; message?: string }) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  emit(data: unknown): void {
    for (const l of this.listeners.message ?? []) l({ data });
  }
  fail(message: string): void {
    for (const l of this.listeners.error ?? []) l({ message });
  }
  lastOf<T extends ToWorker['type']>(type: T): Extract<ToWorker, { type: T }> {
    return this.sent.filter((m) => m.type === type).at(-1) as Extract<ToWorker, { type: T }>;
  }
}

const result: RunResult = { ok: true, stdout: '', stderr: '', log: [], exchanges: [], checks: [], error: null };
const spec = { kind: 'wsgi' as const, checks: [] };

function client(canInterrupt: boolean) {
  return new PythonClient({ indexURL: '/pyodide/x/', sizes: { 'a.wasm': 100 }, createWorker: () => new FakeWorker(), canInterrupt, graceMs: 500 });
}

/** The n-th worker the client created (1-based), once it exists. */
async function workerNumber(n: number): Promise<FakeWorker> {
  await vi.waitFor(() => expect(FakeWorker.all.length).toBeGreaterThanOrEqual(n));
  return FakeWorker.all[n - 1]!;
}

async function ready(worker: FakeWorker) {
  await vi.waitFor(() => expect(worker.lastOf('init')).toBeDefined());
  worker.emit({ type: 'progress', id: worker.lastOf('init').id, loaded: 50, total: 100 });
  worker.emit({ type: 'ready', id: worker.lastOf('init').id, python: '3.14.2' });
}

beforeEach(() => {
  FakeWorker.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('PythonClient', () => {
  it('creates no worker until something runs or preloads', () => {
    client(false);
    expect(FakeWorker.all).toHaveLength(0);
  });

  it('reports load progress, then runs, and reuses the worker', async () => {
    const c = client(false);
    const states: string[] = [];
    c.onState((s) => states.push(s.phase === 'loading' ? `loading ${s.loaded}/${s.total}` : s.phase));
    const first = c.run(spec, { 'app.py': 'x' }, 'en', 5000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('run')).toBeDefined());
    expect(worker.lastOf('run')).toMatchObject({ files: { 'app.py': 'x' }, lang: 'en' });
    worker.emit({ type: 'result', id: worker.lastOf('run').id, result, ms: 3 });
    await expect(first).resolves.toEqual({ kind: 'result', result, ms: 3, interrupted: false });
    expect(states).toEqual(['idle', 'loading 0/100', 'loading 50/100', 'ready']);

    const second = c.run(spec, {}, 'en', 5000);
    await vi.waitFor(() => expect(worker.sent.filter((m) => m.type === 'run')).toHaveLength(2));
    worker.emit({ type: 'result', id: worker.lastOf('run').id, result, ms: 1 });
    await expect(second).resolves.toMatchObject({ kind: 'result' });
    expect(FakeWorker.all).toHaveLength(1);
  });

  it('without cross-origin isolation, a run past its limit terminates the worker, and the next run starts a new one', async () => {
    const c = client(false);
    const run = c.run(spec, {}, 'en', 5000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('run')).toBeDefined());
    expect(worker.lastOf('init').interruptBuffer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(5000);
    await expect(run).resolves.toEqual({ kind: 'timeout', restarted: true });
    expect(worker.terminated).toBe(true);

    const next = c.run(spec, {}, 'en', 5000);
    const fresh = await workerNumber(2);
    await ready(fresh);
    await vi.waitFor(() => expect(fresh.lastOf('run')).toBeDefined());
    fresh.emit({ type: 'result', id: fresh.lastOf('run').id, result, ms: 2 });
    await expect(next).resolves.toMatchObject({ kind: 'result' });
  });

  it('with cross-origin isolation, a run past its limit is interrupted through the shared buffer and the worker stays', async () => {
    const c = client(true);
    const run = c.run(spec, {}, 'en', 5000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('run')).toBeDefined());
    const view = new Int32Array(worker.lastOf('init').interruptBuffer!);
    expect(view[0]).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(view[0]).toBe(2);
    worker.emit({ type: 'result', id: worker.lastOf('run').id, result: { ...result, ok: false, error: { kind: 'interrupted', message: 'Stopped', traceback: '' } }, ms: 5001 });
    await expect(run).resolves.toMatchObject({ kind: 'result', interrupted: true });
    expect(worker.terminated).toBe(false);
  });

  it('falls back to a restart when an interrupt goes unanswered', async () => {
    const c = client(true);
    const run = c.run(spec, {}, 'en', 1000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('run')).toBeDefined());
    await vi.advanceTimersByTimeAsync(1000 + 500);
    await expect(run).resolves.toEqual({ kind: 'timeout', restarted: true });
    expect(worker.terminated).toBe(true);
  });

  it('reports a crashed worker and replaces it', async () => {
    const c = client(false);
    const run = c.run(spec, {}, 'en', 5000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('run')).toBeDefined());
    worker.emit({ type: 'error', id: worker.lastOf('run').id, message: 'RuntimeError: memory access out of bounds', fatal: true });
    await expect(run).resolves.toEqual({ kind: 'crashed', message: 'RuntimeError: memory access out of bounds' });
    expect(worker.terminated).toBe(true);
    void c.run(spec, {}, 'en', 5000);
    await vi.waitFor(() => expect(FakeWorker.all).toHaveLength(2));
  });

  it('reports a worker that fails to load Python', async () => {
    const c = client(false);
    const run = c.run(spec, {}, 'en', 5000);
    const worker = await workerNumber(1);
    await vi.waitFor(() => expect(worker.lastOf('init')).toBeDefined());
    worker.emit({ type: 'error', id: worker.lastOf('init').id, message: 'NetworkError', fatal: true });
    await expect(run).resolves.toEqual({ kind: 'load-failed', message: 'NetworkError' });
  });

  it('ignores malformed messages and messages from a replaced worker', async () => {
    const c = client(false);
    const run = c.run(spec, {}, 'en', 5000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('run')).toBeDefined());
    worker.emit({ type: 'result', id: worker.lastOf('run').id });
    worker.emit('garbage');
    worker.fail('uncaught');
    await expect(run).resolves.toMatchObject({ kind: 'crashed', message: 'uncaught' });
    worker.emit({ type: 'result', id: worker.lastOf('run').id, result, ms: 1 });
    expect(c.loadState.phase).toBe('idle');
  });
});
