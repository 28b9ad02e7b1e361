import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { actionsNoLongerDue } from '../../src/app/outbox-review.ts';
import { runSweep } from '../../src/app/run-sweep.ts';
import type { IsoDate } from '../../src/core/dates.ts';
import { readOutbox } from '../../src/store/outbox-store.ts';
import type { LedgerEvent } from '../../src/core/ledger/events.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { appendEvents } from '../../src/store/ledger-store.ts';
import { sha256Hex } from '../../src/store/hash.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { runFirmly } from '../support/cli.ts';
import { demoFile } from '../support/paths.ts';
import { signedInRoles, type Client } from './helpers.ts';

// Issue 19, F2: one client that cannot be assessed is shown as such, with the reason, and
// never takes down the dashboard, `assess` or the sweep of its workspace. The bad row is the
// real thing: a request due 0001-01-02, which earlier versions accepted, appended as they
// appended it (chain and all) — the holiday tables start in year 100, so every business-day
// count of that client throws.

const ws = 'demo';
const day = '2026-11-27';
const victim = 'bageriet';

const yearOne = {
  id: 'evt_year_one', type: 'request.sent', at: '2026-11-20T09:00:00.000Z',
  data: { requestId: 'req_year_one', clientId: victim, kind: 'feedback', subject: 'Plan', dueDate: '0001-01-02' },
} as unknown as LedgerEvent;

describe.each(testDatabases())('a client that cannot be assessed, on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let member: Client;
  let healthy: { dashboard: { clients: { clientId: string }[]; actions: { clientId: string }[] }; assessment: { clients: { clientId: string }[] } };
  const env = () => ({ ...store.env, FIRMLY_WORKSPACE: ws });

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock(`${day}T10:00:00Z`));
    await importLedger(ctx, ws, [demoFile]);
    app = await buildServer({ ctx, workspaceId: ws }, { logLevel: 'silent' });
    ({ member } = await signedInRoles(app, ctx, ws, ['member']));
    healthy = {
      dashboard: (await member.get(`/api/workspaces/${ws}/dashboard?at=${day}`)).json(),
      assessment: (await member.get(`/api/workspaces/${ws}/assessment?at=${day}`)).json(),
    };
    expect(healthy.dashboard.clients.map((c) => c.clientId)).toContain(victim);
    await appendEvents(store.db, { workspaceId: ws, dialect: store.dialect, sha256: sha256Hex, now: () => `${day}T09:00:00.000Z` as never }, [yearOne]);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const others = <T extends { clientId: string }>(list: readonly T[]) => list.filter((c) => c.clientId !== victim);
  const expectedFailure = {
    clientId: victim, name: 'Bageriet Sønderborg ApS',
    error: { code: 'not_supported', message: expect.stringContaining('before the year 100 are not supported') },
  };

  it('still serves the dashboard, with the client in a row of its own and everyone else as before', async () => {
    const res = await member.get(`/api/workspaces/${ws}/dashboard?at=${day}`);
    expect(res.statusCode, res.body).toBe(200);
    const dashboard = res.json();
    expect(dashboard.unassessable).toEqual([expectedFailure]);
    expect(dashboard.clients.map((c: { clientId: string }) => c.clientId)).not.toContain(victim);
    expect(dashboard.clients).toEqual(others(healthy.dashboard.clients));
    expect(dashboard.actions).toEqual(others(healthy.dashboard.actions));
  });

  it('still serves the workspace assessment, listing the client apart with the reason', async () => {
    const res = await member.get(`/api/workspaces/${ws}/assessment?at=${day}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unassessable).toEqual([expectedFailure]);
    expect(res.json().clients).toEqual(others(healthy.assessment.clients));
  });

  it('answers the client\'s own assessment with the reason as a problem', async () => {
    const res = await member.get(`/api/workspaces/${ws}/clients/${victim}/assessment?at=${day}`);
    expect(res.statusCode).toBe(501);
    expect(res.json()).toMatchObject({ code: 'not_supported', detail: expect.stringMatching(/^client "bageriet" cannot be assessed: /) });
  });

  it('prints the client as "cannot be assessed" in `firmly assess`, table and --json, and exits 0', async () => {
    const table = await runFirmly(env(), '', 'assess', '--at', day);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^bageriet\s+cannot be assessed: .*before the year 100 are not supported.* \[not_supported\]$/m);
    expect(table.stdout).toMatch(/^harbourfinch\s+\S+/m);

    const json = await runFirmly(env(), '', 'assess', '--at', day, '--json');
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.unassessable).toEqual([expectedFailure]);
    expect(parsed.clients).toEqual(others(healthy.assessment.clients));
  });

  it('sweeps everyone else, and reports the client skipped with the reason', async () => {
    const res = await member.request({ method: 'POST', url: `/api/workspaces/${ws}/sweep`, payload: { at: day, dryRun: true, full: true } });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.unassessable).toEqual([expectedFailure]);
    expect(report.clientsAssessed).toBe(healthy.assessment.clients.length - 1);
    expect(report.planned.some((a: { key: string }) => a.key.startsWith(`${victim}/`))).toBe(false);

    const cli = await runFirmly(env(), '', 'sweep', '--at', day, '--full');
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/1 client\(s\) skipped, they cannot be assessed:\n {2}bageriet: .*before the year 100 are not supported/);
  });
});

describe.each(testDatabases())('a client whose stored history cannot be read, on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let member: Client;

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock(`${day}T10:00:00Z`));
    await importLedger(ctx, ws, [demoFile]);
    app = await buildServer({ ctx, workspaceId: ws }, { logLevel: 'silent' });
    ({ member } = await signedInRoles(app, ctx, ws, ['member']));
    // As an attacker with the database file, or a broken disk, would leave it: a row that is not JSON.
    const [row] = await store.raw("select id from ledger_event where workspace_id = ? and client_id = ? and type = 'time.logged' order by seq limit 1", [ws, victim]) as { id: string }[];
    await store.raw('update ledger_event set data = ? where workspace_id = ? and id = ?', ['{"minutes":', ws, row!.id]);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists the client as unassessable on the dashboard, in the assessment and in the sweep, and serves the rest', async () => {
    const failure = { clientId: victim, name: 'Bageriet Sønderborg ApS', error: { code: 'internal', message: expect.stringMatching(/^SyntaxError: /) } };
    const dashboard = await member.get(`/api/workspaces/${ws}/dashboard?at=${day}`);
    expect(dashboard.statusCode, dashboard.body).toBe(200);
    expect(dashboard.json().unassessable).toEqual([failure]);
    expect(dashboard.json().clients.length).toBeGreaterThan(5);
    const assessment = await member.get(`/api/workspaces/${ws}/assessment?at=${day}`);
    expect(assessment.json().unassessable).toEqual([failure]);
    const sweep = await member.request({ method: 'POST', url: `/api/workspaces/${ws}/sweep`, payload: { at: day, dryRun: true, full: true } });
    expect(sweep.statusCode, sweep.body).toBe(200);
    expect(sweep.json().unassessable).toEqual([failure]);
  });
});

describe.each(testDatabases())('messages of a client that cannot be assessed, on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock(`${day}T10:00:00Z`));
    await importLedger(ctx, ws, [demoFile]);
  }, 120_000);
  afterAll(async () => { await store.close(); });

  it('holds back only that client\'s messages, with the reason, when the outbox checks what is still due', async () => {
    await runSweep(ctx, ws, day as IsoDate);
    const entries = await readOutbox(store.db, ws);
    const late = entries.find((e) => e.clientId === 'harbourfinch');
    expect(late, 'the demo\'s late payer has a message queued').toBeDefined();
    const before = await actionsNoLongerDue(ctx, ws, entries, day as IsoDate);

    await appendEvents(store.db, { workspaceId: ws, dialect: store.dialect, sha256: sha256Hex, now: () => `${day}T09:00:00.000Z` as never },
      [{ ...yearOne, data: { ...(yearOne.data as object), clientId: 'harbourfinch' } } as LedgerEvent]);
    const held = await actionsNoLongerDue(ctx, ws, entries, day as IsoDate);
    for (const entry of entries) {
      if (entry.clientId === 'harbourfinch') expect(held.get(entry.actionKey)?.reason).toMatch(/^the client cannot be assessed: .*before the year 100 are not supported/);
      else expect(held.get(entry.actionKey)).toEqual(before.get(entry.actionKey));
    }
  });
});
