import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run against built sites served as static files:
 * the real course on one port and a small fixture course (three chapters,
 * another course id) on another. Chromium is Debian's, not a download.
 */
export const COURSE_URL = 'http://127.0.0.1:4411';
export const FIXTURE_URL = 'http://127.0.0.1:4412';
/** The course again, cross-origin isolated (COOP/COEP), so Python can be interrupted in place. */
export const ISOLATED_URL = 'http://127.0.0.1:4413';
/** The course built for and served under a sub-path, as on GitHub Pages. */
export const SUBPATH_URL = 'http://127.0.0.1:4414/course';

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: 'node scripts/serve-static.mjs --dir dist --port 4411',
      url: `${COURSE_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: 'node scripts/serve-static.mjs --dir dist-fixture --port 4412',
      url: `${FIXTURE_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: 'node scripts/serve-static.mjs --dir dist-base --port 4414 --base /course/',
      url: `${SUBPATH_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: 'node scripts/serve-static.mjs --dir dist --port 4413 --isolate',
      url: `${ISOLATED_URL}/en/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
