import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { asOf, replayClient } from '../assess/replay.ts';
import { dkk, ev } from '../../../test/support/ledger-events.ts';
import { offboardingStatus, overdueOwed, phraseText, type OffboardingStatus } from './checklist.ts';
import { finalReportActionKey, readOffboarding, terminationActionKey } from './record.ts';

const CPH = 'Europe/Copenhagen';
const setup = () => [
  ev('workspace.configured', '2026-01-01T09:00:00Z', { name: 'Studio', currency: 'DKK', locale: 'da', timezone: CPH, jurisdiction: 'DK', targetHourlyRate: dkk('650.00') }),
  ev('client.added', '2026-01-01T10:00:00Z', { clientId: 'c1', name: 'Oak & Ivy', locale: 'da', currency: 'DKK', contacts: [] }),
  ev('access.granted', '2026-01-02T10:00:00Z', { clientId: 'c1', network: 'instagram', account: '@oak', level: 'full' }),
  ev('access.granted', '2026-01-02T10:05:00Z', { clientId: 'c1', network: 'facebook', account: 'oakivy', level: 'full' }),
  ev('invoice.issued', '2026-10-01T10:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '2026-10', issueDate: '2026-10-01', dueDate: '2026-10-15', total: dkk('1000.00') }),
  ev('request.sent', '2026-11-02T10:00:00Z', { requestId: 'r1', clientId: 'c1', kind: 'feedback', subject: 'Plan for December', dueDate: '2026-11-05' }),
];
const start = (reason = 'payment') => ev('offboarding.started', '2026-11-20T10:00:00Z', { clientId: 'c1', reason });

function statusOf(events: readonly LedgerEvent[], date = '2026-11-27', terminationLetter: string | null = null): OffboardingStatus {
  const when = asOf(date as IsoDate, CPH);
  const counted = events.filter((e) => e.at < when.cutoff);
  return offboardingStatus({ history: replayClient('c1' as ClientId, counted, when), record: readOffboarding('c1', counted), when, terminationLetter });
}
const stepOf = (status: OffboardingStatus, id: string) => status.steps.find((s) => s.id === id);

describe('the offboarding checklist', () => {
  it('asks for a reason first and blocks every other step until offboarding has started', () => {
    const status = statusOf(setup());
    expect(status.started).toBe(false);
    expect(status.steps.map((s) => [s.id, s.status])).toEqual([
      ['reason', 'pending'], ['access', 'blocked'], ['requests', 'blocked'], ['final-invoice', 'blocked'], ['final-report', 'blocked'], ['termination-letter', 'blocked'],
    ]);
    expect(status.ready).toBe(false);
  });

  it('blocks the handover while an invoice is overdue, naming the amount', () => {
    const status = statusOf([...setup(), start()]);
    expect(status.owed).toEqual([{ minor: 100_000, currency: 'DKK' }]);
    expect(status.handoverAllowed).toBe(false);
    expect(stepOf(status, 'access')).toMatchObject({ status: 'blocked', detail: expect.stringContaining('owes 1000.00 DKK overdue') });
  });

  it('says each step as a key with typed values (dates, money, codes), from which the English detail is made', () => {
    const status = statusOf([...setup(), start()]);
    expect(stepOf(status, 'reason')?.message).toEqual({ key: 'reason.done', values: { date: { date: '2026-11-20' }, reason: { code: 'payment', of: 'offboardingReason' } } });
    expect(stepOf(status, 'access')?.message).toEqual({
      key: 'access.blocked', values: { owed: { money: [{ minor: 100_000, currency: 'DKK' }] }, accounts: { list: ['instagram @oak', 'facebook oakivy'] } },
    });
    expect(stepOf(status, 'requests')?.message).toEqual({ key: 'requests.open', values: { count: 1, subjects: { list: ['"Plan for December"'] } } });
    expect(stepOf(status, 'final-invoice')?.message).toEqual({ key: 'finalInvoice.pending', values: { date: { date: '2026-11-20' } } });
    for (const s of status.steps) expect(s.detail).toBe(phraseText(s.message));
    expect(stepOf(status, 'requests')?.detail).toBe('1 open request to withdraw: "Plan for December".');
  });

  it('lets the accounts be handed over once the overdue invoice is paid', () => {
    const status = statusOf([...setup(), start(), ev('payment.received', '2026-11-21T10:00:00Z', { paymentId: 'p1', clientId: 'c1', date: '2026-11-21', amount: dkk('1000.00') })]);
    expect(status.owed).toEqual([]);
    expect(status.handoverAllowed).toBe(true);
    expect(stepOf(status, 'access')).toMatchObject({ status: 'pending', detail: 'To hand over: instagram @oak, facebook oakivy.' });
  });

  it('lets the accounts be handed over when a person overrides the payment rule, keeping the reason', () => {
    const status = statusOf([...setup(), start(), ev('access.handoverApproved', '2026-11-21T10:00:00Z', { clientId: 'c1', reason: 'instalment plan agreed' })]);
    expect(status.handoverAllowed).toBe(true);
    expect(status.override).toMatchObject({ reason: 'instalment plan agreed' });
    expect(stepOf(status, 'access')?.status).toBe('pending');
  });

  it('does not count an invoice that is open but not yet due as owed', () => {
    const notDue = ev('invoice.issued', '2026-11-25T10:00:00Z', { invoiceId: 'i2', clientId: 'c1', number: 'final', issueDate: '2026-11-25', dueDate: '2026-12-09', total: dkk('500.00') });
    const when = asOf('2026-11-27' as IsoDate, CPH);
    const state = replayClient('c1' as ClientId, [...setup(), notDue], when).state;
    expect(overdueOwed(state.all('invoice'), when.date)).toEqual([{ minor: 100_000, currency: 'DKK' }]);
  });

  it('is ready when every step is done or skipped with a reason', () => {
    const events = [
      ...setup(), start(),
      ev('payment.received', '2026-11-21T10:00:00Z', { paymentId: 'p1', clientId: 'c1', date: '2026-11-21', amount: dkk('1000.00') }),
      ev('access.handedOver', '2026-11-22T10:00:00Z', { clientId: 'c1', network: 'instagram', account: '@oak' }),
      ev('access.revoked', '2026-11-22T10:01:00Z', { clientId: 'c1', network: 'facebook', account: 'oakivy' }),
      ev('request.withdrawn', '2026-11-22T11:00:00Z', { requestId: 'r1', reason: 'offboarding' }),
      ev('invoice.issued', '2026-11-23T10:00:00Z', { invoiceId: 'i3', clientId: 'c1', number: '2026-11-final', issueDate: '2026-11-23', dueDate: '2026-12-07', total: dkk('700.00') }),
      ev('offboarding.stepSkipped', '2026-11-24T10:00:00Z', { clientId: 'c1', step: 'final-report', reason: 'the client declined it' }),
      ev('message.sent', '2026-11-25T10:00:00Z', { messageId: 'm1', clientId: 'c1', channel: 'email', subject: 'Afslutning', actionKey: terminationActionKey('c1') }),
    ];
    const status = statusOf(events);
    expect(status.steps.map((s) => [s.id, s.status])).toEqual([
      ['reason', 'done'], ['access', 'done'], ['requests', 'done'], ['final-invoice', 'done'], ['final-report', 'done'], ['termination-letter', 'done'],
    ]);
    expect(stepOf(status, 'final-report')).toMatchObject({ skipReason: 'the client declined it', detail: 'Skipped: the client declined it' });
    expect(stepOf(status, 'final-invoice')?.detail).toBe('Final invoice 2026-11-final issued on 2026-11-23.');
    expect(status.ready).toBe(true);
    expect(status.complete).toBe(false);
  });

  it('counts the final report as sent only from a message with its action key', () => {
    const other = ev('message.sent', '2026-11-25T10:00:00Z', { messageId: 'm1', clientId: 'c1', channel: 'email', subject: 'Report' });
    expect(stepOf(statusOf([...setup(), start(), other]), 'final-report')?.status).toBe('pending');
    const report = ev('message.sent', '2026-11-25T10:00:00Z', { messageId: 'm2', clientId: 'c1', channel: 'email', subject: 'Report', actionKey: finalReportActionKey('c1') });
    expect(stepOf(statusOf([...setup(), start(), report]), 'final-report')?.status).toBe('done');
  });

  it('says where the termination letter stands in the outbox until it is sent', () => {
    expect(stepOf(statusOf([...setup(), start()], '2026-11-27', 'approved'), 'termination-letter')).toMatchObject({ status: 'pending', detail: expect.stringContaining('in the outbox (approved)') });
  });

  it('reads an offboarding as of a day: before its start the client is not offboarding', () => {
    expect(statusOf([...setup(), start()], '2026-11-19').started).toBe(false);
    expect(statusOf([...setup(), start()], '2026-11-20').started).toBe(true);
  });
});
