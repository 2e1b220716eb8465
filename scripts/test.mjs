// The whole test run, from a fresh clone: browser, builds, type check, lint,
// unit tests, size budget, end-to-end tests. Prints one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const results = { passed: 0, failed: 0 };
const failures = [];

function run(title, command, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) failures.push(title);
  return result.status === 0;
}

/** Runs a command whose output ends in counts, echoing it; `read` finds them. */
function runCounted(title, command, args, read) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  const counts = read(`${result.stdout}\n${result.stderr}`);
  results.passed += counts.passed;
  results.failed += counts.failed;
  if (result.status !== 0 || !counts.passed) failures.push(title);
}

function count(file, read) {
  if (!existsSync(file)) return;
  const { passed, failed } = read(JSON.parse(readFileSync(file, 'utf8')));
  results.passed += passed;
  results.failed += failed;
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

if (!run('Chromium for the browser tests', 'bash', ['scripts/ensure-chromium.sh'])) {
  console.error('\nCannot run the browser tests without Chromium; see the message above.');
  process.exit(1);
}
if (!run('CPython and Gunicorn for the walkthrough checks', 'bash', ['scripts/ensure-gunicorn.sh'])) {
  console.error('\nCannot verify walkthroughs without Gunicorn; see the message above.');
  process.exit(1);
}
if (!run('nginx for the deploy tests', 'bash', ['scripts/ensure-nginx.sh'])) {
  console.error('\nCannot test the nginx config without nginx; see the message above.');
  process.exit(1);
}
const built =
  run('Build the course', 'astro', ['build']) &&
  run('Build the fixture course', 'astro', ['build'], { WAYMARK_CONTENT: './tests/fixtures/small-course', WAYMARK_OUT: './dist-fixture' }) &&
  run('Build the course under a sub-path (/course/)', 'astro', ['build'], {
    WAYMARK_CONTENT: './tests/fixtures/small-course',
    WAYMARK_BASE: '/course/',
    WAYMARK_OUT: './dist-base',
  });

if (run('Type check (astro check)', 'astro', ['check'])) results.passed += 1;
else results.failed += 1;
if (run('Lint and format check (Biome: import cycles, re-exports, recommended rules, formatting)', 'npm', ['run', '--silent', 'lint'])) results.passed += 1;
else results.failed += 1;
run('Unit tests', 'vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']);
count('test-results/unit.json', (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numPendingTests ?? 0) }));

runCounted('Harness unit tests (CPython)', '/usr/bin/python3', ['-m', 'unittest', 'discover', '-s', 'tests/python'], (out) => {
  const ran = Number(/Ran (\d+) tests?/.exec(out)?.[1] ?? 0);
  const bad = /FAILED \(([^)]*)\)/.exec(out)?.[1] ?? '';
  const failed = [...bad.matchAll(/(?:failures|errors)=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  return { passed: ran - failed, failed };
});
runCounted('Walkthrough solutions under CPython and Gunicorn', '/usr/bin/python3', ['scripts/verify_walkthroughs.py'], (out) => {
  const m = /walkthroughs: (\d+) passed, (\d+) failed/.exec(out);
  return { passed: Number(m?.[1] ?? 0), failed: Number(m?.[2] ?? 1) };
});

if (built) {
  if (run('Chapter JS budget', 'node', ['scripts/check-budget.mjs', 'dist'])) results.passed += 1;
  else results.failed += 1;
  if (run('No inline code the CSP would block', 'node', ['scripts/check-inline-code.mjs', 'dist', 'dist-fixture', 'dist-base'])) results.passed += 1;
  else results.failed += 1;
  run('End-to-end tests', 'playwright', ['test']);
  count('test-results/e2e.json', (r) => ({ passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky + r.stats.skipped }));
}

console.log('');
if (failures.length) console.log(`Failed steps: ${failures.join('; ')}`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(failures.length || results.failed ? 1 : 0);
