// What `npm test` runs: every task, the stages a developer can name
// (`npm test -- unit`), and how each task's output turns into counts.
// Pure data and functions; scripts/lib/run-tasks.mjs runs a plan.

const FIXTURE = { WAYMARK_CONTENT: './tests/fixtures/small-course', WAYMARK_OUT: './dist-fixture' };
// The sub-path build is the fixture course's: every sub-path test is an engine test.
const SUBPATH = { WAYMARK_CONTENT: './tests/fixtures/small-course', WAYMARK_BASE: '/course/', WAYMARK_OUT: './dist-base' };
const BUILDS = ['build-course', 'build-fixture', 'build-base'];
/** The vitest files that run `astro build` themselves (see `astro` below). */
const VITEST_BUILDS = ['tests/build/content-errors.test.ts'];
const PLAYWRIGHT_SPECS = { walkthroughs: 'tests/e2e/all-walkthroughs.spec.ts', nginx: 'tests/e2e/nginx.spec.ts' };

/**
 * @typedef {{ passed: number, failed: number }} Counts
 * @typedef {{
 *   id: string, title: string, command: string, args: string[], env?: Record<string, string>,
 *   needs?: string[], astro?: boolean, live?: boolean, report?: string,
 *   counts?: 'one' | 'json' | 'output', read?: (found: any) => Counts,
 * }} Task
 */

/**
 * Every task, in the order the runner prefers to start them: the builds the
 * browser tests wait for first, the browser tests as soon as they can start
 * (they take longest), then the rest beside them.
 *
 * - `needs`: tasks that must have passed first (builds for the browser tests).
 * - `astro`: the task runs Astro, which rewrites the project's `.astro/` folder
 *   (generated types, the content module list) for the course it builds, so two
 *   such tasks never run at once.
 * - `counts`: `one` (passes or fails as one check), `json` (a report file),
 *   `output` (read from what it printed) or absent (a build: a failure fails the run
 *   and skips what needs it, but adds no count).
 */
/** @type {Task[]} */
export const TASKS = [
  { id: 'build-course', title: 'Build the course', command: 'astro', args: ['build'], astro: true },
  { id: 'build-fixture', title: 'Build the fixture course', command: 'astro', args: ['build'], env: FIXTURE, astro: true },
  { id: 'build-base', title: 'Build the fixture course under a sub-path (/course/)', command: 'astro', args: ['build'], env: SUBPATH, astro: true },
  {
    id: 'browser',
    title: 'End-to-end tests (Playwright)',
    command: 'playwright',
    args: ['test'],
    needs: BUILDS,
    live: true,
    report: 'test-results/e2e.json',
    counts: 'json',
    read: (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky + r.stats.skipped }),
  },
  {
    id: 'lint',
    title: 'Lint and format check (Biome: import cycles, re-exports, recommended rules, formatting)',
    command: 'npm',
    args: ['run', '--silent', 'lint'],
    counts: 'one',
  },
  {
    id: 'python',
    title: 'Harness unit tests (CPython)',
    command: '/usr/bin/python3',
    args: ['-m', 'unittest', 'discover', '-s', 'tests/python'],
    counts: 'output',
    read: readUnittest,
  },
  {
    id: 'gunicorn',
    title: 'Walkthrough solutions under CPython and Gunicorn',
    command: '/usr/bin/python3',
    args: ['scripts/verify_walkthroughs.py'],
    counts: 'output',
    read: readWalkthroughs,
  },
  {
    id: 'unit',
    title: 'Unit tests',
    command: 'vitest',
    args: ['run', ...VITEST_BUILDS.map((f) => `--exclude=${f}`), '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'],
    report: 'test-results/unit.json',
    counts: 'json',
    read: readVitest,
  },
  { id: 'types', title: 'Type check (astro check)', command: 'astro', args: ['check'], astro: true, counts: 'one' },
  {
    id: 'unit-builds',
    title: 'Unit tests that build a course (broken content, one language)',
    command: 'vitest',
    args: ['run', ...VITEST_BUILDS, '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit-builds.json'],
    astro: true,
    report: 'test-results/unit-builds.json',
    counts: 'json',
    read: readVitest,
  },
  { id: 'budget', title: 'Chapter JS budget', command: 'node', args: ['scripts/check-budget.mjs', 'dist'], needs: ['build-course'], counts: 'one' },
  {
    id: 'inline',
    title: 'No inline code the CSP would block',
    command: 'node',
    args: ['scripts/check-inline-code.mjs', 'dist', 'dist-fixture', 'dist-base'],
    needs: BUILDS,
    counts: 'one',
  },
];

/**
 * The stages a developer can name. `walkthroughs` is every reference solution
 * run for real (Gunicorn) and in the browser; `e2e` is every browser test,
 * `nginx` only the ones against Debian's nginx. Naming none runs everything.
 */
/** @type {Record<string, { tasks: string[], specs?: string[] | 'all', about: string }>} */
export const STAGES = {
  lint: { tasks: ['lint'], about: 'Biome: lint and format check' },
  types: { tasks: ['types'], about: 'astro check' },
  unit: { tasks: ['unit', 'unit-builds'], about: 'vitest: tests/unit and tests/build' },
  python: { tasks: ['python'], about: "the harness's CPython tests (tests/python)" },
  walkthroughs: { tasks: ['gunicorn', 'browser'], specs: [PLAYWRIGHT_SPECS.walkthroughs], about: 'every reference solution under Gunicorn and in Chromium' },
  budget: { tasks: ['budget', 'inline'], about: 'chapter JS budget and the no-inline-code check on the built sites' },
  e2e: { tasks: ['browser'], specs: 'all', about: 'every Playwright spec (the nginx ones too)' },
  nginx: { tasks: ['browser'], specs: [PLAYWRIGHT_SPECS.nginx], about: 'the Playwright specs against Debian’s nginx' },
};

/** What each task needs installed; scripts/ensure-*.sh put it there. */
const SETUP = {
  browser: ['chromium'],
  python: ['gunicorn'],
  gunicorn: ['gunicorn'],
};

/**
 * The tasks for the stages named (all when none), with the builds they need,
 * the Playwright specs to run, and what to install first; or the problem with
 * the arguments.
 * @param {string[]} names
 * @param {{ reuseBuilds?: boolean }} [options]
 * @returns {{ ok: true, tasks: (Task & { needs: string[] })[], setup: string[] } | { ok: false, problem: string }}
 */
export function plan(names, { reuseBuilds = false } = {}) {
  const unknown = names.filter((n) => !Object.hasOwn(STAGES, n));
  if (unknown.length) return { ok: false, problem: `unknown stage ${unknown.map((n) => `"${n}"`).join(', ')}` };
  const stages = names.length ? names : Object.keys(STAGES);
  const wanted = new Set(stages.flatMap((n) => STAGES[n].tasks));
  const specSets = stages.map((n) => STAGES[n].specs).filter(Boolean);
  const specs = specSets.includes('all') ? [] : [...new Set(specSets.flat())];
  const closure = (id) => {
    wanted.add(id);
    for (const need of TASKS.find((t) => t.id === id).needs ?? []) closure(need);
  };
  for (const id of [...wanted]) closure(id);
  if (reuseBuilds) for (const id of BUILDS) wanted.delete(id);
  const tasks = TASKS.filter((t) => wanted.has(t.id)).map((t) => ({
    ...t,
    needs: (t.needs ?? []).filter((id) => wanted.has(id)),
    args: t.id === 'browser' ? [...t.args, ...specs] : t.args,
  }));
  const setup = [...new Set(tasks.flatMap((t) => SETUP[t.id] ?? []))];
  // nginx.spec.ts runs Debian's nginx: needed whenever it is among the specs.
  if (wanted.has('browser') && (specs.length === 0 || specs.includes(PLAYWRIGHT_SPECS.nginx))) setup.push('nginx');
  return { ok: true, tasks, setup };
}

/** Counts from a vitest JSON report; a skipped test counts as a failure, as a dropped assertion would. */
export function readVitest(r) {
  return { passed: r.numPassedTests, failed: r.numFailedTests + (r.numPendingTests ?? 0) };
}

/** Counts from `python -m unittest` output ("Ran N tests", "FAILED (failures=…, errors=…)"). */
export function readUnittest(out) {
  const ran = Number(/Ran (\d+) tests?/.exec(out)?.[1] ?? 0);
  const bad = /FAILED \(([^)]*)\)/.exec(out)?.[1] ?? '';
  const failed = [...bad.matchAll(/(?:failures|errors)=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  return { passed: ran - failed, failed };
}

/** Counts from verify_walkthroughs.py's closing line; none found is one failure. */
export function readWalkthroughs(out) {
  const m = /walkthroughs: (\d+) passed, (\d+) failed/.exec(out);
  return { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 1) };
}

/**
 * Seconds spent in each spec file, slowest first, from Playwright's JSON report
 * (test durations summed; with several workers they overlap in wall-clock time).
 * A test counts for the spec file that holds it (the report's top-level suite),
 * even when a helper in another file declared it (tests/e2e/axe.ts does).
 * @returns {[string, number][]}
 */
export function specSeconds(report) {
  const per = new Map();
  const walk = (suite, file) => {
    for (const child of suite.suites ?? []) walk(child, file);
    for (const spec of suite.specs ?? []) {
      const ms = spec.tests.flatMap((t) => t.results).reduce((n, r) => n + r.duration, 0);
      per.set(file, (per.get(file) ?? 0) + ms);
    }
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file);
  return [...per].map(([file, ms]) => [file, ms / 1000]).sort((a, b) => b[1] - a[1]);
}

/** A task that passes or fails as one check. */
export function one(ok) {
  return ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}
