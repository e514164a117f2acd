import { defineConfig } from 'vitest/config';

// End-to-end: the built renderer in Chromium against a real core, through the browser harness.
// One file at a time in one fork: each file starts its own core, retailer and browser, and the
// machines running this are small.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    // Starting the demo retailer and the first sync of its data set takes a while.
    hookTimeout: 240_000,
  },
});
