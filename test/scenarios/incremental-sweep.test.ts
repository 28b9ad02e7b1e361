import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import { Temporal, type IsoDate } from '../../src/core/dates.ts';
import { listOutbox } from '../../src/store/outbox-store.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { demoFile } from '../support/paths.ts';

// The demo ledger, replayed as it happened: each day's events are recorded, then both
// workspaces are swept — one assessing every client, one only those the bookkeeping names.
const lines = readFileSync(demoFile, 'utf8').split('\n').filter((line) => line.trim() !== '');
const dayOf = (line: string) => new Date((JSON.parse(line) as { at: string }).at).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
const byDay = new Map<string, string[]>();
for (const line of lines) byDay.set(dayOf(line), [...(byDay.get(dayOf(line)) ?? []), line]);
const days = [...byDay.keys()].sort();
const source = (name: string, chunk: readonly string[]) => ({ name, open: () => Readable.from([chunk.join('\n') + '\n']) });

const firstSweptDay = '2026-05-01';
const lastSweptDay = '2026-07-15';
const sweptDays: IsoDate[] = [];
for (let day = Temporal.PlainDate.from(firstSweptDay); day.toString() <= lastSweptDay; day = day.add({ days: 1 })) sweptDays.push(day.toString() as IsoDate);

describe.each(testDatabases())('an incremental sweep on $name', ({ open }) => {
  it('does on every day exactly what a full sweep does, while assessing fewer clients', async () => {
    const store: TestStore = await open();
    try {
      const ctx: AppContext = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
      const before = days.filter((day) => day < firstSweptDay).flatMap((day) => byDay.get(day) ?? []);
      await importLedger(ctx, 'full', [source('history', before)]);
      await importLedger(ctx, 'incremental', [source('history', before)]);

      let assessedFull = 0;
      let assessedIncremental = 0;
      for (const day of sweptDays) {
        const todays = byDay.get(day) ?? [];
        if (todays.length > 0) {
          await importLedger(ctx, 'full', [source(day, todays)]);
          await importLedger(ctx, 'incremental', [source(day, todays)]);
        }
        const full = await runSweep(ctx, 'full', day, { full: true });
        const incremental = await runSweep(ctx, 'incremental', day);
        expect({ day, done: incremental.done.map((a) => a.key).sort() }).toEqual({ day, done: full.done.map((a) => a.key).sort() });
        assessedFull += full.clientsAssessed;
        assessedIncremental += incremental.clientsAssessed;
      }
      const keys = async (ws: string) => (await listOutbox(store.db, ws)).map((m) => m.actionKey).sort();
      expect(await keys('incremental')).toEqual(await keys('full'));
      expect((await keys('full')).length).toBeGreaterThan(10);
      expect(assessedIncremental).toBeLessThan(assessedFull * 0.8);
    } finally {
      await store.close();
    }
  }, 300_000);

  it('also when the ledger already holds events dated after the day swept', async () => {
    const store: TestStore = await open();
    try {
      const ctx: AppContext = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
      await importLedger(ctx, 'full', [source('all', lines)]);
      await importLedger(ctx, 'incremental', [source('all', lines)]);
      const assessed = { full: 0, incremental: 0 };
      for (let day = Temporal.PlainDate.from('2026-09-01'); day.toString() <= '2026-09-30'; day = day.add({ days: 1 })) {
        const date = day.toString() as IsoDate;
        const full = await runSweep(ctx, 'full', date, { full: true });
        const incremental = await runSweep(ctx, 'incremental', date);
        expect({ date, done: incremental.done.map((a) => a.key).sort() }).toEqual({ date, done: full.done.map((a) => a.key).sort() });
        assessed.full += full.clientsAssessed;
        assessed.incremental += incremental.clientsAssessed;
      }
      expect(assessed.incremental).toBeLessThan(assessed.full);
    } finally {
      await store.close();
    }
  }, 300_000);
});
