/**
 * One walkthrough step's run: the workflow behind <wm-step>'s Run button,
 * as a store the element renders.
 *
 *   idle → running ⇄ loading → result | timeout | crash | load-failed → running → …
 *
 * `running` covers fetching the client's code, waiting behind another
 * step's run and Python running; `loading` is Python itself downloading
 * (bytes so far of the total). A run whose checks all pass ticks the step's
 * checklist item (through `tick`, so ticking stays the progress store's
 * job). A load that fails while the learner is offline without a saved
 * Python says so, so the step can point to where it is saved.
 *
 * The Python client comes from a loader, so its code (and the worker) load
 * on first need, and tests hand in a fake. Nothing here touches storage.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { LoadState, RunOutcome } from '../runtime/client';
import type { RunResult, StepSpec } from '../runtime/protocol';

export type StepRunState =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'loading'; loaded: number; total: number }
  | { phase: 'result'; result: RunResult; ms: number; interrupted: boolean; ticked: boolean }
  | { phase: 'timeout' }
  | { phase: 'crash'; message: string }
  | { phase: 'load-failed'; message: string; offline: boolean };

export type StepRunPhase = StepRunState['phase'];

/** What the store needs of the page's Python client (`src/runtime/client.ts`). */
export interface RunClient {
  preload(): Promise<boolean>;
  onState(listener: (state: LoadState) => void): () => void;
  run(spec: StepSpec, files: Record<string, string>, lang: string, timeoutMs: number): Promise<RunOutcome>;
}

export interface StepRunOptions {
  spec: StepSpec;
  /** The page's language: checks and the harness explain themselves in it. */
  lang: string;
  timeoutMs: number;
  loadClient(): Promise<RunClient>;
  /** Whether Python failed to load because the learner is offline and hasn't saved it. */
  offlineWithoutPython(): Promise<boolean>;
  /** Ticks the step's checklist item; absent when the step ticks none. */
  tick?(): void;
}

export interface StepRun {
  readonly $run: ReadableAtom<StepRunState>;
  /** Starts loading the client and Python (on hover or focus of Run); changes no state. */
  preload(): void;
  /** Runs the learner's files; ignored while a run is under way. Resolves with the settled state. */
  run(files: Record<string, string>): Promise<StepRunState>;
}

/** Whether a run is under way (Run stays disabled). */
export function isBusy(state: StepRunState): boolean {
  return state.phase === 'running' || state.phase === 'loading';
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createStepRun(options: StepRunOptions): StepRun {
  const $run = atom<StepRunState>({ phase: 'idle' });

  const offline = async (): Promise<boolean> => {
    try {
      return await options.offlineWithoutPython();
    } catch {
      return false;
    }
  };

  const settle = async (outcome: RunOutcome): Promise<StepRunState> => {
    switch (outcome.kind) {
      case 'result': {
        const ticked = outcome.result.ok && options.tick !== undefined;
        if (ticked) options.tick!();
        return { phase: 'result', result: outcome.result, ms: outcome.ms, interrupted: outcome.interrupted, ticked };
      }
      case 'timeout':
        return { phase: 'timeout' };
      case 'crashed':
        return { phase: 'crash', message: outcome.message };
      case 'load-failed':
        return { phase: 'load-failed', message: outcome.message, offline: await offline() };
    }
  };

  const attempt = async (files: Record<string, string>): Promise<StepRunState> => {
    let client: RunClient;
    try {
      client = await options.loadClient();
    } catch (error) {
      // The client's own code could not be fetched: the network went away since the page loaded.
      return settle({ kind: 'load-failed', message: messageOf(error) });
    }
    const stopWatching = client.onState((load) => {
      if (load.phase === 'loading') $run.set({ phase: 'loading', loaded: load.loaded, total: load.total });
      else if ($run.get().phase !== 'running') $run.set({ phase: 'running' });
    });
    try {
      return await settle(await client.run(options.spec, files, options.lang, options.timeoutMs));
    } catch (error) {
      // The client resolves every run; a throw (say, files that cannot be posted) is a crash, not a stuck button.
      return { phase: 'crash', message: messageOf(error) };
    } finally {
      stopWatching();
    }
  };

  return {
    $run,
    preload() {
      void options.loadClient().then(
        (client) => client.preload(),
        () => undefined,
      );
    },
    async run(files) {
      if (isBusy($run.get())) return $run.get();
      $run.set({ phase: 'running' });
      const settled = await attempt(files);
      $run.set(settled);
      return settled;
    },
  };
}
