import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { runSweep, type SweepReport } from '../../src/app/run-sweep.ts';
import { listOutbox } from '../../src/store/outbox-store.ts';
import { addDays, epochDay, type IsoDate } from '../../src/core/dates.ts';
import { appContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { testNow, useTestApp } from '../support/app.ts';
import { demoFile, scenarioFiles } from '../support/paths.ts';
import { jsonl, raw } from '../support/events.ts';
import { runFirmly } from '../support/cli.ts';

// #19: "a second full sweep of the same day plans more walk-away actions than the first".
// A sweep of day D must leave nothing due on D behind it: not what the outbox already holds
// (the plan leaves it out), nor what the facts it recorded itself made due (a pause that is the
// client's second episode calls for a walk-away).

const scenarios = scenarioFiles().map((file) => ({
  file, at: (JSON.parse(readFileSync(file.replace(/\.jsonl$/, '.expected.json'), 'utf8')) as { at: IsoDate }).at,
}));
const s11_00 = scenarios.find((s) => s.file.includes('s11_00_gb'))!;
const demo = { file: demoFile, at: '2026-11-20' as IsoDate };

const dir = mkdtempSync(join(tmpdir(), 'firmly-sweep-twice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** An earlier pause and resume for `clientId`, so that the next pause is its second episode. */
function earlierPause(clientId: string, at: IsoDate): string {
  const file = join(dir, `pause-${clientId}-${at}.jsonl`);
  writeFileSync(file, jsonl(
    raw('work.paused', { clientId, reason: 'an earlier invoice was overdue' }, { id: `earlier-pause-${clientId}`, at: `${addDays(at, -170)}T09:00:00Z` }),
    raw('work.resumed', { clientId, reason: 'paid' }, { id: `earlier-resume-${clientId}`, at: `${addDays(at, -160)}T09:00:00Z` }),
  ));
  return file;
}

const keys = (actions: SweepReport['done']) => actions.map((a) => a.key).sort();
const outboxKeys = async (store: TestStore) => (await listOutbox(store.db, 'ws')).map((m) => m.actionKey).sort();

describe.each(testDatabases())('sweeping the same day twice on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  const state = async (workspaceId = 'ws') => ({
    outbox: (await listOutbox(store.db, workspaceId)).map((m) => `${m.actionKey} ${m.status}`).sort(),
    events: (await store.raw('select id from ledger_event where workspace_id = ? order by seq', [workspaceId])).length,
  });

  it('carries out, in the same sweep, the walk-away that its own pause made due', async () => {
    await importLedger(ctx, 'ws', [s11_00.file, earlierPause('c3', s11_00.at)]);
    const first = await runSweep(ctx, 'ws', s11_00.at, { full: true });
    expect(keys(first.done)).toEqual(expect.arrayContaining(['c3/late/c3_inv8/stop-work', 'c3/walk-away']));
    const after = await state();
    const second = await runSweep(ctx, 'ws', s11_00.at, { full: true });
    expect(second).toMatchObject({ done: [], alreadyDone: [], planned: [], eventsAppended: 0 });
    expect(await state()).toEqual(after);
  });

  it('plans nothing the outbox already holds, with --full and without', async () => {
    await importLedger(ctx, 'ws', [s11_00.file]);
    const first = await runSweep(ctx, 'ws', s11_00.at);
    expect(first.done.length).toBeGreaterThan(0);
    const after = await state();
    for (const full of [true, false]) {
      expect(await runSweep(ctx, 'ws', s11_00.at, { full })).toMatchObject({ done: [], alreadyDone: [], planned: [], eventsAppended: 0 });
      expect(await runSweep(ctx, 'ws', s11_00.at, { full, dryRun: true })).toMatchObject({ planned: [] });
    }
    expect(await state()).toEqual(after);
  });

  it('queues one approval-load review while the first waits in the outbox, across a 30-day period', async () => {
    // The key counts 30-day periods; sweep the period's last day, then the next day.
    let last = s11_00.at;
    while (Math.floor(epochDay(addDays(last, 1)) / 30) === Math.floor(epochDay(last) / 30)) last = addDays(last, 1);
    await importLedger(ctx, 'ws', [s11_00.file]);
    await runSweep(ctx, 'ws', last);
    await runSweep(ctx, 'ws', addDays(last, 1));
    const reviews = (await listOutbox(store.db, 'ws')).filter((m) => m.kind === 'approval.load-review');
    expect(reviews.map((m) => m.clientId)).toEqual(['c1']);
  });

  it('sweeping day D twice is sweeping it once, on every scenario and in either mode', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...scenarios), fc.integer({ min: -45, max: 15 }), fc.boolean(), fc.boolean(), fc.constantFrom(undefined, 'c1', 'c2', 'c3', 'c4'),
      async (scenario, offset, firstFull, secondFull, pausedBefore) => {
        const fresh = await open();
        try {
          const c = appContext(fresh, fixedClock(testNow));
          const day = addDays(scenario.at, offset);
          await importLedger(c, 'ws', [scenario.file, ...(pausedBefore ? [earlierPause(pausedBefore, scenario.at)] : [])]);
          const first = await runSweep(c, 'ws', day, { full: firstFull });
          const outbox = await outboxKeys(fresh);
          const second = await runSweep(c, 'ws', day, { full: secondFull });
          expect(second).toMatchObject({ done: [], planned: [], eventsAppended: 0 });
          expect(await outboxKeys(fresh)).toEqual(outbox);
          expect(outbox).toEqual(keys(first.done));
        } finally {
          await fresh.close();
        }
      }), { numRuns: 12, seed: 19 });
  }, 120_000);

  it('firmly sweep of the demo, twice the same day, does nothing the second time (full, incremental, one then the other)', async () => {
    // The demo goes to its own workspace "demo", dated as it was written (#12).
    expect((await runFirmly(store.env, '', 'demo', '--at', demo.at)).code).toBe(0);
    const sweep = async (at: string, ...flags: string[]) => {
      const result = await runFirmly(store.env, '', '--workspace', 'demo', 'sweep', '--at', at, '--json', ...flags);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as SweepReport;
    };
    const first = await sweep(demo.at, '--full');
    expect(first.done.length).toBeGreaterThan(0);
    const after = await state('demo');
    expect(after.outbox.length).toBeGreaterThan(0);
    for (const flags of [['--full'], [], ['--full']]) {
      expect(await sweep(demo.at, ...flags)).toMatchObject({ done: [], alreadyDone: [], planned: [], eventsAppended: 0 });
    }
    expect(await state('demo')).toEqual(after);
    // Days later, the days between swept or not, and a day already swept.
    for (const [at, flags] of [['2026-12-07', []], ['2026-12-21', ['--full']], ['2026-12-22', []], ['2026-12-07', []]] as const) {
      await sweep(at, ...flags);
      expect(await sweep(at, ...flags)).toMatchObject({ done: [], planned: [], eventsAppended: 0 });
    }
  }, 90_000);
});
