import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext, type AppContext } from '../../src/app/context.ts';
import { fixedClock } from '../../src/app/clock.ts';
import { assessWorkspace } from '../../src/app/assess-workspace.ts';
import { deliverDue } from '../../src/app/deliver-outbox.ts';
import { demoStory, loadDemo } from '../../src/app/demo.ts';
import {
  completeOffboarding, getOffboarding, handOverAccess, queueTerminationLetter, skipOffboardingStep, startOffboarding, withdrawOpenRequests,
} from '../../src/app/offboarding.ts';
import { approveOutboxMessage, editOutboxMessage, showOutboxMessage } from '../../src/app/outbox-review.ts';
import type { MailTransport, OutgoingMail } from '../../src/app/outbox-smtp.ts';
import { readEvents } from '../../src/store/ledger-store.ts';
import { recordEvent } from '../../src/app/record-event.ts';
import type { IsoDate, IsoInstant } from '../../src/core/dates.ts';
import { FirmlyError } from '../../src/core/errors.ts';
import { testDatabases, type TestStore } from '../support/databases.ts';

// Offboarding (#7) on the demo agency: Harbour & Finch owes two monthly invoices (2026-0077
// and 2026-0086, 1450.00 GBP each) as of 27 November 2026.

const ws = 'demo';
const today = '2026-11-27' as IsoDate;
const now = '2026-11-27T10:00:00Z' as IsoInstant;
const hf = 'harbourfinch';
const accounts = [
  ['instagram', '@harbourandfinch'], ['facebook', 'facebook.com/harbourandfinch'], ['linkedin', 'linkedin.com/company/harbourandfinch'],
] as const;

/** A mail server that keeps what it is given. */
function memoryTransport(): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return { from: { name: 'Studio', address: 'hello@studio.example' }, sent, async send(mail) { sent.push(mail); }, close() {} };
}

async function refusal(promise: Promise<unknown>): Promise<FirmlyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FirmlyError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(testDatabases())('offboarding on $name', ({ open }) => {
  let store: TestStore;
  let ctx: AppContext;
  beforeEach(async () => {
    store = await open();
    ctx = appContext(store, fixedClock(now));
    await loadDemo(ctx, ws, { at: demoStory().end }); // the dates it was written with
  });
  afterEach(async () => { await store.close(); });

  const stageOf = async (clientId: string) => (await assessWorkspace(ctx, ws, today, { clientIds: [clientId] })).clients[0]?.stage;
  const payAll = () => recordEvent(ctx, ws, {
    type: 'payment.received', data: { paymentId: 'hf-pay-final', clientId: hf, date: today, amount: { amount: '2900.00', currency: 'GBP' } },
  });

  it('moves the client to the offboarding stage once started with a reason', async () => {
    expect(await stageOf(hf)).not.toBe('offboarding');
    const view = await startOffboarding(ctx, ws, hf, { reason: 'payment', note: 'two invoices unpaid' });
    expect(view).toMatchObject({ started: true, reason: 'payment', note: 'two invoices unpaid', startedAt: '2026-11-27T10:00:00.000Z', complete: false });
    expect(await stageOf(hf)).toBe('offboarding');
    expect((await refusal(startOffboarding(ctx, ws, hf, { reason: 'trust' }))).code).toBe('action.already_done');
  });

  it('refuses the handover while an invoice is overdue and allows it once it is paid', async () => {
    await startOffboarding(ctx, ws, hf, { reason: 'payment' });
    const [network, account] = accounts[0];
    const refused = await refusal(handOverAccess(ctx, ws, hf, { network, account }));
    expect(refused.code).toBe('ledger.conflict');
    expect(refused.message).toMatch(/owes 2900\.00 GBP overdue/);
    expect(refused.details).toMatchObject({ owed: [{ amount: '2900.00', currency: 'GBP' }] });
    expect(await readEvents(store.db, ws, { types: ['access.handedOver'], clientId: hf }, { limit: 10 })).toEqual([]);

    await payAll();
    const outcome = await handOverAccess(ctx, ws, hf, { network, account, confirmedBy: 'Oliver Finch' });
    expect(outcome).toMatchObject({ handedOver: true, overridden: false });
    expect(outcome.offboarding.owed).toEqual([]);
    const [handed] = await readEvents(store.db, ws, { types: ['access.handedOver'], clientId: hf }, { limit: 10 });
    expect(handed?.data).toEqual({ clientId: hf, network, account, confirmedBy: 'Oliver Finch' });
    expect(await readEvents(store.db, ws, { types: ['access.handoverApproved'], clientId: hf }, { limit: 10 })).toEqual([]);
  });

  it('allows the handover while money is owed with an override whose reason is recorded in the ledger', async () => {
    await startOffboarding(ctx, ws, hf, { reason: 'payment' });
    const [network, account] = accounts[1];
    const outcome = await handOverAccess(ctx, ws, hf, { network, account, override: { reason: 'the page is theirs; we pursue the debt separately' }, by: 'anna@studio.example' });
    expect(outcome).toMatchObject({ handedOver: true, overridden: true });
    const approvals = await readEvents(store.db, ws, { types: ['access.handoverApproved'], clientId: hf }, { limit: 10 });
    expect(approvals.map((e) => e.data)).toEqual([{ clientId: hf, reason: 'the page is theirs; we pursue the debt separately', by: 'anna@studio.example' }]);
    // The override stands for the client's other accounts too: no second one is recorded.
    await handOverAccess(ctx, ws, hf, { network: accounts[2][0], account: accounts[2][1] });
    expect(await readEvents(store.db, ws, { types: ['access.handoverApproved'], clientId: hf }, { limit: 10 })).toHaveLength(1);
    expect((await readEvents(store.db, ws, { types: ['access.handedOver'], clientId: hf }, { limit: 10 })).length).toBe(2);
  });

  it('refuses the steps of an offboarding that has not started', async () => {
    expect((await refusal(handOverAccess(ctx, ws, hf, { network: 'instagram', account: '@harbourandfinch' }))).details).toMatchObject({ refusal: 'offboarding.not_started' });
    expect((await refusal(queueTerminationLetter(ctx, ws, hf))).code).toBe('ledger.conflict');
    expect((await refusal(getOffboarding(ctx, ws, 'nobody'))).code).toBe('client.not_found');
  });

  it('takes a demo client through every step to the former stage, sending the termination letter once', async () => {
    await startOffboarding(ctx, ws, hf, { reason: 'payment' });
    expect((await refusal(completeOffboarding(ctx, ws, hf))).details).toMatchObject({ refusal: 'offboarding.unfinished' });
    await payAll();
    for (const [network, account] of accounts) await handOverAccess(ctx, ws, hf, { network, account });
    await recordEvent(ctx, ws, { type: 'request.sent', data: { requestId: 'hf-last', clientId: hf, kind: 'information', subject: 'Last photos', dueDate: '2026-12-01' } });
    const { withdrawn } = await withdrawOpenRequests(ctx, ws, hf);
    expect(withdrawn).toContain('hf-last');
    const [withdrawal] = await readEvents(store.db, ws, { types: ['request.withdrawn'], clientId: hf }, { limit: 100 });
    expect(withdrawal?.data).toMatchObject({ reason: 'offboarding' });
    await recordEvent(ctx, ws, { type: 'invoice.issued', data: { invoiceId: 'hf-final', clientId: hf, number: '2026-0099', issueDate: today, dueDate: '2026-12-11', total: { amount: '725.00', currency: 'GBP' } } });
    await skipOffboardingStep(ctx, ws, hf, { step: 'final-report', reason: 'delivered by hand at the last meeting' });

    const { actionKey, queued } = await queueTerminationLetter(ctx, ws, hf);
    expect({ actionKey, queued }).toEqual({ actionKey: 'harbourfinch/offboarding/termination', queued: true });
    expect((await queueTerminationLetter(ctx, ws, hf)).queued).toBe(false);
    const preview = await showOutboxMessage(ctx, ws, actionKey);
    expect(preview.letter).toMatchObject({ locale: 'en', subject: 'Ending our collaboration', source: 'preview' });
    expect(preview.letter?.text).toContain('Dear Oliver Finch');
    expect(preview.letter?.text).toContain('because of the lack of timely payment');
    expect(preview.letter?.text).toContain('instagram: @harbourandfinch');
    expect(preview.letter?.text).toMatch(/Our final invoice: 2026-0099, £725\.00, due 11 December 2026/);

    // Editable before it goes: the person's words are what is sent.
    const edited = `${preview.letter?.text ?? ''}\nP.S. Thank you, Oliver.`;
    await editOutboxMessage(ctx, ws, actionKey, { subject: 'Ending our collaboration', body: edited });
    await approveOutboxMessage(ctx, ws, actionKey);
    const transport = memoryTransport();
    const first = await deliverDue(ctx, ws, transport, now);
    expect(first.sent.map((s) => s.actionKey)).toEqual([actionKey]);
    expect(transport.sent[0]?.text).toContain('P.S. Thank you, Oliver.');
    expect(transport.sent[0]?.language).toBe('en');
    await queueTerminationLetter(ctx, ws, hf);
    const again = await deliverDue(ctx, ws, transport, now);
    expect(again.sent).toEqual([]);
    expect(transport.sent).toHaveLength(1);

    const ready = await getOffboarding(ctx, ws, hf);
    expect(ready.steps.map((s) => [s.id, s.status])).toEqual([
      ['reason', 'done'], ['access', 'done'], ['requests', 'done'], ['final-invoice', 'done'], ['final-report', 'done'], ['termination-letter', 'done'],
    ]);
    const done = await completeOffboarding(ctx, ws, hf);
    expect(done.contractsEnded).toEqual(['harbourfinch-k1']);
    expect(done.offboarding.complete).toBe(true);
    const [ended] = await readEvents(store.db, ws, { types: ['contract.ended'], clientId: hf }, { limit: 10 });
    expect(ended?.data).toMatchObject({ contractId: 'harbourfinch-k1', endDate: today });
    const [offboarded] = await readEvents(store.db, ws, { types: ['client.offboarded'], clientId: hf }, { limit: 10 });
    expect(offboarded?.data).toEqual({ clientId: hf, reason: 'payment' });
    expect(await stageOf(hf)).toBe('former');
    expect((await refusal(completeOffboarding(ctx, ws, hf))).code).toBe('action.already_done');
  });

  it('writes the termination letter in Danish for a Danish client, citing the reason', async () => {
    await startOffboarding(ctx, ws, 'lykke', { reason: 'feedback' });
    const { actionKey } = await queueTerminationLetter(ctx, ws, 'lykke');
    const preview = await showOutboxMessage(ctx, ws, actionKey);
    expect(preview.entry).toMatchObject({ locale: 'da', kind: 'offboarding.termination', status: 'queued' });
    expect(preview.letter).toMatchObject({ locale: 'da', subject: 'Afslutning af vores samarbejde' });
    expect(preview.letter?.text).toContain('på grund af manglende rettidig feedback');
  });

  it('writes a reason given in words into the letter', async () => {
    await startOffboarding(ctx, ws, hf, { reason: 'other', note: 'we are closing our social media service' });
    const { actionKey } = await queueTerminationLetter(ctx, ws, hf);
    expect((await showOutboxMessage(ctx, ws, actionKey)).letter?.text).toContain('as we are closing our social media service.');
  });
});
