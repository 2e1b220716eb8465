/**
 * The page's side of the Python worker: one worker per page, shared by its
 * walkthroughs, created on first use. Runs are queued one at a time and
 * bounded in time: past the limit, a cross-origin isolated page interrupts
 * Python through a shared buffer (and the worker stays warm); otherwise, or
 * if the interrupt goes unanswered, the worker is terminated and the next run
 * starts a fresh one. A worker that crashes is reported and replaced.
 */
import {
  isFromWorker,
  SIGINT,
  type FromWorker,
  type ReleaseSpec,
  type RunResult,
  type ServeRequest,
  type ServeResponse,
  type StepSpec,
  type ToWorker,
} from './protocol';

export type RunOutcome =
  | { kind: 'result'; result: RunResult; ms: number; interrupted: boolean }
  | { kind: 'timeout'; restarted: true }
  | { kind: 'crashed'; message: string }
  | { kind: 'load-failed'; message: string };

/** How a request to a deployed release ended; a timeout or crash restarts the worker as a run's does. */
export type ServeOutcome =
  | { kind: 'served'; response: ServeResponse; ms: number }
  | { kind: 'timeout'; restarted: boolean }
  | { kind: 'crashed'; message: string }
  | { kind: 'load-failed'; message: string };

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error', listener: (event: { data?: unknown; message?: string }) => void): void;
}

export interface ClientOptions {
  indexURL: string;
  sizes: Record<string, number>;
  /** The build's memory snapshot, a file among `sizes`. */
  snapshot?: string;
  createWorker: () => WorkerLike;
  /** Whether SharedArrayBuffer can be shared with the worker (cross-origin isolation). */
  canInterrupt: boolean;
  /** How long an interrupted run may take to stop before the worker is replaced. */
  graceMs?: number;
}

export type LoadState = { phase: 'idle' } | { phase: 'loading'; loaded: number; total: number } | { phase: 'ready' } | { phase: 'failed'; message: string };

interface Pending {
  resolve(outcome: RunOutcome): void;
  /** Set for a `serve`: its answer, which `resolve` never sees. */
  served?(response: ServeResponse, ms: number): void;
  timer?: ReturnType<typeof setTimeout>;
  interrupted: boolean;
}

export class PythonClient {
  private worker?: WorkerLike;
  private loading?: Promise<boolean>;
  private interruptView?: Int32Array;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private initWaiters = new Map<number, (ok: boolean, message?: string) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private listeners = new Set<(state: LoadState) => void>();
  private state: LoadState = { phase: 'idle' };
  /** Number of workers started so far; a test and the benchmark read it. */
  workersStarted = 0;
  /** How the current worker's Python started; the benchmark reads it. */
  startedFrom?: 'snapshot' | 'fresh';

  constructor(private readonly options: ClientOptions) {}

  onState(listener: (state: LoadState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  get loadState(): LoadState {
    return this.state;
  }

  private setState(state: LoadState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  /** Starts loading Python if it isn't loaded or loading; resolves when ready. */
  preload(): Promise<boolean> {
    if (!this.loading) this.loading = this.start();
    return this.loading;
  }

  private start(): Promise<boolean> {
    const worker = this.options.createWorker();
    this.worker = worker;
    this.workersStarted += 1;
    const buffer = this.options.canInterrupt ? new SharedArrayBuffer(4) : undefined;
    this.interruptView = buffer ? new Int32Array(buffer) : undefined;
    worker.addEventListener('message', (event) => this.receive(worker, event.data));
    worker.addEventListener('error', (event) => this.crash(worker, event.message ?? 'the Python worker stopped'));
    this.setState({ phase: 'loading', loaded: 0, total: Object.values(this.options.sizes).reduce((a, b) => a + b, 0) });
    const id = this.nextId++;
    return new Promise<boolean>((resolve) => {
      this.initWaiters.set(id, (ok, message) => {
        this.setState(ok ? { phase: 'ready' } : { phase: 'failed', message: message ?? '' });
        resolve(ok);
      });
      worker.postMessage({
        type: 'init',
        id,
        indexURL: this.options.indexURL,
        sizes: this.options.sizes,
        snapshot: this.options.snapshot,
        interruptBuffer: buffer,
      });
    });
  }

  private receive(worker: WorkerLike, data: unknown): void {
    if (worker !== this.worker || !isFromWorker(data)) return;
    const message: FromWorker = data;
    if (message.type === 'progress') {
      this.setState({ phase: 'loading', loaded: message.loaded, total: message.total });
    } else if (message.type === 'ready') {
      this.startedFrom = message.from;
      this.initWaiters.get(message.id)?.(true);
      this.initWaiters.delete(message.id);
    } else if (message.type === 'served') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      clearTimeout(pending.timer);
      this.pending.delete(message.id);
      // An interrupted request still gets wsgiref's 500; the learner gets the platform's timeout.
      if (pending.interrupted) pending.resolve({ kind: 'timeout', restarted: true });
      else pending.served?.(message.response, message.ms);
    } else if (message.type === 'result') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      clearTimeout(pending.timer);
      this.pending.delete(message.id);
      pending.resolve({ kind: 'result', result: message.result, ms: message.ms, interrupted: pending.interrupted });
    } else if (message.type === 'error') {
      const waiter = this.initWaiters.get(message.id);
      if (waiter) {
        this.initWaiters.delete(message.id);
        this.discardWorker();
        waiter(false, message.message);
      } else if (message.fatal) {
        this.crash(worker, message.message);
      }
    }
  }

  /** Terminates the worker; the next run starts a new one. */
  private discardWorker(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.loading = undefined;
    this.interruptView = undefined;
  }

  private crash(worker: WorkerLike, message: string): void {
    if (worker !== this.worker) return;
    this.discardWorker();
    this.setState({ phase: 'idle' });
    for (const [id, waiter] of this.initWaiters) {
      this.initWaiters.delete(id);
      waiter(false, message);
    }
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve({ kind: 'crashed', message });
    }
  }

  /** Runs one step, after any runs already queued. */
  run(spec: StepSpec, files: Record<string, string>, lang: string, timeoutMs: number): Promise<RunOutcome> {
    const next = this.queue.then(() => this.runNow(spec, files, lang, timeoutMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private runNow(spec: StepSpec, files: Record<string, string>, lang: string, timeoutMs: number): Promise<RunOutcome> {
    return this.dispatch<RunOutcome>(
      timeoutMs,
      (id) => ({ type: 'run', id, spec, files, lang }),
      (resolve) => ({ resolve, interrupted: false }),
    );
  }

  /**
   * Sends one request to a step's release, queued behind runs like a run,
   * under the same time limit. `body` is base64.
   */
  serve(release: ReleaseSpec, request: ServeRequest, body: string, lang: string, timeoutMs: number): Promise<ServeOutcome> {
    const next = this.queue.then(() => this.serveNow(release, request, body, lang, timeoutMs));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private serveNow(release: ReleaseSpec, request: ServeRequest, body: string, lang: string, timeoutMs: number): Promise<ServeOutcome> {
    return this.dispatch<ServeOutcome>(
      timeoutMs,
      (id) => ({ type: 'serve', id, release, request, body, lang }),
      (resolve) => ({
        interrupted: false,
        // Runs and requests share the timeout and crash paths, which settle with these kinds.
        resolve: (outcome) => resolve(outcome.kind === 'result' ? { kind: 'crashed', message: '' } : outcome),
        served: (response, ms) => resolve({ kind: 'served', response, ms }),
      }),
    );
  }

  /**
   * Loads Python if needed, then posts one message and settles through
   * `pending` (answer, time limit or crash), as runs and requests both do.
   */
  private async dispatch<T extends { kind: string }>(
    timeoutMs: number,
    message: (id: number) => ToWorker,
    pending: (resolve: (outcome: T) => void) => Pending,
  ): Promise<T | { kind: 'load-failed'; message: string }> {
    const ready = await this.preload();
    if (!ready || !this.worker) {
      return { kind: 'load-failed', message: this.state.phase === 'failed' ? this.state.message : '' };
    }
    const worker = this.worker;
    const id = this.nextId++;
    if (this.interruptView) Atomics.store(this.interruptView, 0, 0);
    return new Promise<T>((resolve) => {
      const entry = pending(resolve);
      entry.timer = setTimeout(() => this.timeOut(worker, id, entry), timeoutMs);
      this.pending.set(id, entry);
      worker.postMessage(message(id));
    });
  }

  private timeOut(worker: WorkerLike, id: number, pending: Pending): void {
    const restart = () => {
      if (!this.pending.has(id)) return;
      this.pending.delete(id);
      if (worker === this.worker) {
        this.discardWorker();
        this.setState({ phase: 'idle' });
      }
      pending.resolve({ kind: 'timeout', restarted: true });
    };
    if (this.interruptView && worker === this.worker) {
      pending.interrupted = true;
      Atomics.store(this.interruptView, 0, SIGINT);
      pending.timer = setTimeout(restart, this.options.graceMs ?? 1500);
    } else {
      restart();
    }
  }

  dispose(): void {
    for (const pending of this.pending.values()) clearTimeout(pending.timer);
    this.pending.clear();
    this.discardWorker();
  }
}
