// npm test [-- <stage>…] [-- --reuse-builds]: the whole test run from a fresh
// clone (what CI runs), or only the stages named: lint, types, unit, python,
// walkthroughs, budget, e2e, nginx. Installs what is missing (Chromium,
// Gunicorn, nginx), builds each site once, runs independent tasks side by
// side on the machine's cores and prints one closing line with the totals.
// --reuse-builds keeps dist/, dist-fixture/ and dist-base/ from an earlier run.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runTasks } from './lib/run-tasks.mjs';
import { plan, STAGES, specSeconds } from './lib/test-plan.mjs';

const args = process.argv.slice(2);
const reuseBuilds = args.includes('--reuse-builds');
const named = args.filter((a) => !a.startsWith('--'));
const planned = plan(named, { reuseBuilds });
if (!planned.ok) {
  console.error(`npm test: ${planned.problem}. Stages (none runs them all):`);
  for (const [name, stage] of Object.entries(STAGES)) console.error(`  ${name.padEnd(13)}${stage.about}`);
  process.exit(2);
}

const SETUP = {
  chromium: ['Chromium for the browser tests', 'scripts/ensure-chromium.sh', 'Cannot run the browser tests without Chromium; see the message above.'],
  gunicorn: [
    'CPython and Gunicorn for the walkthrough checks',
    'scripts/ensure-gunicorn.sh',
    'Cannot verify walkthroughs without Gunicorn; see the message above.',
  ],
  nginx: ['nginx for the deploy tests', 'scripts/ensure-nginx.sh', 'Cannot test the nginx config without nginx; see the message above.'],
};
// One after another, before anything else: they may call apt-get, which takes a lock.
for (const what of planned.setup) {
  const [title, script, otherwise] = SETUP[what];
  console.log(`\n▶ ${title}`);
  if (spawnSync('bash', [script], { stdio: 'inherit' }).status !== 0) {
    console.error(`\n${otherwise}`);
    process.exit(1);
  }
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const jobs = Number(process.env.WAYMARK_TEST_JOBS) || availableParallelism();
/**
 * The machine's busy CPU time so far, in seconds (all cores, all processes),
 * from /proc/stat; null where there is none. The run's own CPU time cannot be
 * read from the children this process waited for: Chromium's renderers are
 * not reaped through that chain, so getrusage misses most of the browser
 * tests' work. On an otherwise idle machine the difference across the run is
 * the run's.
 */
const machineBusySeconds = () => {
  if (!existsSync('/proc/stat')) return null;
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + (steal ?? 0)) / 100;
};
const busyBefore = machineBusySeconds();
const began = Date.now();
const results = await runTasks(planned.tasks, { jobs });

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const failures = results.filter((r) => r.state !== 'passed').map((r) => r.task.title);
console.log(`\nTimes (${jobs} at once; wall clock ${((Date.now() - began) / 1000).toFixed(0)} s):`);
for (const r of results) console.log(`  ${r.state === 'skipped' ? '   –   ' : `${(r.ms / 1000).toFixed(1).padStart(6)} s`}  ${r.task.title}`);
const e2e = 'test-results/e2e.json';
if (existsSync(e2e)) {
  const slowest = specSeconds(JSON.parse(readFileSync(e2e, 'utf8'))).slice(0, 6);
  console.log(`Slowest browser spec files (test time, summed over workers): ${slowest.map(([f, s]) => `${f} ${s.toFixed(0)} s`).join(', ')}`);
}
console.log('');
// What `npm run bench` reports as the test command's row: the wall clock of
// the last whole run beside its own floor, the CPU time the machine was busy
// during it spread over the cores (machineBusySeconds), with the load average
// at the end to show whether anything else ran.
if (!named.length && !reuseBuilds) {
  const busyAfter = machineBusySeconds();
  const cpuSeconds = busyBefore === null || busyAfter === null ? null : Math.round((busyAfter - busyBefore) * 10) / 10;
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/test-run.json',
    JSON.stringify(
      {
        at: new Date().toISOString(),
        wallSeconds: Math.round((Date.now() - began) / 1000),
        cpuSeconds,
        cores: jobs,
        loadAverage: loadavg()[0],
        passed,
        failed,
      },
      null,
      2,
    ),
  );
}
if (failures.length) console.log(`Failed steps: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
