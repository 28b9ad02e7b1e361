import type { Reporter, TestModule } from 'vitest/node';

type Counts = { passed: number; failed: number; skipped: number };
const tally = (): Counts => ({ passed: 0, failed: 0, skipped: 0 });

// Suites that run once per database name the database in their title ("… on 'postgres'").
const onPostgres = /\bon '?postgres'?\b/;

/**
 * Ends the run with what CI reads: how many tests ran on PostgreSQL (an unreachable server
 * must not pass unnoticed), then one plain line `Tests: N passed, N failed, N skipped`.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const all = tally();
    const postgres = tally();
    for (const module of testModules) {
      const tests = [...module.children.allTests()];
      if (module.state() === 'failed' && tests.length === 0) all.failed += 1; // a file that failed to load
      for (const test of tests) {
        const state = test.result().state;
        const key: keyof Counts = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'skipped';
        all[key] += 1;
        if (onPostgres.test(test.fullName)) postgres[key] += 1;
      }
    }
    process.stdout.write(`\nOn PostgreSQL: ${postgres.passed} passed, ${postgres.failed} failed, ${postgres.skipped} skipped\n`);
    process.stdout.write(`Tests: ${all.passed} passed, ${all.failed} failed, ${all.skipped} skipped\n`);
  }
}
