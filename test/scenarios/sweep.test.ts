import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { assessWorkspace } from '../../src/app/assess-workspace.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import { verifyWorkspace } from '../../src/app/maintain-ledger.ts';
import { listOutbox } from '../../src/store/outbox-store.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { useTestApp } from '../support/app.ts';
import { scenarioFiles } from '../support/paths.ts';

const scenario = (name: string) => {
  const file = scenarioFiles().find((f) => f.includes(name)) as string;
  const at = (JSON.parse(readFileSync(file.replace(/\.jsonl$/, '.expected.json'), 'utf8')) as { at: IsoDate }).at;
  return { file, at };
};

describe.each(testDatabases())('the sweep on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  useTestApp(open, (s, c) => { store = s; ctx = c; });

  const events = async (ws: string, type: string) =>
    (await store.raw('select id from ledger_event where workspace_id = ? and type = ?', [ws, type])).length;

  it('pauses the late payer once, queues its notice once, and a second sweep the same day does nothing', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    const pausesBefore = await events('ws', 'work.paused');
    const first = await runSweep(ctx, 'ws', at);
    expect(first.done.map((a) => a.kind)).toContain('work.pause');
    expect(first.done.length).toBe(first.planned.length);
    const second = await runSweep(ctx, 'ws', at);
    expect(second.done).toEqual([]);
    expect(await events('ws', 'work.paused')).toBe(pausesBefore + 1);
    const outbox = await listOutbox(store.db, 'ws');
    expect(outbox.map((m) => m.actionKey).sort()).toEqual(first.done.map((a) => a.key).sort());
    const after = await assessWorkspace(ctx, 'ws', at);
    const c3 = after.clients.find((c) => c.clientId === 'c3');
    expect(c3?.stage).toBe('paused');
    expect(c3?.actions.map((a) => a.kind)).not.toContain('work.pause');
    expect(await verifyWorkspace(ctx, 'ws')).toMatchObject({ ok: true });
  });

  it('records a deemed approval where the contract allows it, and plans it no more', async () => {
    const { file, at } = scenario('s11_02_dk');
    await importLedger(ctx, 'ws', [file]);
    const report = await runSweep(ctx, 'ws', at);
    expect(report.done.map((a) => a.kind)).toContain('request.deemed-approved');
    const answered = await store.raw(`select data from ledger_event where workspace_id = ? and id like 'sweep:%' and type = 'request.answered'`, ['ws']);
    expect(answered.map((r) => JSON.parse((r as { data: string }).data))).toEqual([expect.objectContaining({ channel: 'deemed', verdict: 'approved' })]);
    const after = await assessWorkspace(ctx, 'ws', at);
    expect(after.clients.flatMap((c) => c.actions.map((a) => a.kind))).not.toContain('request.deemed-approved');
  });

  it('does each action exactly once when several sweeps run at the same time', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    const reports = await Promise.all([runSweep(ctx, 'ws', at), runSweep(ctx, 'ws', at), runSweep(ctx, 'ws', at)]);
    const done = reports.flatMap((r) => r.done.map((a) => a.key));
    expect(new Set(done).size).toBe(done.length);
    expect((await listOutbox(store.db, 'ws')).length).toBe(done.length);
    expect(done.length).toBeGreaterThan(0);
    expect(await verifyWorkspace(ctx, 'ws')).toMatchObject({ ok: true });
  });

  it('changes nothing in a dry run', async () => {
    const { file, at } = scenario('s11_00_gb');
    await importLedger(ctx, 'ws', [file]);
    const before = await verifyWorkspace(ctx, 'ws');
    const report = await runSweep(ctx, 'ws', at, { dryRun: true });
    expect(report.planned.length).toBeGreaterThan(0);
    expect(await listOutbox(store.db, 'ws')).toEqual([]);
    expect(await verifyWorkspace(ctx, 'ws')).toEqual(before);
  });
});
