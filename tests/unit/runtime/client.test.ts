import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunResult } from '../../../src/runtime/protocol';
import { client, FakeWorker, ready, workerNumber } from './fake-worker';

const result: RunResult = { ok: true, stdout: '', stderr: '', log: [], exchanges: [], checks: [], error: null };
const spec = { kind: 'wsgi' as const, checks: [] };

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
    worker.emit({
      type: 'result',
      id: worker.lastOf('run').id,
      result: { ...result, ok: false, error: { kind: 'interrupted', message: 'Stopped', traceback: '' } },
      ms: 5001,
    });
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
