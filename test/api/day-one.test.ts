import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { issueSetupCode } from '../../src/app/setup-code.ts';
import { createWorkspace } from '../../src/app/workspace.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { handClock } from '../support/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { clientFor, password, sessionCookieOf, type Client } from './helpers.ts';

// Issue #12's day one through the API alone: a fresh install, the owner created with the
// setup code, the business configured, a Danish client added and a contract signed with
// payment on the 1st, a feedback request due in three business days, and the sweep on a later
// day drafting a Danish reminder for that client. Then the client is edited, amended, held and
// archived, each visible in what the API returns and in what the sweep plans.

const ws = 'default';
const base = `/api/workspaces/${ws}`;

describe.each(testDatabases())('day one through the API on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let owner: Client;
  const clock = handClock('2026-12-01T08:00:00Z'); // a Tuesday

  beforeAll(async () => {
    store = await open();
    ctx = appContext(store, clock);
    await createWorkspace(ctx, ws);
    app = await buildServer({ ctx, workspaceId: ws }, { logLevel: 'silent' });
    const code = (await issueSetupCode(ctx))!.code;
    const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'me@studio.example', password, setupCode: code } });
    expect(setup.statusCode).toBe(201);
    owner = clientFor(app, sessionCookieOf(setup) as string, setup.json().csrfToken);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const record = (type: string, data: Record<string, unknown>) => owner.request({ method: 'POST', url: `${base}/events`, payload: { type, data } });
  const sweep = (at: string) => owner.request({ method: 'POST', url: `${base}/sweep`, payload: { at } });

  it('goes from an empty workspace to a drafted Danish reminder', async () => {
    expect((await owner.get(`${base}/clients`)).json()).toEqual({ clients: [] });
    const configured = await owner.request({
      method: 'PUT', url: `${base}/settings/workspace`,
      payload: { name: 'Studio Nord', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: { amount: '650.00', currency: 'DKK' } },
    });
    expect(configured.statusCode).toBe(200);

    expect((await record('client.added', {
      clientId: 'bageriet', name: 'Bageriet Sønderborg ApS', locale: 'da', currency: 'DKK', jurisdiction: 'DK',
      contacts: [{ name: 'Mette Sørensen', email: 'mette@bageriet.example' }],
      registrationNumber: '12345678', vatNumber: 'DK12345678', postalAddress: 'Perlegade 1\n6400 Sønderborg',
    })).statusCode).toBe(201);
    expect((await record('contract.signed', {
      contractId: 'bageriet-k1', clientId: 'bageriet', startDate: '2026-12-01', networks: ['instagram', 'facebook'],
      fee: { amount: '9500,00'.replace(',', '.'), currency: 'DKK', cycle: 'monthly' }, paymentTerms: { dueDayOfMonth: 1 },
      feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 14, lateInterest: 'statutory', reminderFees: true,
    })).statusCode).toBe(201);
    // Three business days from Tuesday 1 December: Friday 4 December.
    expect((await record('request.sent', {
      requestId: 'r1', clientId: 'bageriet', kind: 'feedback', subject: 'Indholdsplan for januar', dueDate: '2026-12-04',
    })).statusCode).toBe(201);

    const detail = (await owner.get(`${base}/clients/bageriet`)).json();
    expect(detail).toMatchObject({
      name: 'Bageriet Sønderborg ApS', registrationNumber: '12345678', vatNumber: 'DK12345678', postalAddress: 'Perlegade 1\n6400 Sønderborg',
      heldUntil: null, archivedAt: null,
      contracts: [{ contractId: 'bageriet-k1', dueDayOfMonth: 1, netDays: null, reminderFees: true, fee: { amount: '9500.00', currency: 'DKK' } }],
    });

    // Nothing is due yet on the due date itself.
    expect((await sweep('2026-12-04')).json().done).toEqual([]);
    clock.set('2026-12-08T07:00:00Z');
    const swept = (await sweep('2026-12-08')).json();
    expect(swept.done).toEqual([expect.objectContaining({ key: 'bageriet/request/r1/reminder-1', kind: 'request.reminder' })]);
    const outbox = (await owner.get(`${base}/outbox`)).json();
    const draft = outbox.messages.find((m: { actionKey: string }) => m.actionKey === 'bageriet/request/r1/reminder-1');
    expect(draft).toMatchObject({ clientId: 'bageriet', locale: 'da', status: 'queued' });
    const message = (await owner.get(`${base}/outbox/${encodeURIComponent(draft.actionKey)}`)).json();
    expect(message.preview.to).toEqual(['mette@bageriet.example']);
    expect(message.preview).toMatchObject({ locale: 'da', text: expect.stringContaining('Indholdsplan for januar') });
    expect(message.preview.text).toMatch(/^Kære Mette/m);
  });

  it('edits only what changed, and replaces the contacts', async () => {
    const res = await record('client.updated', { clientId: 'bageriet', name: 'Bageriet Sønderborg', vatNumber: null, contacts: [{ name: 'Jonas', email: 'jonas@bageriet.example' }] });
    expect(res.statusCode).toBe(201);
    const detail = (await owner.get(`${base}/clients/bageriet`)).json();
    expect(detail).toMatchObject({ name: 'Bageriet Sønderborg', vatNumber: null, registrationNumber: '12345678', contacts: [{ name: 'Jonas', email: 'jonas@bageriet.example' }] });
    const nothing = await record('client.updated', { clientId: 'bageriet' });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().detail).toContain('names no field to change');
  });

  it('refuses an amendment dated before the contract, and one that changes nothing, recording nothing', async () => {
    const early = await record('contract.amended', { contractId: 'bageriet-k1', effectiveDate: '2026-11-01', stopWorkAfterDays: 7 });
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toContain('before the contract\'s startDate');
    const empty = await record('contract.amended', { contractId: 'bageriet-k1', effectiveDate: '2026-12-10', note: 'nothing' });
    expect(empty.statusCode).toBe(400);
    const events = (await owner.get(`${base}/events?type=contract.amended`)).json();
    expect(events.events).toEqual([]);
  });

  it('holds escalation: no reminder while held, the next step once the hold has ended by itself', async () => {
    expect((await record('request.sent', { requestId: 'r2', clientId: 'bageriet', kind: 'approval', subject: 'Julepost', dueDate: '2026-12-10' })).statusCode).toBe(201);
    expect((await record('escalation.held', { clientId: 'bageriet', until: '2026-12-18', reason: 'illness', note: 'Mette is ill' })).statusCode).toBe(201);
    expect((await owner.get(`${base}/clients/bageriet`)).json()).toMatchObject({ heldUntil: '2026-12-18', holdReason: 'illness', holdNote: 'Mette is ill' });
    clock.set('2026-12-14T07:00:00Z');
    const held = (await sweep('2026-12-14')).json();
    expect(held.done).toEqual([]);
    clock.set('2026-12-21T07:00:00Z');
    const after = (await sweep('2026-12-21')).json();
    expect(after.done.map((a: { key: string }) => a.key)).toEqual(['bageriet/request/r2/reminder-1']);
  });

  it('archives a client: nothing planned while archived, the step due once restored', async () => {
    expect((await record('request.sent', { requestId: 'r3', clientId: 'bageriet', kind: 'information', subject: 'Åbningstider i januar', dueDate: '2026-12-22' })).statusCode).toBe(201);
    expect((await record('client.archived', { clientId: 'bageriet', reason: 'added twice' })).statusCode).toBe(201);
    expect((await owner.get(`${base}/clients/bageriet`)).json().archivedAt).not.toBeNull();
    clock.set('2026-12-28T07:00:00Z');
    expect((await sweep('2026-12-28')).json().done).toEqual([]);
    expect((await record('client.restored', { clientId: 'bageriet' })).statusCode).toBe(201);
    expect((await owner.get(`${base}/clients/bageriet`)).json().archivedAt).toBeNull();
    expect((await sweep('2026-12-28')).json().done.map((a: { key: string }) => a.key)).toEqual(['bageriet/request/r3/reminder-1']);
  });
});
