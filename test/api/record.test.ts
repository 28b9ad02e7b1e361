import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { importLedger } from '../../src/app/import-ledger.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { demoFile } from '../support/paths.ts';
import { aUser, signIn, type Client } from './helpers.ts';

const url = '/api/workspaces/demo/events';

const timeLogged = (minutes = 45) => ({ type: 'time.logged', data: { clientId: 'bageriet', date: '2026-11-26', minutes, kind: 'work' } });

describe.each(testDatabases())('recording an event over HTTP on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let member: Client;
  let viewer: Client;

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, fixedClock('2026-11-27T10:00:00Z'));
    await importLedger(ctx, 'demo', [demoFile]);
    await aUser(ctx, 'member@nordlys.example', 'demo', 'member');
    await aUser(ctx, 'viewer@nordlys.example', 'demo', 'viewer');
    app = await buildServer({ ctx, workspaceId: 'demo' }, { logLevel: 'silent' });
    member = await signIn(app, 'member@nordlys.example');
    viewer = await signIn(app, 'viewer@nordlys.example');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const head = async () => (await store.raw('select seq from ledger_head where workspace_id = ?', ['demo']) as { seq: number | string }[]).map((r) => Number(r.seq))[0];
  const post = (client: Client, payload: unknown) => client.request({ method: 'POST', url, payload: payload as Record<string, unknown> });

  it('records a payment, which then shows in the ledger and clears what the late payer owes on the dashboard', async () => {
    const before = (await viewer.get('/api/workspaces/demo/dashboard')).json();
    expect(before.clients.find((c: { clientId: string }) => c.clientId === 'harbourfinch').overdue).toEqual([{ amount: '2900.00', currency: 'GBP' }]);

    const res = await post(member, {
      type: 'payment.received',
      data: { paymentId: 'pay-web-1', clientId: 'harbourfinch', date: '2026-11-27', amount: { amount: '2900.00', currency: 'GBP' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { event } = res.json();
    expect(event).toMatchObject({
      type: 'payment.received', at: '2026-11-27T10:00:00.000Z', recordedAt: '2026-11-27T10:00:00.000Z', seq: expect.any(Number),
      data: { paymentId: 'pay-web-1', clientId: 'harbourfinch', amount: { amount: '2900.00', currency: 'GBP' } },
    });
    expect(event.id).toMatch(/^evt_[0-9a-f]{20}$/);
    expect(event.seq).toBe(await head());

    const listed = (await viewer.get('/api/workspaces/demo/events?clientId=harbourfinch&type=payment.received&limit=1000')).json();
    expect(listed.events.map((e: { id: string }) => e.id)).toContain(event.id);

    const after = (await viewer.get('/api/workspaces/demo/dashboard')).json();
    const harbourfinch = after.clients.find((c: { clientId: string }) => c.clientId === 'harbourfinch');
    expect(harbourfinch.overdue).toEqual([]);
    expect(after.actions.filter((a: { clientId: string; kind: string }) => a.clientId === 'harbourfinch' && a.kind === 'work.pause')).toEqual([]);
  });

  it('gives every event recorded without an id a new, readable one', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(member, timeLogged(10 + i));
      expect(res.statusCode).toBe(201);
      ids.push(res.json().event.id);
    }
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^evt_[0-9a-f]{20}$/);
  });

  it('keeps the `at` it is given, with any offset, as the instant in UTC', async () => {
    const res = await post(member, { ...timeLogged(), at: '2026-11-26T17:30:00+01:00' });
    expect(res.statusCode).toBe(201);
    expect(res.json().event.at).toBe('2026-11-26T16:30:00.000Z');
  });

  it('records the same id and content once: a second post is a 200 replay of the first', async () => {
    const payload = { ...timeLogged(30), id: 'evt_web_replay', at: '2026-11-26T15:00:00Z' };
    const first = await post(member, payload);
    expect(first.statusCode, first.body).toBe(201);
    const seq = await head();
    const again = await post(member, payload);
    expect(again.statusCode).toBe(200);
    expect(again.json().event).toEqual(first.json().event);
    // A retry that leaves `at` out (it would be "now") is still the same event.
    const { at: _at, ...withoutAt } = payload;
    const retry = await post(member, withoutAt);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().event.seq).toBe(first.json().event.seq);
    expect(await head()).toBe(seq);
  });

  it('refuses an id already used by a different event with a 409, recording nothing', async () => {
    const payload = { ...timeLogged(20), id: 'evt_web_taken', at: '2026-11-26T15:00:00Z' };
    expect((await post(member, payload)).statusCode).toBe(201);
    const seq = await head();
    for (const other of [{ ...payload, data: { ...payload.data, minutes: 21 } }, { ...payload, at: '2026-11-26T16:00:00Z' }, { ...timeLogged(21), id: 'evt_web_taken' }]) {
      const res = await post(member, other);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'ledger.conflict', detail: expect.stringContaining('evt_web_taken') });
    }
    // An id of the demo's own ledger, for an event of another type.
    const clash = await post(member, { ...timeLogged(), id: (await viewer.get(`${url}?limit=1`)).json().events[0].id });
    expect(clash.statusCode).toBe(409);
    expect(await head()).toBe(seq);
  });

  it.each([
    ['an amount as a number', { type: 'payment.received', data: { paymentId: 'p-x', clientId: 'harbourfinch', date: '2026-11-27', amount: { amount: 2900, currency: 'GBP' } } }, /data\.amount/],
    ['a date that does not exist', { type: 'invoice.issued', data: { invoiceId: 'i-x', clientId: 'bageriet', number: 'X-1', issueDate: '2026-11-27', dueDate: '2026-02-30', total: { amount: '100.00', currency: 'DKK' } } }, /data\.dueDate/],
    ['a missing field', { type: 'request.sent', data: { requestId: 'r-x', clientId: 'bageriet', kind: 'feedback', subject: 'Plan' } }, /data\.dueDate/],
    ['a field the type does not have', { type: 'time.logged', data: { clientId: 'bageriet', date: '2026-11-26', minutes: 30, kind: 'work', billable: true } }, /billable/],
    ['a type a person does not record', { type: 'workspace.configured', data: {} }, /type/],
    ['a type that does not exist', { type: 'invoice.paid', data: {} }, /type/],
    // Handing over goes through offboarding, which refuses it while the client owes money overdue.
    ['a handover outside offboarding', { type: 'access.handedOver', data: { clientId: 'harbourfinch', network: 'instagram', account: '@harbourandfinch' } }, /type/],
    ['data that is not an object', { type: 'time.logged', data: 'thirty minutes' }, /data/],
    ['an at that is not an instant', { ...timeLogged(), at: 'yesterday' }, /at/],
    ['an id with a space', { ...timeLogged(), id: 'evt 1' }, /id/],
    ['a top-level field misspelt', { ...timeLogged(), date: '2026-11-26' }, /date/],
  ])('refuses %s with a 400 naming the field, recording nothing', async (_what, payload, field) => {
    const seq = await head();
    const res = await post(member, payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'input.invalid', detail: expect.stringMatching(field) });
    expect(await head()).toBe(seq);
  });

  it.each([
    ['an unknown client', { type: 'time.logged', data: { clientId: 'nobody', date: '2026-11-26', minutes: 30, kind: 'work' } }, /client "nobody" is not on record/],
    ['an answer to a request not on record', { type: 'request.answered', data: { requestId: 'no-such-request', channel: 'email' } }, /request "no-such-request"/],
    ['a second invoice with an id in use', { type: 'invoice.issued', data: { invoiceId: 'harbourfinch-inv-2026-10', clientId: 'harbourfinch', number: 'X', issueDate: '2026-11-01', dueDate: '2026-11-15', total: { amount: '1.00', currency: 'GBP' } } }, /already exists/],
  ])('refuses %s against the record with a 422, recording nothing', async (_what, payload, reason) => {
    const seq = await head();
    const res = await post(member, payload);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'import.rejected', reason: expect.stringMatching(reason) });
    expect(await head()).toBe(seq);
  });

  it('lets a viewer read but not record: 403, recording nothing', async () => {
    const seq = await head();
    const res = await post(viewer, timeLogged());
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'auth.forbidden', reason: 'role' });
    expect(await head()).toBe(seq);
  });

  it('changes the assessment: an answer to the unresponsive client\'s open request stops its reminders', async () => {
    const open = (await viewer.get('/api/workspaces/demo/clients/vestergaard/insights')).json().requests
      .filter((r: { waitingBusinessDays: number | null }) => r.waitingBusinessDays !== null);
    const request = open.at(-1) as { requestId: string };
    const remindersOf = async () => (await viewer.get('/api/workspaces/demo/dashboard')).json().actions
      .filter((a: { key: string }) => a.key.startsWith(`vestergaard/request/${request.requestId}/`));
    expect(await remindersOf()).not.toEqual([]);
    const res = await post(member, { type: 'request.answered', data: { requestId: request.requestId, channel: 'phone' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(await remindersOf()).toEqual([]);
  });
});
