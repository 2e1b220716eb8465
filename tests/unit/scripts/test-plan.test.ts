import { describe, expect, it } from 'vitest';
import { runTasks } from '../../../scripts/lib/run-tasks.mjs';
import { plan, readUnittest, readWalkthroughs, STAGES, specSeconds, TASKS } from '../../../scripts/lib/test-plan.mjs';

const BUILDS = ['build-course', 'build-fixture', 'build-base'];
const ids = (names: string[], options?: { reuseBuilds?: boolean }) => {
  const p = plan(names, options);
  if (!p.ok) throw new Error(p.problem);
  return { ids: p.tasks.map((t) => t.id), setup: p.setup, specs: p.tasks.find((t) => t.id === 'browser')?.args.slice(1), tasks: p.tasks };
};

describe('plan (what npm test runs)', () => {
  it('runs every task when no stage is named, as CI does, with everything installed first', () => {
    const all = ids([]);
    expect(all.ids).toEqual(TASKS.map((t) => t.id));
    expect(all.specs).toEqual([]);
    expect(all.setup.sort()).toEqual(['chromium', 'gunicorn', 'nginx']);
  });

  it('reaches every task from some stage, so the stages together are the whole run', () => {
    const reached = new Set(Object.values(STAGES).flatMap((s) => s.tasks));
    expect(TASKS.filter((t) => !reached.has(t.id) && !BUILDS.includes(t.id))).toEqual([]);
  });

  it('lists every task after the tasks it needs', () => {
    TASKS.forEach((task, i) => {
      for (const need of task.needs ?? [])
        expect(
          TASKS.findIndex((t) => t.id === need),
          `${task.id} needs ${need}`,
        ).toBeLessThan(i);
    });
  });

  it.each([
    ['unit', ['unit', 'unit-builds'], [], undefined],
    ['python', ['python'], ['gunicorn'], undefined],
    ['lint', ['lint'], [], undefined],
    ['budget', [...BUILDS, 'budget', 'inline'], [], undefined],
    ['nginx', [...BUILDS, 'browser'], ['chromium', 'nginx'], ['tests/e2e/nginx.spec.ts']],
    ['walkthroughs', [...BUILDS, 'browser', 'gunicorn'], ['chromium', 'gunicorn'], ['tests/e2e/all-walkthroughs.spec.ts']],
    ['e2e', [...BUILDS, 'browser'], ['chromium', 'nginx'], []],
  ])('"%s" runs only its tasks, the builds they need and what they need installed', (stage, tasks, setup, specs) => {
    const p = ids([stage]);
    expect(p.ids.sort()).toEqual([...tasks].sort());
    expect(p.setup.sort()).toEqual(setup);
    expect(p.specs).toEqual(specs);
  });

  it('runs the browser tests once for several stages: their specs together, or all when e2e is named', () => {
    expect(ids(['walkthroughs', 'nginx']).specs).toEqual(['tests/e2e/all-walkthroughs.spec.ts', 'tests/e2e/nginx.spec.ts']);
    expect(ids(['nginx', 'e2e']).specs).toEqual([]);
    expect(ids(['nginx', 'e2e']).ids.filter((id) => id === 'browser')).toHaveLength(1);
  });

  it('keeps the earlier builds with reuseBuilds: no build runs and nothing waits for one', () => {
    const p = ids(['e2e'], { reuseBuilds: true });
    expect(p.ids).toEqual(['browser']);
    expect(p.tasks[0]!.needs).toEqual([]);
  });

  it('refuses a stage it does not know, naming it', () => {
    expect(plan(['unit', 'speling'])).toEqual({ ok: false, problem: 'unknown stage "speling"' });
  });
});

describe('reading counts from output', () => {
  it.each([
    ['all passing', '....\nRan 4 tests in 0.1s\n\nOK\n', { passed: 4, failed: 0 }],
    ['failures and errors', 'Ran 10 tests in 2s\n\nFAILED (failures=2, errors=1)\n', { passed: 7, failed: 3 }],
    ['a crash before any test', 'ImportError: no module\n', { passed: 0, failed: 0 }],
  ])('unittest: %s', (_, out, counts) => {
    expect(readUnittest(out)).toEqual(counts);
  });

  it.each([
    ['the closing line', '✓ a / b\nwalkthroughs: 41 passed, 2 failed\n', { passed: 41, failed: 2 }],
    ['no closing line (a crash): one failure', 'Traceback …\n', { passed: 0, failed: 1 }],
  ])('verify_walkthroughs: %s', (_, out, counts) => {
    expect(readWalkthroughs(out)).toEqual(counts);
  });
});

describe('runTasks', () => {
  const node = (id: string, code: string, extra: Record<string, unknown> = {}) => ({
    id,
    title: id,
    command: process.execPath,
    args: ['-e', code],
    needs: [] as string[],
    counts: 'one' as const,
    ...extra,
  });
  const sleep = (ms: number) => `setTimeout(() => {}, ${ms})`;
  const quiet = () => undefined;

  it('runs independent tasks side by side, but never two Astro tasks at once', async () => {
    const results = await runTasks([node('a', sleep(400), { astro: true }), node('b', sleep(400), { astro: true }), node('c', sleep(400))], {
      jobs: 2,
      log: quiet,
    });
    const [a, b, c] = results;
    expect(results.map((r) => r.state)).toEqual(['passed', 'passed', 'passed']);
    // c started beside a; b waited for a.
    expect(c!.at).toBeLessThan(a!.at + a!.ms);
    expect(b!.at).toBeGreaterThanOrEqual(a!.at + a!.ms);
  });

  it('skips what needs a failed task, and counts a failed check as one failure', async () => {
    const results = await runTasks(
      [node('build', 'process.exit(3)', { counts: undefined }), node('after', sleep(0), { needs: ['build'] }), node('lint', 'process.exit(1)')],
      {
        jobs: 1,
        log: quiet,
      },
    );
    expect(results.map((r) => [r.task.id, r.state, r.passed, r.failed])).toEqual([
      ['build', 'failed', 0, 0],
      ['after', 'skipped', 0, 0],
      ['lint', 'failed', 0, 1],
    ]);
  });
});

describe('specSeconds', () => {
  it('sums test durations per spec file, nested describes included, slowest first', () => {
    const result = (duration: number) => ({ tests: [{ results: [{ duration }] }] });
    const report = {
      suites: [
        { file: 'a.spec.ts', specs: [{ ...result(1000) }], suites: [{ file: 'a.spec.ts', specs: [{ ...result(500) }] }] },
        { file: 'b.spec.ts', specs: [{ ...result(3000) }, { ...result(250) }] },
      ],
    };
    expect(specSeconds(report)).toEqual([
      ['b.spec.ts', 3.25],
      ['a.spec.ts', 1.5],
    ]);
  });

  it('counts a test for the spec file that holds it, not the helper file that declared it', () => {
    const report = {
      suites: [{ file: 'a11y.spec.ts', suites: [{ file: 'axe.ts', specs: [{ file: 'axe.ts', tests: [{ results: [{ duration: 2000 }] }] }] }] }],
    };
    expect(specSeconds(report)).toEqual([['a11y.spec.ts', 2]]);
  });
});
