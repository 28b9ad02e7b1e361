import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { aClient, anInvoice, aWorkspace, jsonl, raw } from '../support/events.ts';
import { aUser, signIn, type Client } from './helpers.ts';

// #12: a held client and an archived one, as the dashboard, the client list, a client's
// detail, assessment and insights show them.

const base = '/api/workspaces/ws';
const ledger = jsonl(
  aWorkspace({ at: '2026-03-01T08:00:00Z' }),
  raw('client.added', {
    clientId: 'held', name: 'Held & Co', locale: 'da', jurisdiction: 'DK', currency: 'DKK', contacts: [{ name: 'Kim', email: 'kim@held.example' }],
    registrationNumber: '12345678', vatNumber: 'DK12345678', postalAddress: 'Havnegade 1\n1058 København K',
  }, { at: '2026-03-01T08:00:00Z' }),
  raw('contract.signed', {
    contractId: 'k-held', clientId: 'held', startDate: '2026-03-01', networks: ['instagram'], fee: { amount: '8000.00', currency: 'DKK', cycle: 'monthly' },
    paymentTerms: { netDays: 14 }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 30, lateInterest: 'statutory',
  }, { at: '2026-03-01T09:00:00Z' }),
  raw('contract.amended', { contractId: 'k-held', effectiveDate: '2026-04-01', stopWorkAfterDays: 7, reminderFees: true, note: 'Tighter after March' }, { at: '2026-03-20T09:00:00Z' }),
  anInvoice('held', 'i1', '8000.00', '2026-03-15', { at: '2026-03-01T10:00:00Z' }),
  raw('escalation.held', { clientId: 'held', until: '2026-03-31', reason: 'promise', note: 'Pays on the 31st' }, { at: '2026-03-16T09:00:00Z' }),
  aClient('gone', { at: '2026-03-01T08:00:00Z' }),
  anInvoice('gone', 'i2', '1000.00', '2026-03-10', { at: '2026-03-01T10:00:00Z' }),
  raw('client.archived', { clientId: 'gone', reason: 'Project finished' }, { at: '2026-03-12T09:00:00Z' }),
);

describe.each(testDatabases())('holds and archived clients over HTTP on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let viewer: Client;

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock('2026-03-20T10:00:00Z'));
    await importLedger(ctx, 'ws', [{ name: 'holds.jsonl', open: () => Readable.from([ledger]) }]);
    await aUser(ctx, 'viewer@studio.example', 'ws', 'viewer');
    app = await buildServer({ ctx, workspaceId: 'ws' }, { logLevel: 'silent' });
    viewer = await signIn(app, 'viewer@studio.example');
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('shows the hold on the dashboard, leaves archived clients out unless asked, and marks them', async () => {
    const dashboard = (await viewer.get(`${base}/dashboard?at=2026-03-20`)).json();
    expect(dashboard.clients.map((c: { clientId: string }) => c.clientId)).toEqual(['held']);
    expect(dashboard.clients[0]).toMatchObject({ archived: false, hold: { until: '2026-03-31', reason: 'promise', note: 'Pays on the 31st' } });
    expect(dashboard.actions).toEqual([]);

    const all = await viewer.get(`${base}/dashboard?at=2026-03-20&archived=include`);
    expect(all.statusCode).toBe(200);
    expect(all.json().clients.map((c: { clientId: string; archived: boolean }) => [c.clientId, c.archived])).toEqual([['gone', true], ['held', false]]);
    expect(all.json().actions).toEqual([]);

    const after = (await viewer.get(`${base}/dashboard?at=2026-04-01`)).json();
    expect(after.clients[0].hold).toBeNull();
    expect(after.actions.map((a: { key: string }) => a.key).sort()).toEqual(['held/late/i1/reminder-1', 'held/late/i1/stop-work']);
  });

  it('refuses an unknown archived choice, naming the parameter', async () => {
    const res = await viewer.get(`${base}/dashboard?archived=sometimes`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('archived');
  });

  it('marks archived clients in the client list, and gives a client\'s hold, archive and identity in its detail', async () => {
    const list = (await viewer.get(`${base}/clients`)).json();
    expect(list.clients.map((c: { clientId: string; archivedAt: string | null }) => [c.clientId, c.archivedAt])).toEqual([
      ['gone', '2026-03-12T09:00:00.000Z'], ['held', null],
    ]);
    const gone = (await viewer.get(`${base}/clients/gone`)).json();
    expect(gone).toMatchObject({ archivedAt: '2026-03-12T09:00:00.000Z', archiveReason: 'Project finished', heldUntil: null });
    const held = (await viewer.get(`${base}/clients/held`)).json();
    expect(held).toMatchObject({
      heldAt: '2026-03-16T09:00:00.000Z', heldUntil: '2026-03-31', holdReason: 'promise', holdNote: 'Pays on the 31st', archivedAt: null,
      registrationNumber: '12345678', vatNumber: 'DK12345678', postalAddress: 'Havnegade 1\n1058 København K',
    });
  });

  it('gives the hold and the archived state in the assessment', async () => {
    const held = (await viewer.get(`${base}/clients/held/assessment?at=2026-03-20`)).json();
    expect(held).toMatchObject({ hold: { until: '2026-03-31', reason: 'promise', note: 'Pays on the 31st' }, archived: false, actions: [] });
    const all = (await viewer.get(`${base}/assessment?at=2026-03-20`)).json();
    expect(all.clients.map((c: { clientId: string; archived: boolean; hold: unknown }) => [c.clientId, c.archived, c.hold === null])).toEqual([['gone', true, true], ['held', false, false]]);
  });

  it('lists a contract\'s amendments with the terms in force on the day', async () => {
    const before = (await viewer.get(`${base}/clients/held/insights?at=2026-03-20`)).json();
    expect(before.contracts).toMatchObject([{
      contractId: 'k-held', stopWorkAfterDays: 30, reminderFees: false,
      amendments: [{ effectiveDate: '2026-04-01', changes: { stopWorkAfterDays: 7, reminderFees: true }, note: 'Tighter after March' }],
    }]);
    const after = (await viewer.get(`${base}/clients/held/insights?at=2026-04-01`)).json();
    expect(after.contracts[0]).toMatchObject({ stopWorkAfterDays: 7, reminderFees: true });
  });
});
