import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    // Store suites share one PostgreSQL database; each suite uses its own workspace ids,
    // but schema migration and truncation are global, so files run one at a time there.
    fileParallelism: false,
    // In CI every test is listed, so the log shows which ran on which database.
    reporters: [process.env.CI ? 'verbose' : 'default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
