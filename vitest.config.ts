import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts'],
    environment: 'node',
    testTimeout: 10_000,
    // One module graph for all the files of a worker, not a fresh one per file:
    // the unit stage takes 18 s instead of 29 s. Every test sets up what it
    // reads (stores get a fresh storage engine in beforeEach, stubbed globals
    // are unstubbed after each test), so no file sees another's state; the
    // whole suite passed with its files in random order, three seeds.
    isolate: false,
  },
});
