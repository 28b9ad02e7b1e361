import { afterEach, beforeEach } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { Temporal } from 'temporal-polyfill';
import { fixedClock, type Clock } from '../../src/app/clock.ts';
import type { TestStore } from './databases.ts';

/** The clock of every suite that works through the use cases. */
export const testNow = '2026-11-27T10:00:00Z';

/**
 * A fresh database and application context for each test of a suite, closed (and deleted)
 * after it: `useTestApp(open, (s, c) => { store = s; ctx = c; })`.
 */
export function useTestApp(open: () => Promise<TestStore>, use: (store: TestStore, ctx: AppContext) => void): void {
  let store: TestStore | undefined;
  beforeEach(async () => {
    store = await open();
    use(store, appContext(store, fixedClock(testNow)));
  });
  afterEach(async () => {
    await store?.close();
  });
}

/** A clock the test moves by hand: sessions expire, rate limits reset and days pass without waiting. */
export function handClock(start: string): Clock & { advance(ms: number): void; set(iso: string): void } {
  let now = Temporal.Instant.from(start);
  return { now: () => now, advance: (ms) => { now = now.add({ milliseconds: ms }); }, set: (iso) => { now = Temporal.Instant.from(iso); } };
}
