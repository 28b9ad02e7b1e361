import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { demoStory, loadDemo } from '../../src/app/demo.ts';
import type { IsoInstant } from '../../src/core/dates.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { signedInRoles, type Client } from './helpers.ts';

// #19 F3 over HTTP: the evidence dossier is built from verified rows or not at all.

const ws = 'demo';
const url = (clientId: string) => `/api/workspaces/${ws}/clients/${clientId}/reports/dossier`;

describe.each(testDatabases())('the dossier download on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let member: Client;

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z' as IsoInstant));
    await loadDemo(ctx, ws, { at: demoStory().end }); // the dates it was written with
    app = await buildServer({ ctx, workspaceId: ws }, { logLevel: 'silent' });
    ({ member } = await signedInRoles(app, ctx, ws, ['member']));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('is refused with ledger.corrupt naming the seq when one of the client\'s events lost its client_id', async () => {
    expect((await member.get(url('harbourfinch'))).statusCode).toBe(200);
    const [row] = await store.raw(`select seq from ledger_event where workspace_id = ? and client_id = 'harbourfinch' and type = 'invoice.issued' order by seq limit 1`, [ws]) as { seq: number | string }[];
    const seq = Number(row!.seq);
    await store.raw(`update ledger_event set client_id = null where workspace_id = ? and seq = ?`, [ws, seq]);
    const res = await member.get(url('harbourfinch'));
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'ledger.corrupt', seq, column: 'client_id', detail: expect.stringContaining(`the ledger does not verify at seq ${seq}: client_id is NULL`) });
  });
});
