import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { deliverDue } from '../../src/app/deliver-outbox.ts';
import { demoStory, loadDemo } from '../../src/app/demo.ts';
import type { MailTransport, OutgoingMail } from '../../src/app/outbox-smtp.ts';
import type { IsoInstant } from '../../src/core/dates.ts';
import { readEvents } from '../../src/store/ledger-store.ts';
import { buildServer, type TypedServer } from '../../src/server/app.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';
import { signedInRoles, type Client } from './helpers.ts';

// Offboarding over HTTP (#7) on the demo agency, as of 27 November 2026: Harbour & Finch owes
// invoices 2026-0077 and 2026-0086, 1450.00 GBP each, both overdue.

const ws = 'demo';
const now = '2026-11-27T10:00:00Z' as IsoInstant;
const url = (clientId: string, action = '') => `/api/workspaces/${ws}/clients/${clientId}/offboarding${action}`;
const hf = 'harbourfinch';
const accounts = [
  ['instagram', '@harbourandfinch'], ['facebook', 'facebook.com/harbourandfinch'], ['linkedin', 'linkedin.com/company/harbourandfinch'],
] as const;

describe.each(testDatabases())('the offboarding API on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  let app: TypedServer;
  let member: Client;
  let viewer: Client;

  beforeEach(async () => {
    store = await open();
    ctx = appContext(store, fixedClock(now));
    await loadDemo(ctx, ws, { at: demoStory().end }); // the dates it was written with
    app = await buildServer({ ctx, workspaceId: ws }, { logLevel: 'silent' });
    ({ member, viewer } = await signedInRoles(app, ctx, ws, ['member', 'viewer']));
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const post = (client: Client, path: string, payload?: unknown) =>
    client.request({ method: 'POST', url: path, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const stageOf = async (clientId: string) => ((await viewer.get(`/api/workspaces/${ws}/clients/${clientId}/assessment`)).json() as { stage: string }).stage;

  it('shows a checklist that asks for a reason first, and lets only members start', async () => {
    const res = await viewer.get(url(hf));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ started: false, reason: null, startedAt: null, complete: false, owed: [{ amount: '2900.00', currency: 'GBP' }] });
    expect(res.json().steps[0]).toMatchObject({ id: 'reason', status: 'pending' });
    expect((await post(viewer, url(hf, '/start'), { reason: 'payment' })).statusCode).toBe(403);

    const started = await post(member, url(hf, '/start'), { reason: 'payment', note: 'two invoices unpaid' });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ started: true, reason: 'payment', startedAt: '2026-11-27T10:00:00.000Z' });
    expect(await stageOf(hf)).toBe('offboarding');
    const again = await post(member, url(hf, '/start'), { reason: 'trust' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'action.already_done' });
  });

  it('refuses the handover with 409 while an invoice is overdue, and allows it once it is paid', async () => {
    await post(member, url(hf, '/start'), { reason: 'payment' });
    const [network, account] = accounts[0];
    const refused = await post(member, url(hf, '/handover'), { network, account });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'ledger.conflict', refusal: 'offboarding.client_owes', owed: [{ amount: '2900.00', currency: 'GBP' }] });
    expect(refused.json().detail).toMatch(/owes 2900\.00 GBP overdue/);
    expect((await viewer.get(url(hf))).json().steps[1]).toMatchObject({ id: 'access', status: 'blocked' });

    const paid = await post(member, `/api/workspaces/${ws}/events`, {
      type: 'payment.received', data: { paymentId: 'hf-pay-final', clientId: hf, date: '2026-11-27', amount: { amount: '2900.00', currency: 'GBP' } },
    });
    expect(paid.statusCode).toBe(201);
    const allowed = await post(member, url(hf, '/handover'), { network, account, confirmedBy: 'Oliver Finch' });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toMatchObject({ handedOver: true, overridden: false, offboarding: { owed: [], handoverAllowed: true } });
  });

  it('allows the handover while money is owed with an override, recording its reason and who gave it', async () => {
    await post(member, url(hf, '/start'), { reason: 'payment' });
    const [network, account] = accounts[1];
    const res = await post(member, url(hf, '/handover'), { network, account, override: { reason: 'the page is theirs; the debt goes to collection' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ handedOver: true, overridden: true, offboarding: { override: { reason: 'the page is theirs; the debt goes to collection', by: 'member@studio.example' } } });
    const approvals = await readEvents(store.db, ws, { types: ['access.handoverApproved'], clientId: hf }, { limit: 10 });
    expect(approvals.map((e) => e.data)).toEqual([{ clientId: hf, reason: 'the page is theirs; the debt goes to collection', by: 'member@studio.example' }]);
  });

  it('answers 404 for an unknown client and 400 for a bad body', async () => {
    expect((await viewer.get(url('nobody'))).statusCode).toBe(404);
    expect((await post(member, url('nobody', '/start'), { reason: 'nonsense' })).statusCode).toBe(404);
    const bad = await post(member, url(hf, '/start'), { reason: 'nonsense' });
    expect(bad.statusCode).toBe(400);
    const misspelt = await post(member, url(hf, '/start'), { reason: 'payment', notes: 'x' });
    expect(misspelt.statusCode).toBe(400);
    const other = await post(member, url(hf, '/start'), { reason: 'other' });
    expect(other.statusCode).toBe(400);
    expect(other.json().detail).toMatch(/note/);
  });

  it('takes a demo client to the former stage, with the termination letter sent once through the outbox', async () => {
    await post(member, url(hf, '/start'), { reason: 'payment' });
    const early = await post(member, url(hf, '/complete'));
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ refusal: 'offboarding.unfinished' });
    await post(member, `/api/workspaces/${ws}/events`, {
      type: 'payment.received', data: { paymentId: 'hf-pay-final', clientId: hf, date: '2026-11-27', amount: { amount: '2900.00', currency: 'GBP' } },
    });
    for (const [network, account] of accounts) expect((await post(member, url(hf, '/handover'), { network, account })).statusCode).toBe(200);
    expect((await post(member, url(hf, '/withdraw-requests'))).statusCode).toBe(200);
    await post(member, `/api/workspaces/${ws}/events`, {
      type: 'invoice.issued', data: { invoiceId: 'hf-final', clientId: hf, number: '2026-0099', issueDate: '2026-11-27', dueDate: '2026-12-11', total: { amount: '725.00', currency: 'GBP' } },
    });
    const skipped = await post(member, url(hf, '/skip'), { step: 'final-report', reason: 'handed over at the last meeting' });
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json().steps.find((s: { id: string }) => s.id === 'final-report')).toMatchObject({ status: 'done', skipReason: 'handed over at the last meeting' });

    const queued = await post(member, url(hf, '/termination-letter'));
    expect(queued.statusCode).toBe(200);
    expect(queued.json()).toMatchObject({ actionKey: 'harbourfinch/offboarding/termination', queued: true, status: 'queued' });
    const key = encodeURIComponent('harbourfinch/offboarding/termination');
    const message = (await viewer.get(`/api/workspaces/${ws}/outbox/${key}`)).json();
    expect(message.message).toMatchObject({ kind: 'offboarding.termination', locale: 'en', clientName: 'Harbour & Finch Ltd', status: 'queued' });
    expect(message.preview).toMatchObject({ locale: 'en', subject: 'Ending our collaboration', to: ['oliver@harbourandfinch.example', 'accounts@harbourandfinch.example'] });
    expect(message.preview.text).toContain('because of the lack of timely payment');
    expect(message.preview.text).toContain('linkedin: linkedin.com/company/harbourandfinch');
    expect((await post(member, `/api/workspaces/${ws}/outbox/${key}/approve`)).statusCode).toBe(200);

    const sent: OutgoingMail[] = [];
    const transport: MailTransport = { from: { name: 'Studio', address: 'hello@studio.example' }, async send(mail) { sent.push(mail); }, close() {} };
    await deliverDue(ctx, ws, transport, now);
    expect((await post(member, url(hf, '/termination-letter'))).json()).toMatchObject({ queued: false, status: 'sent' });
    await deliverDue(ctx, ws, transport, now);
    expect(sent.map((m) => m.subject)).toEqual(['Ending our collaboration']);

    const done = await post(member, url(hf, '/complete'));
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ contractsEnded: ['harbourfinch-k1'], offboarding: { complete: true, ready: true } });
    expect(await stageOf(hf)).toBe('former');
  });
});
