import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReleaseSpec, ServeRequest, ServeResponse } from '../../../src/runtime/protocol';
import { client, FakeWorker, ready, workerNumber } from './fake-worker';

const release: ReleaseSpec = { step: 'w/s', number: 1, spec: { kind: 'deploy', checks: [] }, files: { 'app.py': 'x' } };
const request: ServeRequest = { method: 'GET', host: 'w-s-r1.app.test', target: '/', headers: [] };
const response: ServeResponse = { status: 200, reason: 'OK', headers: [['Content-Type', 'text/html']], body: '', problem: '', log: '' };

beforeEach(() => {
  FakeWorker.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('PythonClient.serve', () => {
  it('sends the release with the request and resolves with the response', async () => {
    const c = client(false);
    const served = c.serve(release, request, '', 'en', 5000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('serve')).toBeDefined());
    expect(worker.lastOf('serve')).toMatchObject({ release, request, lang: 'en' });
    worker.emit({ type: 'served', id: worker.lastOf('serve').id, response, ms: 2 });
    await expect(served).resolves.toEqual({ kind: 'served', response, ms: 2 });
  });

  it('refuses a served message of the wrong shape', async () => {
    const c = client(false);
    const served = c.serve(release, request, '', 'en', 5000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('serve')).toBeDefined());
    worker.emit({ type: 'served', id: worker.lastOf('serve').id, response: { ...response, headers: [['a']] }, ms: 2 });
    worker.emit({ type: 'served', id: worker.lastOf('serve').id, response, ms: 3 });
    await expect(served).resolves.toMatchObject({ ms: 3 });
  });

  it('without isolation, a request past the limit restarts the worker and settles as a timeout', async () => {
    const c = client(false);
    const served = c.serve(release, request, '', 'en', 5000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('serve')).toBeDefined());
    await vi.advanceTimersByTimeAsync(5000);
    await expect(served).resolves.toEqual({ kind: 'timeout', restarted: true });
    expect(worker.terminated).toBe(true);
  });

  it('with isolation, an interrupted request that still answers settles as a timeout, and the worker stays', async () => {
    const c = client(true);
    const served = c.serve(release, request, '', 'en', 5000);
    const worker = await workerNumber(1);
    await ready(worker);
    await vi.waitFor(() => expect(worker.lastOf('serve')).toBeDefined());
    await vi.advanceTimersByTimeAsync(5000);
    worker.emit({ type: 'served', id: worker.lastOf('serve').id, response: { ...response, status: 500 }, ms: 5001 });
    await expect(served).resolves.toEqual({ kind: 'timeout', restarted: true });
    expect(worker.terminated).toBe(false);
  });
});
