import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PythonClient } from '../../../src/runtime/client';
import type { RunResult } from '../../../src/runtime/protocol';
import { createStepRun, isBusy, type RunClient, type StepRun, type StepRunOptions, type StepRunState } from '../../../src/stores/step-run';
import { FakeWorker, ready, workerNumber } from '../runtime/fake-worker';

const spec = { kind: 'wsgi' as const, checks: [] };
const passing: RunResult = {
  ok: true,
  stdout: '',
  stderr: '',
  log: [],
  exchanges: [],
  checks: [{ id: 'ok', name: 'responds 200', passed: true, reason: '' }],
  error: null,
};
const failing: RunResult = { ...passing, ok: false, checks: [{ id: 'ok', name: 'responds 200', passed: false, reason: 'got 500' }] };

let runs: StepRun[] = [];

/** A step over the real client and a fake worker; `overrides` swap its collaborators. */
function setup(overrides: Partial<StepRunOptions> & { canInterrupt?: boolean } = {}) {
  const client = new PythonClient({
    indexURL: '/pyodide/x/',
    sizes: { 'a.wasm': 100 },
    createWorker: () => new FakeWorker(),
    canInterrupt: overrides.canInterrupt ?? false,
    graceMs: 500,
  });
  const tick = vi.fn();
  const run = createStepRun({ spec, lang: 'en', timeoutMs: 5000, loadClient: async () => client, offlineWithoutPython: async () => false, tick, ...overrides });
  runs.push(run);
  const phases: string[] = [];
  run.$run.subscribe((s) => phases.push(s.phase === 'loading' ? `loading ${s.loaded}/${s.total}` : s.phase));
  return { client, run, tick, phases };
}

/** The run message the fake worker received, once it has. */
async function runMessage(worker: FakeWorker) {
  await vi.waitFor(() => expect(worker.lastOf('run')).toBeDefined());
  return worker.lastOf('run');
}

beforeEach(() => {
  FakeWorker.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  cleanStores(...runs.map((r) => r.$run));
  runs = [];
  vi.useRealTimers();
});

describe('a step run', () => {
  it('starts idle, and preloading (hover or focus on Run) loads Python without leaving idle', async () => {
    const { run, phases } = setup();
    expect(FakeWorker.all).toHaveLength(0);
    run.preload();
    await ready(await workerNumber(1));
    expect(phases).toEqual(['idle']);
  });

  it('goes idle → running → loading with progress → running → result, and sends the learner’s files in the page’s language', async () => {
    const { run, phases } = setup();
    const done = run.run({ 'app.py': 'x' });
    expect(run.$run.get()).toEqual({ phase: 'running' });
    const worker = await workerNumber(1);
    await ready(worker);
    const message = await runMessage(worker);
    expect(message).toMatchObject({ spec, files: { 'app.py': 'x' }, lang: 'en' });
    worker.emit({ type: 'result', id: message.id, result: failing, ms: 12 });
    await expect(done).resolves.toEqual({ phase: 'result', result: failing, ms: 12, interrupted: false, ticked: false });
    expect(phases).toEqual(['idle', 'running', 'loading 0/100', 'loading 50/100', 'running', 'result']);
  });

  it('ticks the step’s item when every check passes, and not otherwise', async () => {
    const { run, tick } = setup();
    const first = run.run({});
    const worker = await workerNumber(1);
    await ready(worker);
    worker.emit({ type: 'result', id: (await runMessage(worker)).id, result: failing, ms: 1 });
    await first;
    expect(tick).not.toHaveBeenCalled();
    const second = run.run({});
    await vi.waitFor(() => expect(worker.sent.filter((m) => m.type === 'run')).toHaveLength(2));
    worker.emit({ type: 'result', id: worker.lastOf('run').id, result: passing, ms: 1 });
    await expect(second).resolves.toMatchObject({ phase: 'result', ticked: true });
    expect(tick).toHaveBeenCalledOnce();
  });

  it('a step that ticks no item still passes, without ticking', async () => {
    const { run } = setup({ tick: undefined });
    const done = run.run({});
    const worker = await workerNumber(1);
    await ready(worker);
    worker.emit({ type: 'result', id: (await runMessage(worker)).id, result: passing, ms: 1 });
    await expect(done).resolves.toMatchObject({ phase: 'result', ticked: false });
  });

  it('ignores Run while a run is under way', async () => {
    const { run } = setup();
    const first = run.run({ 'app.py': 'first' });
    const again = await run.run({ 'app.py': 'second' });
    expect(isBusy(again)).toBe(true);
    const worker = await workerNumber(1);
    await ready(worker);
    worker.emit({ type: 'result', id: (await runMessage(worker)).id, result: failing, ms: 1 });
    await first;
    expect(worker.sent.filter((m) => m.type === 'run')).toHaveLength(1);
    expect(worker.lastOf('run').files).toEqual({ 'app.py': 'first' });
  });

  it('without cross-origin isolation, a run past its limit times out, and the next run works', async () => {
    const { run } = setup();
    const looping = run.run({});
    const worker = await workerNumber(1);
    await ready(worker);
    await runMessage(worker);
    await vi.advanceTimersByTimeAsync(5000);
    await expect(looping).resolves.toEqual({ phase: 'timeout' });
    expect(isBusy(run.$run.get())).toBe(false);

    const next = run.run({});
    const fresh = await workerNumber(2);
    await ready(fresh);
    fresh.emit({ type: 'result', id: (await runMessage(fresh)).id, result: failing, ms: 1 });
    await expect(next).resolves.toMatchObject({ phase: 'result' });
  });

  it('with cross-origin isolation, a run past its limit comes back as an interrupted result', async () => {
    const { run } = setup({ canInterrupt: true });
    const looping = run.run({});
    const worker = await workerNumber(1);
    await ready(worker);
    const message = await runMessage(worker);
    await vi.advanceTimersByTimeAsync(5000);
    worker.emit({ type: 'result', id: message.id, result: { ...failing, error: { kind: 'interrupted', message: 'Stopped', traceback: '' } }, ms: 5001 });
    await expect(looping).resolves.toMatchObject({ phase: 'result', interrupted: true, ticked: false });
  });

  it('reports a crashed worker', async () => {
    const { run } = setup();
    const done = run.run({});
    const worker = await workerNumber(1);
    await ready(worker);
    worker.emit({ type: 'error', id: (await runMessage(worker)).id, message: 'RuntimeError: memory access out of bounds', fatal: true });
    await expect(done).resolves.toEqual({ phase: 'crash', message: 'RuntimeError: memory access out of bounds' });
  });

  it('reports a client that throws as a crash rather than staying busy', async () => {
    const broken: RunClient = { preload: async () => true, onState: () => () => undefined, run: async () => Promise.reject(new Error('DataCloneError')) };
    const { run } = setup({ loadClient: async () => broken });
    await expect(run.run({})).resolves.toEqual({ phase: 'crash', message: 'DataCloneError' });
  });

  describe.each([
    { offline: async () => false, expected: false, why: 'online' },
    { offline: async () => true, expected: true, why: 'offline without a saved Python' },
    { offline: async () => Promise.reject(new Error('no caches')), expected: false, why: 'when the offline check itself fails' },
  ])('a load that fails, $why', ({ offline, expected }) => {
    it('when Python does not load in the worker', async () => {
      const { run } = setup({ offlineWithoutPython: offline });
      const done = run.run({});
      const worker = await workerNumber(1);
      await vi.waitFor(() => expect(worker.lastOf('init')).toBeDefined());
      worker.emit({ type: 'error', id: worker.lastOf('init').id, message: 'NetworkError', fatal: true });
      await expect(done).resolves.toEqual({ phase: 'load-failed', message: 'NetworkError', offline: expected });
    });

    it('when the client’s own code cannot be fetched', async () => {
      const { run } = setup({ offlineWithoutPython: offline, loadClient: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')) });
      await expect(run.run({})).resolves.toEqual({ phase: 'load-failed', message: 'Failed to fetch dynamically imported module', offline: expected });
      expect(FakeWorker.all).toHaveLength(0);
    });
  });

  it('stops following the client’s load state once the run settles', async () => {
    const { run, client } = setup();
    const done = run.run({});
    const worker = await workerNumber(1);
    await ready(worker);
    worker.emit({ type: 'result', id: (await runMessage(worker)).id, result: failing, ms: 1 });
    const settled: StepRunState = await done;
    // Another step's run restarts the worker: this step keeps showing its result.
    client.preload();
    worker.fail('gone');
    expect(run.$run.get()).toEqual(settled);
  });
});
