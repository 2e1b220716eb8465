// The Python runtime in a real browser (Debian's Chromium against the built
// site, served with the caching headers a real host sends), each figure
// printed beside its peer measured in the same run:
//   bare loadPyodide     the same Pyodide files loaded by a tiny page the
//                        bench serves, in a worker, with nothing of ours
//   first Run, cold      click → first result on a fresh profile; goal ≤ 1.5 s and ≤ 0.5 × bare
//   Run after editing    the learner types in the step for ≥ 3 s, then runs; goal ≤ 300 ms
//   trivial run          median of repeated runs once warm; goal ≤ 50 ms
//   Python bytes         what the cold run fetched for Python, as the
//                        tested nginx config serves it to a browser that
//                        accepts Brotli (the .br beside a file, else the
//                        .gz, as brotli_static and gzip_static send them),
//                        against the five files of Pyodide's core that a
//                        run fetched before the snapshot, as the site served
//                        them then (gzip: the .gz beside each); the same
//                        core with today's Brotli copies is printed too
//   compiled-code cache  bare loadPyodide on three visits of one profile, with
//                        fetch untouched, wrapped in a synthetic Response
//                        (the old byte counter) and counted on a clone (ours);
//                        V8's trace events say whether the compiled wasm was
//                        stored and then reused
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CORE = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Bytes nginx with the repo's config sends for a file of the built site:
 * the first of the `encodings` with a copy beside the file, else the file.
 */
function servedBytes(dist, path, encodings = ['br', 'gz']) {
  const file = join(dist, path);
  const copy = encodings.map((e) => `${file}.${e}`).find((f) => existsSync(f));
  return statSync(copy ?? file).size;
}

async function withProfile(chromium, fn) {
  // A profile on disk, like a learner's browser: its HTTP cache keeps the
  // 9.6 MB wasm file (and V8 its compiled code), which incognito may not.
  const profile = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    // The page's own requests, without the offline service worker in between.
    serviceWorkers: 'block',
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The peer: a page that loads Pyodide in a module worker and nothing else.
 * `wrap` replaces fetch as the old byte counter did (`synthetic`), as ours
 * does (`clone`), or not at all (`none`).
 */
const BARE_WORKER = `
const wrap = new URL(self.location.href).searchParams.get('wrap');
const original = fetch.bind(self);
if (wrap === 'synthetic') self.fetch = async (input, init) => {
  const r = await original(input, init);
  return new Response(r.body.pipeThrough(new TransformStream()), { status: r.status, statusText: r.statusText, headers: r.headers });
};
if (wrap === 'clone') self.fetch = async (input, init) => {
  const r = await original(input, init);
  const reader = r.clone().body.getReader();
  (async () => { for (;;) if ((await reader.read()).done) return; })();
  return r;
};
self.onmessage = async ({ data: indexURL }) => {
  const { loadPyodide } = await import(indexURL + 'pyodide.mjs');
  const py = await loadPyodide({ indexURL });
  py.runPython('1 + 1');
  postMessage('ready');
};`;

/**
 * The peer page's files go into the built folder for the bench's run (a
 * route would put every request of the browser through the test driver,
 * slowing it and bypassing the HTTP cache).
 */
function writeBarePage(dist) {
  const dir = join(dist, '__bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bare.html'), '<!doctype html><title>bare loadPyodide</title><p>bare</p>');
  writeFileSync(join(dir, 'worker.js'), BARE_WORKER);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function bareLoad(context, origin, indexURL, wrap, { traceCache = false } = {}) {
  const page = await context.newPage();
  await page.goto(`${origin}/__bench/bare.html`);
  // V8's own trace events say whether the compiled wasm was stored (SerializeModule) or reused (Deserialize).
  const cache = { stored: 0, reused: 0 };
  const cdp = traceCache ? await context.newCDPSession(page) : undefined;
  if (cdp) {
    cdp.on('Tracing.dataCollected', ({ value }) => {
      for (const event of value) {
        if (event.name === 'wasm.SerializeModule') cache.stored += 1;
        if (event.name === 'wasm.Deserialize') cache.reused += 1;
      }
    });
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['v8.wasm'] }, transferMode: 'ReportEvents' });
  }
  const ms = await page.evaluate(
    ([indexURL, wrap]) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const worker = new Worker(`/__bench/worker.js?wrap=${wrap}`, { type: 'module' });
        worker.onmessage = () => resolve(performance.now() - started);
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage(indexURL);
      }),
    [indexURL, wrap],
  );
  if (cdp) {
    // V8 stores compiled wasm once enough of it has reached the optimising tier; give it time.
    await page.waitForTimeout(3000);
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
  }
  await page.close();
  return traceCache ? { ms, ...cache } : ms;
}

/**
 * Click → the step's results shown and Run enabled again, timed inside the
 * page (the test driver's own round trips would otherwise be part of a
 * 50 ms figure).
 */
function timedRun(step) {
  return step.evaluate(
    (el) =>
      new Promise((resolve) => {
        const button = el.querySelector('[data-run]');
        const results = el.querySelector('[data-results]');
        const started = performance.now();
        const done = () => !button.disabled && !results.hidden;
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          resolve(performance.now() - started);
        });
        observer.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
        button.click();
      }),
    undefined,
    { timeout: 120_000 },
  );
}

async function openStep(context, url) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  const step = page.locator('wm-step').first();
  await step.scrollIntoViewIfNeeded();
  await page.waitForSelector('wm-step[data-editor="ready"]');
  await page.mouse.move(0, 0);
  return { page, step };
}

export async function measurePython({ chromium, dist, slug, port }) {
  const removeBarePage = writeBarePage(dist);
  const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dist, '--port', String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const origin = `http://127.0.0.1:${port}`;
  const pyodideDir = readdirSync(join(dist, 'pyodide'))[0];
  const indexURL = `${origin}/pyodide/${pyodideDir}/`;
  const url = `${origin}/en/chapters/${slug}/`;
  const out = { bare: [], cold: [], edited: [], startedFrom: [] };
  try {
    // Cold: a fresh profile each time, bare and ours in turn, three rounds.
    for (let round = 0; round < 3; round += 1) {
      out.bare.push(await withProfile(chromium, (context) => bareLoad(context, origin, indexURL, 'none')));
      await withProfile(chromium, async (context) => {
        const { page, step } = await openStep(context, url);
        const fetched = [];
        page.on('request', (request) => {
          const path = new URL(request.url()).pathname;
          if (path.includes('/pyodide/')) fetched.push(path.slice(1));
        });
        out.cold.push(await timedRun(step));
        out.pythonFiles = [...new Set(fetched)];
      });
      // Editing first: focus in the editor (which starts Python) and ≥ 3 s of typing, then Run.
      await withProfile(chromium, async (context) => {
        const { page, step } = await openStep(context, url);
        await step.locator('.cm-content').first().click();
        await page.keyboard.press('ControlOrMeta+End');
        const typingStarted = performance.now();
        while (performance.now() - typingStarted < 3000) await page.keyboard.type('\n# edited ', { delay: 60 });
        out.edited.push(await timedRun(step));
      });
    }
    // Warm: the trivial run, repeated on a warm page.
    await withProfile(chromium, async (context) => {
      const { step } = await openStep(context, url);
      await timedRun(step);
      await timedRun(step);
      const times = [];
      for (let i = 0; i < 9; i += 1) times.push(await timedRun(step));
      out.trivial = { median: median(times), min: Math.min(...times), max: Math.max(...times) };
    });
    // Compiled-code cache: bare loadPyodide on visits 2 and 3 of one profile, per way of wrapping fetch.
    out.codeCache = {};
    for (const wrap of ['none', 'synthetic', 'clone']) {
      out.codeCache[wrap] = await withProfile(chromium, async (context) => {
        const first = await bareLoad(context, origin, indexURL, wrap, { traceCache: true });
        const second = await bareLoad(context, origin, indexURL, wrap, { traceCache: true });
        const third = await bareLoad(context, origin, indexURL, wrap, { traceCache: true });
        return {
          first: first.ms,
          warm: Math.min(second.ms, third.ms),
          stored: first.stored + second.stored + third.stored,
          reusedOnLaterVisits: second.reused + third.reused,
        };
      });
    }
  } finally {
    server.kill();
    removeBarePage();
  }
  const core = CORE.map((f) => `pyodide/${pyodideDir}/${f}`);
  const bytes = {
    before: core.reduce((n, f) => n + servedBytes(dist, f, ['gz']), 0),
    coreNow: core.reduce((n, f) => n + servedBytes(dist, f), 0),
    after: (out.pythonFiles ?? []).reduce((n, f) => n + (existsSync(join(dist, f)) ? servedBytes(dist, f) : 0), 0),
    files: out.pythonFiles,
  };
  return {
    bareMs: median(out.bare),
    coldMs: median(out.cold),
    editedMs: median(out.edited),
    samples: { bare: out.bare, cold: out.cold, edited: out.edited },
    trivialMs: out.trivial,
    bytes,
    codeCache: out.codeCache,
  };
}

export function printPython(r) {
  const ms = (n) => `${Math.round(n)} ms`;
  const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
  const verdict = (ok) => (ok ? 'within' : 'OVER');
  const ratio = r.coldMs / r.bareMs;
  console.log(`\nPython runtime (first walkthrough step, headless Chromium, loopback; medians of 3 fresh profiles):`);
  console.log(`  bare loadPyodide (peer, same browser, cold):  ${ms(r.bareMs)}`);
  console.log(
    `  first Run → first result, cold cache:         ${ms(r.coldMs)} = ${ratio.toFixed(2)} × bare  (goal ≤ 1500 ms and ≤ 0.5 × bare: ${verdict(r.coldMs <= 1500 && ratio <= 0.5)})`,
  );
  console.log(`  Run after ≥ 3 s of editing:                   ${ms(r.editedMs)}  (goal ≤ 300 ms: ${verdict(r.editedMs <= 300)})`);
  console.log(
    `  trivial run after warm-up: median ${ms(r.trivialMs.median)} (min ${ms(r.trivialMs.min)}, max ${ms(r.trivialMs.max)})  (goal ≤ 50 ms: ${verdict(r.trivialMs.median <= 50)})`,
  );
  console.log(
    `  Python bytes as served compressed: ${mb(r.bytes.after)} now vs ${mb(r.bytes.before)} for Pyodide's core alone as served before the snapshot (gzip)  (goal ≤ before: ${verdict(r.bytes.after <= r.bytes.before)})`,
  );
  console.log(
    `    (that core with today's Brotli copies: ${mb(r.bytes.coreNow)}; fetched now: ${(r.bytes.files ?? []).map((f) => f.split('/').pop()).join(', ')})`,
  );
  const cc = r.codeCache;
  const cache = (label, c) =>
    `${label} ${ms(c.first)} → ${ms(c.warm)}, compiled code stored ${c.stored}×, reused on ${c.reusedOnLaterVisits} of 2 later visits`;
  console.log(`  compiled-wasm cache across visits (bare loadPyodide, V8 trace events):`);
  console.log(`    ${cache('fetch untouched:                        ', cc.none)}`);
  console.log(`    ${cache('synthetic Response (the old counter):   ', cc.synthetic)}`);
  console.log(`    ${cache('counted on a clone (the runtime now):   ', cc.clone)}`);
}
