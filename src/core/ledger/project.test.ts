import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { LedgerEvent } from './events.ts';
import { parseEvent } from './parse-event.ts';
import { collectNeeds, projectEvent, type Projection } from './project.ts';
import { viewNames, type ViewName, type Views } from './read-model.ts';
import { emptyNeeds, ViewUnit } from './view-unit.ts';

let counter = 0;
function ev(type: string, data: Record<string, unknown>, at = '2026-03-01T09:00:00Z'): LedgerEvent {
  const result = parseEvent({ id: `evt_${++counter}`, type, at, data });
  if (!result.ok) throw new Error(`test event is invalid: ${result.reason}`);
  return result.event;
}

const money = (amount: string, currency = 'DKK') => ({ amount, currency });
const aClient = (clientId: string, contacts = [{ name: 'Kim', email: `kim@${clientId}.example` }]) =>
  ev('client.added', { clientId, name: `Client ${clientId}`, locale: 'da', jurisdiction: 'DK', currency: 'DKK', contacts });
const anInvoice = (clientId: string, invoiceId: string, total: string, dueDate: string, currency = 'DKK') =>
  ev('invoice.issued', { invoiceId, clientId, number: `N-${invoiceId}`, issueDate: '2026-01-01', dueDate, total: money(total, currency) });
const aPayment = (clientId: string, paymentId: string, amount: string, date: string, invoiceIds?: string[], currency = 'DKK') =>
  ev('payment.received', { paymentId, clientId, date, amount: money(amount, currency), ...(invoiceIds ? { invoiceIds } : {}) });
const aCredit = (invoiceId: string, amount: string) => ev('invoice.credited', { invoiceId, amount: money(amount), reason: 'goodwill' });
const aRequest = (clientId: string, requestId: string, extra: Record<string, unknown> = {}) =>
  ev('request.sent', { requestId, clientId, kind: 'feedback', subject: 'Content plan', dueDate: '2026-03-05', ...extra });
const aContract = (lateInterest: unknown, extra: Record<string, unknown> = {}) => ev('contract.signed', {
  contractId: 'k1', clientId: 'c1', startDate: '2026-01-01', networks: ['instagram', 'linkedin'],
  fee: { amount: '8000', currency: 'DKK', cycle: 'monthly' }, paymentTerms: { dueDayOfMonth: 15 }, feedbackDays: 3,
  approval: { mode: 'per-item', windowDays: 5, deemedApproval: true }, stopWorkAfterDays: 30, lateInterest, ...extra,
});

/** Projects events in order, as one batch, and returns each outcome. */
const project = (unit: ViewUnit, ...events: LedgerEvent[]): Projection[] => events.map((e) => projectEvent(unit, e));

/** A unit that already holds the given history, every event of which was accepted. */
function unitWith(...events: LedgerEvent[]): ViewUnit {
  const unit = new ViewUnit();
  for (const result of project(unit, ...events)) if (!result.ok) throw new Error(`history rejected: ${result.reason}`);
  return unit;
}

const rejectionOf = (result: Projection) => (result.ok ? 'accepted' : result.reason);

describe('projectEvent', () => {
  it('records a workspace\'s settings with its target rate in minor units', () => {
    const unit = unitWith(ev('workspace.configured', {
      name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: money('650.5') }));
    expect(unit.workspace).toEqual({ name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK',
      targetRateMinor: 65_050, targetRateCurrency: 'DKK', configuredAt: '2026-03-01T09:00:00.000Z', rules: {} });
  });

  describe('clients', () => {
    it('creates a client and its contacts in the order given', () => {
      const unit = new ViewUnit();
      const result = projectEvent(unit, aClient('c1', [{ name: 'Kim', email: 'kim@c1.example' }, { name: 'Sam', email: 'sam@c1.example' }]));
      expect(result).toEqual({ ok: true, clientId: 'c1' });
      expect(unit.get('client', 'c1')).toEqual({
        clientId: 'c1', name: 'Client c1', locale: 'da', jurisdiction: 'DK', currency: 'DKK', addedAt: '2026-03-01T09:00:00.000Z',
        paused: false, pausedAt: null, pauseReason: null, offboardedAt: null, offboardReason: null,
        registrationNumber: null, vatNumber: null, postalAddress: null, archivedAt: null, archiveReason: null,
        heldAt: null, heldUntil: null, holdReason: null, holdNote: null,
      });
      expect(unit.changes().contact).toEqual([
        { clientId: 'c1', position: 0, name: 'Kim', email: 'kim@c1.example' },
        { clientId: 'c1', position: 1, name: 'Sam', email: 'sam@c1.example' },
      ]);
    });

    it('rejects a second client with the same id and leaves the unit as it was', () => {
      const unit = unitWith(aClient('c1'));
      const before = structuredClone(unit.changes());
      const result = projectEvent(unit, aClient('c1', [{ name: 'Other', email: 'other@c1.example' }, { name: 'Two', email: 'two@c1.example' }]));
      expect(rejectionOf(result)).toBe('client "c1" already exists');
      expect(unit.changes()).toEqual(before);
    });

    it('pauses work for a client and resumes it', () => {
      const unit = unitWith(aClient('c1'));
      project(unit, ev('work.paused', { clientId: 'c1', reason: 'invoice overdue' }, '2026-04-01T08:00:00Z'));
      expect(unit.get('client', 'c1')).toMatchObject({ paused: true, pausedAt: '2026-04-01T08:00:00.000Z', pauseReason: 'invoice overdue' });
      project(unit, ev('work.resumed', { clientId: 'c1', reason: 'paid' }, '2026-04-03T08:00:00Z'));
      expect(unit.get('client', 'c1')).toMatchObject({ paused: false, pausedAt: null, pauseReason: null });
    });

    it('keeps the time work was first paused when it is paused again', () => {
      const unit = unitWith(aClient('c1'), ev('work.paused', { clientId: 'c1', reason: 'overdue' }, '2026-04-01T08:00:00Z'));
      project(unit, ev('work.paused', { clientId: 'c1', reason: 'still overdue' }, '2026-04-02T08:00:00Z'));
      expect(unit.get('client', 'c1')).toMatchObject({ paused: true, pausedAt: '2026-04-01T08:00:00.000Z', pauseReason: 'overdue' });
    });

    it('rejects pausing work for a client not on record', () => {
      expect(rejectionOf(projectEvent(new ViewUnit(), ev('work.paused', { clientId: 'c9', reason: 'x' })))).toBe('client "c9" is not on record');
    });

    it('records when and why a client was offboarded', () => {
      const unit = unitWith(aClient('c1'), ev('client.offboarded', { clientId: 'c1', reason: 'walked away' }, '2026-05-01T10:00:00Z'));
      expect(unit.get('client', 'c1')).toMatchObject({ offboardedAt: '2026-05-01T10:00:00.000Z', offboardReason: 'walked away' });
    });
  });

  describe('contracts', () => {
    it('captures payment terms, approval rules and statutory late interest', () => {
      const unit = unitWith(aClient('c1'), aContract('statutory'));
      expect(unit.get('contract', 'k1')).toEqual({
        contractId: 'k1', clientId: 'c1', signedAt: '2026-03-01T09:00:00.000Z', startDate: '2026-01-01', endDate: null, endReason: null,
        networks: ['instagram', 'linkedin'], feeMinor: 800_000, feeCurrency: 'DKK', feeCycle: 'monthly',
        dueDayOfMonth: 15, netDays: null, feedbackDays: 3, approvalMode: 'per-item', approvalWindowDays: 5, deemedApproval: true,
        stopWorkAfterDays: 30, lateInterest: 'statutory', lateInterestRatePct: null, reminderFees: false, rules: null,
      });
    });

    it('captures net-days terms, no approval window and no late interest', () => {
      const unit = unitWith(aClient('c1'), aContract('none', { paymentTerms: { netDays: 14 }, approval: { mode: 'none' } }));
      expect(unit.get('contract', 'k1')).toMatchObject({
        dueDayOfMonth: null, netDays: 14, approvalMode: 'none', approvalWindowDays: null, deemedApproval: false,
        lateInterest: 'none', lateInterestRatePct: null,
      });
    });

    it('captures a contractual late-interest rate', () => {
      const unit = unitWith(aClient('c1'), aContract({ ratePct: '8.05' }));
      expect(unit.get('contract', 'k1')).toMatchObject({ lateInterest: 'contractual', lateInterestRatePct: '8.05' });
    });

    it('rejects a contract for a client not on record', () => {
      expect(rejectionOf(projectEvent(new ViewUnit(), aContract('none')))).toBe('client "c1" is not on record');
    });

    it('ends a contract, but not before it started', () => {
      const unit = unitWith(aClient('c1'), aContract('none'));
      expect(rejectionOf(projectEvent(unit, ev('contract.ended', { contractId: 'k1', endDate: '2025-12-31' }))))
        .toBe('endDate 2025-12-31 is before the contract\'s startDate 2026-01-01');
      project(unit, ev('contract.ended', { contractId: 'k1', endDate: '2026-06-30', reason: 'budget' }));
      expect(unit.get('contract', 'k1')).toMatchObject({ endDate: '2026-06-30', endReason: 'budget' });
    });
  });

  describe('requests', () => {
    it('rejects a request to a client not on record', () => {
      const unit = new ViewUnit();
      expect(rejectionOf(projectEvent(unit, aRequest('c9', 'r1')))).toBe('client "c9" is not on record');
      expect(unit.get('request', 'r1')).toBeUndefined();
    });

    it('opens a request with its due date', () => {
      const unit = unitWith(aClient('c1'), aRequest('c1', 'r1'));
      expect(unit.get('request', 'r1')).toMatchObject({ clientId: 'c1', status: 'open', dueDate: '2026-03-05', sentAt: '2026-03-01T09:00:00.000Z', answeredAt: null });
    });

    it('rejects a request about another client\'s deliverable', () => {
      const unit = unitWith(aClient('c1'), aClient('c2'), ev('deliverable.created', { deliverableId: 'd1', clientId: 'c2', title: 'Post' }));
      expect(rejectionOf(projectEvent(unit, aRequest('c1', 'r1', { deliverableId: 'd1' })))).toBe('deliverable "d1" belongs to another client');
    });

    it('keeps the time of the first answer when a request is answered twice', () => {
      const unit = unitWith(aClient('c1'), aRequest('c1', 'r1'));
      project(unit,
        ev('request.answered', { requestId: 'r1', channel: 'email', verdict: 'changes' }, '2026-03-03T10:00:00Z'),
        ev('request.answered', { requestId: 'r1', channel: 'phone', verdict: 'approved' }, '2026-03-04T10:00:00Z'));
      expect(unit.get('request', 'r1')).toMatchObject({ status: 'answered', answeredAt: '2026-03-03T10:00:00.000Z', answerChannel: 'email', verdict: 'changes' });
    });

    it('does not reopen a withdrawn request when an answer arrives later', () => {
      const unit = unitWith(aClient('c1'), aRequest('c1', 'r1'), ev('request.withdrawn', { requestId: 'r1', reason: 'moot' }, '2026-03-02T10:00:00Z'));
      project(unit, ev('request.answered', { requestId: 'r1', channel: 'email' }, '2026-03-03T10:00:00Z'));
      expect(unit.get('request', 'r1')).toMatchObject({ status: 'withdrawn', withdrawnAt: '2026-03-02T10:00:00.000Z', answeredAt: '2026-03-03T10:00:00.000Z' });
    });
  });

  describe('invoices and payments', () => {
    const history = () => unitWith(aClient('c1'),
      anInvoice('c1', 'inv-mar', '1000.00', '2026-03-01'), anInvoice('c1', 'inv-feb', '1000.00', '2026-02-01'));

    it('opens an invoice for its whole total', () => {
      expect(history().get('invoice', 'inv-feb')).toEqual({
        invoiceId: 'inv-feb', clientId: 'c1', number: 'N-inv-feb', issueDate: '2026-01-01', dueDate: '2026-02-01', currency: 'DKK',
        totalMinor: 100_000, creditedMinor: 0, paidMinor: 0, openMinor: 100_000, settledOn: null, lastPaidOn: null, issuedAt: '2026-03-01T09:00:00.000Z' });
    });

    it('rejects an invoice due before it was issued', () => {
      const unit = unitWith(aClient('c1'));
      const e = ev('invoice.issued', { invoiceId: 'i', clientId: 'c1', number: '1', issueDate: '2026-03-10', dueDate: '2026-03-01', total: money('1') });
      expect(rejectionOf(projectEvent(unit, e))).toBe('dueDate 2026-03-01 is before issueDate 2026-03-10');
    });

    it('settles the invoice a payment names, on the payment\'s date', () => {
      const unit = history();
      expect(projectEvent(unit, aPayment('c1', 'p1', '1000.00', '2026-03-10', ['inv-mar']))).toEqual({ ok: true, clientId: 'c1' });
      expect(unit.get('invoice', 'inv-mar')).toMatchObject({ paidMinor: 100_000, openMinor: 0, settledOn: '2026-03-10' });
      expect(unit.get('invoice', 'inv-feb')).toMatchObject({ paidMinor: 0, openMinor: 100_000, settledOn: null });
      expect(unit.changes().allocation).toEqual([{ paymentId: 'p1', invoiceId: 'inv-mar', clientId: 'c1', amountMinor: 100_000, currency: 'DKK' }]);
    });

    it('settles the oldest open invoice first when a payment names none', () => {
      const unit = history();
      project(unit, aPayment('c1', 'p1', '1500.00', '2026-03-10'));
      expect(unit.get('invoice', 'inv-feb')).toMatchObject({ openMinor: 0, paidMinor: 100_000, settledOn: '2026-03-10' });
      expect(unit.get('invoice', 'inv-mar')).toMatchObject({ openMinor: 50_000, paidMinor: 50_000, settledOn: null });
      expect(unit.get('payment', 'p1')).toMatchObject({ amountMinor: 150_000, unallocatedMinor: 0, date: '2026-03-10' });
    });

    it('leaves the rest open after a partial payment', () => {
      const unit = history();
      project(unit, aPayment('c1', 'p1', '400.00', '2026-03-10', ['inv-feb']));
      expect(unit.get('invoice', 'inv-feb')).toMatchObject({ openMinor: 60_000, paidMinor: 40_000, settledOn: null });
      expect(unit.openInvoicesOf('c1' as ClientId).map((i) => i.invoiceId).sort()).toEqual(['inv-feb', 'inv-mar']);
    });

    it('settles an invoice over two payments, on the date of the second', () => {
      const unit = history();
      project(unit, aPayment('c1', 'p1', '400.00', '2026-03-10', ['inv-feb']), aPayment('c1', 'p2', '600.00', '2026-03-20', ['inv-feb']));
      expect(unit.get('invoice', 'inv-feb')).toMatchObject({ openMinor: 0, paidMinor: 100_000, settledOn: '2026-03-20' });
    });

    it('keeps an over-payment on account as unallocated', () => {
      const unit = history();
      project(unit, aPayment('c1', 'p1', '2500.00', '2026-03-10'));
      expect(unit.get('payment', 'p1')).toMatchObject({ amountMinor: 250_000, unallocatedMinor: 50_000 });
      expect(unit.openInvoicesOf('c1' as ClientId)).toEqual([]);
    });

    it('does not let a payment in one currency settle invoices in another', () => {
      const unit = unitWith(aClient('c1'), anInvoice('c1', 'inv-eur', '100.00', '2026-02-01', 'EUR'));
      project(unit, aPayment('c1', 'p1', '100.00', '2026-03-10'));
      expect(unit.get('invoice', 'inv-eur')).toMatchObject({ openMinor: 10_000 });
      expect(unit.get('payment', 'p1')).toMatchObject({ unallocatedMinor: 10_000 });
    });

    it('rejects a payment in another currency than an invoice it names, and changes nothing', () => {
      const unit = history();
      const before = structuredClone(unit.changes());
      const result = projectEvent(unit, aPayment('c1', 'p1', '100.00', '2026-03-10', ['inv-feb'], 'EUR'));
      expect(rejectionOf(result)).toBe('payment in EUR names invoice "inv-feb" in DKK');
      expect(unit.changes()).toEqual(before);
    });

    it('rejects a payment naming an invoice not on record or of another client', () => {
      const unit = unitWith(aClient('c1'), aClient('c2'), anInvoice('c2', 'inv-x', '10.00', '2026-02-01'));
      expect(rejectionOf(projectEvent(unit, aPayment('c1', 'p1', '10.00', '2026-03-10', ['inv-none'])))).toBe('invoice "inv-none" is not on record');
      expect(rejectionOf(projectEvent(unit, aPayment('c1', 'p1', '10.00', '2026-03-10', ['inv-x'])))).toBe('invoice "inv-x" belongs to another client');
    });

    it('rejects the same payment recorded twice', () => {
      const unit = history();
      project(unit, aPayment('c1', 'p1', '10.00', '2026-03-10'));
      expect(rejectionOf(projectEvent(unit, aPayment('c1', 'p1', '10.00', '2026-03-10')))).toBe('payment "p1" already exists');
      expect(unit.get('invoice', 'inv-feb')).toMatchObject({ paidMinor: 1000 });
    });

    it('reduces the open amount by a credit note', () => {
      const unit = history();
      project(unit, aCredit('inv-feb', '250.00'));
      expect(unit.get('invoice', 'inv-feb')).toMatchObject({ creditedMinor: 25_000, openMinor: 75_000, totalMinor: 100_000 });
      expect(unit.changes().credit).toMatchObject([{ invoiceId: 'inv-feb', clientId: 'c1', amountMinor: 25_000, currency: 'DKK', reason: 'goodwill' }]);
    });

    it('lets a later payment settle what a credit left open', () => {
      const unit = history();
      project(unit, aCredit('inv-feb', '250.00'), aPayment('c1', 'p1', '750.00', '2026-03-10', ['inv-feb']));
      expect(unit.get('invoice', 'inv-feb')).toMatchObject({ openMinor: 0, paidMinor: 75_000, settledOn: '2026-03-10' });
      expect(unit.get('payment', 'p1')).toMatchObject({ unallocatedMinor: 0 });
    });

    it('refuses credits that together would exceed the invoice total', () => {
      const unit = history();
      project(unit, aCredit('inv-feb', '600.00'));
      const before = structuredClone(unit.changes());
      expect(rejectionOf(projectEvent(unit, aCredit('inv-feb', '400.01')))).toBe('credits on invoice "inv-feb" would exceed its total');
      expect(unit.changes()).toEqual(before);
      expect(projectEvent(unit, aCredit('inv-feb', '400.00')).ok).toBe(true);
      expect(unit.get('invoice', 'inv-feb')).toMatchObject({ creditedMinor: 100_000, openMinor: 0 });
    });

    it('rejects a credit in another currency than its invoice', () => {
      const unit = history();
      const e = ev('invoice.credited', { invoiceId: 'inv-feb', amount: money('10.00', 'EUR') });
      expect(rejectionOf(projectEvent(unit, e))).toBe('credit in EUR on invoice "inv-feb" in DKK');
    });

    it('rejects a second invoice with the same id', () => {
      const unit = history();
      expect(rejectionOf(projectEvent(unit, anInvoice('c1', 'inv-feb', '5.00', '2026-02-01')))).toBe('invoice "inv-feb" already exists');
      expect(unit.get('invoice', 'inv-feb')).toMatchObject({ totalMinor: 100_000 });
    });
  });
});

describe('collectNeeds', () => {
  const needsOf = (...events: LedgerEvent[]) => {
    const needs = emptyNeeds();
    for (const e of events) collectNeeds(e, needs);
    const keys = Object.fromEntries(Object.entries(needs.keys).filter(([, set]) => set.size > 0).map(([view, set]) => [view, [...set].sort()]));
    return { keys, openInvoicesOf: [...needs.openInvoicesOf].sort() };
  };

  it('asks for the client, the payment, the named invoices and the client\'s open invoices for a payment', () => {
    expect(needsOf(aPayment('c1', 'p1', '10.00', '2026-03-10', ['inv-a', 'inv-b']))).toEqual({
      keys: { client: ['c1'], payment: ['p1'], invoice: ['inv-a', 'inv-b'] }, openInvoicesOf: ['c1'] });
  });

  it('asks for the request and deliverable a request or message refers to', () => {
    expect(needsOf(
      aRequest('c1', 'r1', { deliverableId: 'd1' }),
      ev('message.received', { messageId: 'm1', clientId: 'c2', channel: 'email', subject: 'Re', requestId: 'r2' }),
      ev('request.answered', { requestId: 'r3', channel: 'email' }),
    )).toEqual({ keys: { client: ['c1', 'c2'], request: ['r1', 'r2', 'r3'], deliverable: ['d1'], message: ['m1'] }, openInvoicesOf: [] });
  });

  it('asks for the records a batch of mixed events reads, once each', () => {
    expect(needsOf(
      anInvoice('c1', 'inv-a', '10.00', '2026-02-01'), aCredit('inv-a', '1.00'), aContract('none'),
      ev('contract.ended', { contractId: 'k2', endDate: '2026-12-31' }),
      ev('access.revoked', { clientId: 'c1', network: 'instagram', account: '@a' }),
      ev('deliverable.revised', { deliverableId: 'd1', round: 1, changeChars: 3, requestedBy: 'us' }),
      ev('work.paused', { clientId: 'c3', reason: 'overdue' }),
    )).toEqual({
      keys: { client: ['c1', 'c3'], invoice: ['inv-a'], contract: ['k1', 'k2'], deliverable: ['d1'], accessGrant: ['c1\u0000instagram\u0000@a'] },
      openInvoicesOf: [],
    });
  });

  it('names everything a batch reads: projecting into a unit loaded with only those records gives the same outcome', () => {
    const history = [
      aClient('c1'), aClient('c2'), aContract('none'),
      ev('deliverable.created', { deliverableId: 'd1', clientId: 'c1', title: 'Post' }),
      aRequest('c1', 'r1', { deliverableId: 'd1' }), aRequest('c2', 'r2'),
      ev('access.granted', { clientId: 'c1', network: 'instagram', account: '@a', level: 'full' }),
      anInvoice('c1', 'inv-1', '100.00', '2026-02-01'), anInvoice('c1', 'inv-2', '100.00', '2026-03-01'),
      anInvoice('c1', 'inv-3', '100.00', '2026-04-01'), anInvoice('c2', 'inv-4', '100.00', '2026-02-01'),
      ev('message.sent', { messageId: 'm1', clientId: 'c1', channel: 'email', subject: 'Reminder', requestId: 'r1' }),
    ];
    const batch = [
      aPayment('c1', 'p1', '150.00', '2026-03-10'), aPayment('c1', 'p2', '30.00', '2026-03-11', ['inv-3']),
      aCredit('inv-4', '10.00'), ev('request.answered', { requestId: 'r1', channel: 'portal', verdict: 'approved' }),
      ev('message.received', { messageId: 'm2', clientId: 'c2', channel: 'email', subject: 'Re', inReplyTo: 'm1', requestId: 'r2' }),
      ev('access.handedOver', { clientId: 'c1', network: 'instagram', account: '@a' }),
      ev('deliverable.revised', { deliverableId: 'd1', round: 2, changeChars: 40, requestedBy: 'client' }),
      ev('deliverable.published', { deliverableId: 'd1' }), ev('contract.ended', { contractId: 'k1', endDate: '2026-12-31' }),
      ev('work.paused', { clientId: 'c2', reason: 'overdue' }), ev('time.logged', { clientId: 'c2', date: '2026-03-02', minutes: 15, kind: 'chasing' }),
      ev('request.sent', { requestId: 'r3', clientId: 'c1', kind: 'approval', subject: 'New post', dueDate: '2026-03-20', deliverableId: 'd1' }),
      ev('request.withdrawn', { requestId: 'r3' }),
    ];
    const database = unitWith(...history).changes();
    const loadAll = (unit: ViewUnit, keep: (view: ViewName, row: Views[ViewName]) => boolean) => {
      for (const view of viewNames) unit.load(view, (database[view] as Views[ViewName][]).filter((row) => keep(view, row)) as never);
    };
    const full = new ViewUnit();
    loadAll(full, () => true);
    const needs = emptyNeeds();
    for (const e of batch) collectNeeds(e, needs);
    const partial = new ViewUnit();
    const keyOf = (view: ViewName) => (({
      client: 'clientId', contract: 'contractId', deliverable: 'deliverableId', request: 'requestId', invoice: 'invoiceId',
      payment: 'paymentId', message: 'messageId' }) as Partial<Record<ViewName, string>>)[view];
    loadAll(partial, (view, row) => {
      const record = row as unknown as Record<string, string>;
      if (view === 'invoice' && needs.openInvoicesOf.has(record.clientId as string)) return true;
      if (view === 'accessGrant') return needs.keys.accessGrant.has(`${record.clientId}\u0000${record.network}\u0000${record.account}`);
      const field = keyOf(view);
      return field !== undefined && needs.keys[view].has(record[field] as string);
    });

    const outcomes = project(full, ...batch);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(project(partial, ...batch)).toEqual(outcomes);
    expect(partial.changes()).toEqual(full.changes());
  });
});
