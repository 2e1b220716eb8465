/**
 * The contract between the page and the Python worker. Every message carries
 * the id of the request it answers; only the worker imports Pyodide.
 *
 *   page → worker   init   load Python (once), from the build's memory snapshot
 *                          when it can, with an interrupt buffer when the page
 *                          is cross-origin isolated
 *                   run    run one walkthrough step on the learner's files
 *                   serve  one HTTP request from the app frame to a step's
 *                          deployed release (deployed first if needed)
 *   worker → page   progress   bytes of the runtime loaded so far
 *                   ready      Python is loaded, and whether from the snapshot
 *                   result     a step's result, from the harness
 *                   served     the release's response to a `serve`
 *                   error      the request failed; `fatal` means the worker
 *                              is unusable and must be replaced
 * Interrupts travel outside the message queue: the page writes SIGINT (2)
 * into the shared buffer, which Python checks while it runs.
 */
import type { StepConfig } from '../config/schema';

export interface RequestSpec {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Run the platform's worker process until it is idle before this request. */
  afterWorker?: boolean;
}

export type CheckSpec = { id: string; name: string; type: string } & Record<string, unknown>;

/** What the harness needs to run a step (names already in the page's language). */
export interface StepSpec {
  /** The step kinds the schema declares (src/config/schema.ts), so a new kind cannot be forgotten here. */
  kind: StepConfig['kind'];
  entry?: string;
  args?: string[];
  env?: Record<string, string>;
  requests?: RequestSpec[];
  /** rollout steps: the plan of the roll (see `rolloutSchema`). */
  rollout?: StepConfig['rollout'];
  checks: CheckSpec[];
}

export interface ExchangeResult {
  method: string;
  path: string;
  request: string;
  response: string;
  status: number | null;
  problem: string;
  serverLog: string;
}

export interface CheckResult {
  id: string | null;
  name: string;
  passed: boolean;
  reason: string;
}

export interface RunError {
  /** Harness kinds (syntax, import, no-web, …) plus the page's own: timeout, crashed, load-failed. */
  kind: string;
  message: string;
  traceback: string;
}

export interface RunResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  log: string[];
  exchanges: ExchangeResult[];
  checks: CheckResult[];
  error: RunError | null;
}

/** A deployed release, named by its step and number, with what it is deployed from. */
export interface ReleaseSpec {
  step: string;
  number: number;
  spec: StepSpec;
  files: Record<string, string>;
}

/** One request as the app's server receives it: the virtual host, the request target (path and query) and the headers in order. */
export interface ServeRequest {
  method: string;
  host: string;
  target: string;
  headers: [string, string][];
}

/** The release's response: bodies travel as base64 (the harness speaks JSON). */
export interface ServeResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
  /** A protocol mistake or exception, explained in the page's language; empty when none. */
  problem: string;
  /** What the app printed while answering. */
  log: string;
}

export type ToWorker =
  | { type: 'init'; id: number; indexURL: string; sizes: Record<string, number>; snapshot?: string; interruptBuffer?: SharedArrayBuffer }
  | { type: 'run'; id: number; spec: StepSpec; files: Record<string, string>; lang: string }
  | { type: 'serve'; id: number; release: ReleaseSpec; request: ServeRequest; body: string; lang: string };

export type FromWorker =
  | { type: 'progress'; id: number; loaded: number; total: number }
  | { type: 'ready'; id: number; python: string; from?: 'snapshot' | 'fresh' }
  | { type: 'result'; id: number; result: RunResult; ms: number }
  | { type: 'served'; id: number; response: ServeResponse; ms: number }
  | { type: 'error'; id: number; message: string; fatal: boolean };

/** SIGINT, as Python's signal module numbers it. */
export const SIGINT = 2;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks a message from the worker before the page trusts it. */
export function isFromWorker(value: unknown): value is FromWorker {
  if (!isObject(value) || typeof value.id !== 'number') return false;
  switch (value.type) {
    case 'progress':
      return typeof value.loaded === 'number' && typeof value.total === 'number';
    case 'ready':
      return typeof value.python === 'string' && (value.from === undefined || value.from === 'snapshot' || value.from === 'fresh');
    case 'result':
      return isObject(value.result) && Array.isArray(value.result.checks) && typeof value.ms === 'number';
    case 'served':
      return isServeResponse(value.response) && typeof value.ms === 'number';
    case 'error':
      return typeof value.message === 'string' && typeof value.fatal === 'boolean';
    default:
      return false;
  }
}

function isServeResponse(value: unknown): value is ServeResponse {
  return (
    isObject(value) &&
    typeof value.status === 'number' &&
    typeof value.reason === 'string' &&
    typeof value.body === 'string' &&
    typeof value.problem === 'string' &&
    typeof value.log === 'string' &&
    Array.isArray(value.headers) &&
    value.headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')
  );
}
