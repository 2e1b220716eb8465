/**
 * A Python worker the tests drive by hand: it records what the page sends
 * and answers when told. Shared by the client's tests and the step-run
 * store's, which run the real client over it.
 */
import { expect, vi } from 'vitest';
import { PythonClient, type WorkerLike } from '../../../src/runtime/client';
import type { ToWorker } from '../../../src/runtime/protocol';

export class FakeWorker implements WorkerLike {
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

/** The n-th worker created so far (1-based), once it exists. */
export async function workerNumber(n: number): Promise<FakeWorker> {
  await vi.waitFor(() => expect(FakeWorker.all.length).toBeGreaterThanOrEqual(n));
  return FakeWorker.all[n - 1]!;
}

/** Answers the worker's init: half loaded, then ready. */
export async function ready(worker: FakeWorker) {
  await vi.waitFor(() => expect(worker.lastOf('init')).toBeDefined());
  worker.emit({ type: 'progress', id: worker.lastOf('init').id, loaded: 50, total: 100 });
  worker.emit({ type: 'ready', id: worker.lastOf('init').id, python: '3.14.2' });
}

/** A client over fake workers, as both the run and the serve tests use it. */
export function client(canInterrupt: boolean): PythonClient {
  return new PythonClient({ indexURL: '/pyodide/x/', sizes: { 'a.wasm': 100 }, createWorker: () => new FakeWorker(), canInterrupt, graceMs: 500 });
}
