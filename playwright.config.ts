import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run against built sites served as static files:
 * the real course on one port and a small fixture course (three chapters,
 * a walkthrough, another course id) on another. Engine tests use the
 * fixture, so rewording the real course breaks only its content checks.
 * Chromium is Debian's, not a download.
 */
/**
 * Ports count up from WAYMARK_PORT_BASE (default 4410), so two checkouts can
 * run their browser tests side by side without reusing each other's servers.
 */
const PORT_BASE = Number(process.env.WAYMARK_PORT_BASE ?? 4410);
export const port = (offset: number) => PORT_BASE + offset;
export const COURSE_URL = `http://127.0.0.1:${port(1)}`;
export const FIXTURE_URL = `http://127.0.0.1:${port(2)}`;
/** The fixture course again, cross-origin isolated (COOP/COEP), so Python can be interrupted in place. */
export const FIXTURE_ISOLATED_URL = `http://127.0.0.1:${port(3)}`;
/** The course built for and served under a sub-path, as on GitHub Pages. */
export const SUBPATH_URL = `http://127.0.0.1:${port(4)}/course`;
/** The course served by Debian's nginx with the repo's own config (deploy/nginx/), at the root and under /course/. */
export const NGINX_URL = `http://127.0.0.1:${port(5)}`;
export const NGINX_SUBPATH_URL = `http://127.0.0.1:${port(6)}/course`;
/** The fixture course served by the same nginx config, for the Python steps run under its CSP. */
// base+8 and up are free for servers a test starts itself (offline.spec.ts takes base+8 to base+10).
export const NGINX_FIXTURE_URL = `http://127.0.0.1:${port(7)}`;

/**
 * The specs about offline use, the deployed server and Python's start, where
 * the service worker is part of what is tested or relied on: it runs there as
 * it does for a learner (offline.spec.ts and nginx.spec.ts test it;
 * python-start.spec.ts checks Python's start beside it, as a learner's first
 * visit has it). Everywhere else it is blocked: in each test's fresh
 * context it would only precache the whole site (every page and asset) beside
 * the test, which cost those specs about a quarter of their CPU time, and no
 * assertion there is about it. A test elsewhere that needs it says so
 * (`test.use({ serviceWorkers: 'allow' })`, as the app browser's offline test does).
 */
const SERVICE_WORKER_SPECS = ['offline.spec.ts', 'nginx.spec.ts', 'python-start.spec.ts'];

export default defineConfig({
  testDir: 'tests/e2e',
  projects: [
    { name: 'with-service-worker', testMatch: SERVICE_WORKER_SPECS, use: { serviceWorkers: 'allow' } },
    { name: 'chromium', testIgnore: SERVICE_WORKER_SPECS, use: { serviceWorkers: 'block' } },
  ],
  // Every test gets its own browser context and the servers only serve files,
  // so tests run side by side, one worker per core (WAYMARK_E2E_WORKERS to
  // change it). Tests that share something, such as a server a beforeAll
  // starts on a fixed port (offline.spec.ts), say `mode: 'default'` in their
  // describe, which keeps them in one worker, in order.
  workers: Number(process.env.WAYMARK_E2E_WORKERS) || availableParallelism(),
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // A test shares the cores with another worker and the other tasks of `npm test`; what is
  // slow is for the bench to measure, so a test only gives up when it is stuck.
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: `node scripts/serve-static.mjs --dir dist --port ${port(1)}`,
      url: `${COURSE_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node scripts/serve-static.mjs --dir dist-fixture --port ${port(2)}`,
      url: `${FIXTURE_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node scripts/serve-static.mjs --dir dist-base --port ${port(4)} --base /course/`,
      url: `${SUBPATH_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node scripts/serve-static.mjs --dir dist-fixture --port ${port(3)} --isolate`,
      url: `${FIXTURE_ISOLATED_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node scripts/serve-nginx.mjs --dir dist --port ${port(5)}`,
      url: `${NGINX_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      // SIGTERM lets the wrapper stop nginx and remove its temporary folder.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: `node scripts/serve-nginx.mjs --dir dist-base --port ${port(6)} --base /course/`,
      url: `${NGINX_SUBPATH_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: `node scripts/serve-nginx.mjs --dir dist-fixture --port ${port(7)}`,
      url: `${NGINX_FIXTURE_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
