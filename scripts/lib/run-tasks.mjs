// Runs the tasks of a test plan (scripts/lib/test-plan.mjs) side by side:
// at most `jobs` at once, never two Astro tasks together, each once the
// tasks it needs have passed. A task's output is held back and printed whole
// when it ends, so parallel tasks never interleave; a `live` task (the
// browser tests, minutes long) streams instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { one } from './test-plan.mjs';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs one task; resolves with its exit status and, unless live, what it printed. */
function start(task, children) {
  return new Promise((resolve) => {
    const child = spawn(task.command, task.args, { env: { ...env, ...task.env }, stdio: task.live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (error) => {
      output += `\n${task.command}: ${error.message}\n`;
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ status: code ?? (signal ? 1 : 0), output });
    });
  });
}

/** The counts a finished task adds to the closing line, from its report, its output or its status. */
export function countsOf(task, status, output) {
  if (task.counts === 'one') return one(status === 0);
  if (task.counts === 'output') return task.read(output);
  if (task.counts === 'json') return existsSync(task.report) ? task.read(JSON.parse(readFileSync(task.report, 'utf8'))) : { passed: 0, failed: 0 };
  return { passed: 0, failed: 0 };
}

/**
 * Runs the tasks; resolves with each one's result: `passed`, `failed` or
 * `skipped` (something it needs failed), its counts, when it started (`at`,
 * ms from the first) and how long it took (`ms`).
 * @param {(import('./test-plan.mjs').Task & { needs: string[] })[]} tasks
 * @param {{ jobs?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<{ task: import('./test-plan.mjs').Task, state: 'passed' | 'failed' | 'skipped', passed: number, failed: number, at: number, ms: number }[]>}
 */
export function runTasks(tasks, { jobs = 2, log = console.log } = {}) {
  const results = new Map();
  const running = new Set();
  const children = new Set();
  // Passed on, not acted on here: Playwright stops its servers on SIGTERM, so wait for every child to end.
  const stop = (signal) => {
    for (const child of children) child.kill(signal);
    const quit = () => (children.size ? setTimeout(quit, 100) : process.exit(130));
    quit();
    setTimeout(() => process.exit(130), 15_000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  const began = Date.now();

  return new Promise((done) => {
    const pump = () => {
      for (const task of tasks) {
        if (results.has(task.id) || running.has(task)) continue;
        const blocked = task.needs.find((id) => results.has(id) && results.get(id).state !== 'passed');
        if (blocked) {
          results.set(task.id, { task, state: 'skipped', because: blocked, passed: 0, failed: 0, at: Date.now() - began, ms: 0 });
          log(`\n▷ ${task.title}: not run, because "${tasks.find((t) => t.id === blocked).title}" failed`);
          continue;
        }
        if (!task.needs.every((id) => results.has(id))) continue;
        if (running.size >= jobs) continue;
        if (task.astro && [...running].some((t) => t.astro)) continue;
        running.add(task);
        const t0 = Date.now();
        if (task.live) log(`\n▶ ${task.title} (from ${seconds(t0 - began)})`);
        start(task, children).then(({ status, output }) => {
          running.delete(task);
          const ms = Date.now() - t0;
          if (!task.live) log(`\n▶ ${task.title} (${seconds(t0 - began)} → ${seconds(Date.now() - began)})\n${output.trimEnd()}`);
          else log(`\n◀ ${task.title}: ${seconds(ms)}`);
          const counts = countsOf(task, status, output);
          const ok = status === 0 && (task.counts === undefined || task.counts === 'one' || counts.passed > 0);
          results.set(task.id, { task, state: ok ? 'passed' : 'failed', ...counts, at: t0 - began, ms });
          pump();
        });
      }
      if (results.size === tasks.length) done(tasks.map((t) => results.get(t.id)));
    };
    pump();
  });
}
