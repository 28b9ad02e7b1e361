import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { parseEvent } from '../ledger/parse-event.ts';
import { assessClient, type ClientAssessment } from './assess-client.ts';
import { asOf, replayClient } from './replay.ts';
import { defaultRules } from './rules.ts';

const C1 = 'c1' as ClientId;

/** One event as an import would parse it; a builder mistake throws here, not in an assertion. */
function ev(id: string, type: string, at: string, data: Record<string, unknown>): LedgerEvent {
  const result = parseEvent({ id, type, at, data });
  if (!result.ok) throw new Error(`test event ${id} is invalid: ${result.reason}`);
  return result.event;
}
const dkk = (amount: string) => ({ amount, currency: 'DKK' });

const workspace = ev('w', 'workspace.configured', '2025-12-01T09:00:00Z', {
  name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: dkk('650.00'),
});
const aClient = (jurisdiction?: string) => ev('c', 'client.added', '2025-12-01T10:00:00Z', {
  clientId: 'c1', name: 'Oak & Ivy', locale: 'da', currency: 'DKK', contacts: [{ name: 'Kim', email: 'kim@oak.example' }],
  ...(jurisdiction ? { jurisdiction } : {}),
});
const aContract = (contractId: string, startDate: string, at: string) => ev(`k_${contractId}`, 'contract.signed', at, {
  contractId, clientId: 'c1', startDate, networks: ['instagram', 'linkedin'], fee: { amount: '8000.00', currency: 'DKK', cycle: 'monthly' },
  paymentTerms: { dueDayOfMonth: 1 }, feedbackDays: 3, approval: { mode: 'per-item', windowDays: 5, deemedApproval: true },
  stopWorkAfterDays: 14, lateInterest: 'statutory',
});

function assess(events: readonly LedgerEvent[], date: string): ClientAssessment | undefined {
  const when = asOf(date as IsoDate, 'Europe/Copenhagen');
  const history = replayClient(C1, events, when);
  return assessClient(history, { when, workspace: history.state.workspace, rules: defaultRules, calendarFor: businessCalendar });
}

/**
 * A few months of one client, touching every signal. Several events share an instant, so only
 * the order replay imposes (time, then id) decides between them; the ids deliberately do not
 * follow the order of this list.
 */
const history: LedgerEvent[] = [
  workspace, aClient(), aContract('k1', '2026-01-01', '2025-12-15T10:00:00Z'),
  ev('g1', 'access.granted', '2026-01-05T09:00:00Z', { clientId: 'c1', network: 'instagram', account: '@oak', level: 'full' }),
  ev('g2', 'access.granted', '2026-01-05T09:00:00Z', { clientId: 'c1', network: 'linkedin', account: 'oak', level: 'partial' }),
  ev('z01', 'deliverable.created', '2026-02-02T09:00:00Z', { deliverableId: 'd1', clientId: 'c1', network: 'instagram', title: 'Spring post' }),
  ev('a01', 'deliverable.created', '2026-02-02T09:00:00Z', { deliverableId: 'd2', clientId: 'c1', network: 'linkedin', title: 'Hiring post' }),
  ev('m05', 'request.sent', '2026-02-03T09:00:00Z', { requestId: 'req_appr', clientId: 'c1', kind: 'approval', subject: 'Approve d1', dueDate: '2026-02-06', deliverableId: 'd1' }),
  ev('m04', 'deliverable.revised', '2026-02-04T09:00:00Z', { deliverableId: 'd1', round: 1, changeChars: 12, requestedBy: 'client' }),
  ev('m03', 'deliverable.revised', '2026-02-04T09:00:00Z', { deliverableId: 'd1', round: 2, changeChars: 300, requestedBy: 'us' }),
  ev('m02', 'deliverable.revised', '2026-02-05T09:00:00Z', { deliverableId: 'd2', round: 1, changeChars: 5, requestedBy: 'client' }),
  ev('q1', 'request.answered', '2026-02-12T09:00:00Z', { requestId: 'req_appr', channel: 'portal', verdict: 'approved' }),
  ev('r9', 'request.sent', '2026-03-02T09:00:00Z', { requestId: 'req_late', clientId: 'c1', kind: 'feedback', subject: 'Plan', dueDate: '2026-03-05' }),
  ev('r8', 'request.sent', '2026-03-02T09:00:00Z', { requestId: 'req_open', clientId: 'c1', kind: 'information', subject: 'Logo', dueDate: '2026-03-06' }),
  ev('r7', 'request.sent', '2026-03-02T09:00:00Z', { requestId: 'req_gone', clientId: 'c1', kind: 'access', subject: 'TikTok', dueDate: '2026-03-06' }),
  ev('r6', 'request.withdrawn', '2026-03-04T09:00:00Z', { requestId: 'req_gone', reason: 'not needed' }),
  ev('r5', 'request.answered', '2026-03-16T09:00:00Z', { requestId: 'req_late', channel: 'email' }),
  ev('r0', 'request.answered', '2026-03-01T09:00:00Z', { requestId: 'req_open', channel: 'phone' }), // before its request: an anomaly
  ev('i1', 'invoice.issued', '2026-01-20T08:00:00Z', { invoiceId: 'inv_1', clientId: 'c1', number: '1', issueDate: '2026-01-20', dueDate: '2026-02-01', total: dkk('8000.00') }),
  ev('i2', 'invoice.issued', '2026-02-20T08:00:00Z', { invoiceId: 'inv_2', clientId: 'c1', number: '2', issueDate: '2026-02-20', dueDate: '2026-03-01', total: dkk('8000.00') }),
  ev('p1', 'payment.received', '2026-02-20T08:00:00Z', { paymentId: 'pay_1', clientId: 'c1', date: '2026-02-20', amount: dkk('8000.00') }), // same instant as inv_2
  ev('i3', 'invoice.issued', '2026-03-20T08:00:00Z', { invoiceId: 'inv_3', clientId: 'c1', number: '3', issueDate: '2026-03-20', dueDate: '2026-04-01', total: dkk('8000.00') }),
  ev('p2', 'payment.received', '2026-03-25T10:00:00Z', { paymentId: 'pay_2', clientId: 'c1', date: '2026-03-25', amount: dkk('6000.00'), invoiceIds: ['inv_3'] }),
  ev('x3', 'invoice.credited', '2026-04-03T10:00:00Z', { invoiceId: 'inv_2', amount: dkk('500.00'), reason: 'late post' }),
  ev('t1', 'time.logged', '2026-02-10T15:00:00Z', { clientId: 'c1', date: '2026-02-10', minutes: 480, kind: 'work' }),
  ev('t2', 'time.logged', '2026-02-10T15:00:00Z', { clientId: 'c1', date: '2026-02-10', minutes: 90, kind: 'approvals' }),
  ev('t3', 'time.logged', '2026-03-11T15:00:00Z', { clientId: 'c1', date: '2026-03-11', minutes: 45, kind: 'chasing' }),
  ev('s1', 'message.sent', '2026-03-10T09:00:00Z', { messageId: 'msg_1', clientId: 'c1', channel: 'email', subject: 'Reminder', requestId: 'req_late', actionKey: 'c1/request/req_late/reminder-1' }),
  ev('s2', 'message.received', '2026-03-16T09:00:00Z', { messageId: 'msg_2', clientId: 'c1', channel: 'email', subject: 'Re: Plan', requestId: 'req_late' }),
  ev('v1', 'access.revoked', '2026-04-02T09:00:00Z', { clientId: 'c1', network: 'instagram', account: '@oak' }),
  ev('w1', 'work.paused', '2026-04-16T07:00:00Z', { clientId: 'c1', reason: 'inv_2 unpaid' }),
  ev('w2', 'work.resumed', '2026-04-20T07:00:00Z', { clientId: 'c1', reason: 'talks' }),
  ev('n1', 'incident.noted', '2026-04-20T07:00:00Z', { clientId: 'c1', severity: 'medium', summary: 'Shouted at the intern' }),
];

describe('assessing one client', () => {
  it('gives the same assessment, to the byte, whatever order the events were imported in', () => {
    const dates = ['2026-02-20', '2026-03-06', '2026-04-17', '2026-06-30'];
    const expected = new Map(dates.map((date) => [date, JSON.stringify(assess(history, date))]));
    fc.assert(fc.property(
      fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }), fc.constantFrom(...dates),
      (imported, date) => {
        expect(JSON.stringify(assess(imported, date))).toBe(expected.get(date));
      }), { numRuns: 150 });
  });

  it('reports the events it could not apply in time order', () => {
    expect(assess(history, '2026-06-30')?.anomalies).toEqual([{ eventId: 'r0', reason: expect.stringContaining('req_open') }]);
  });

  it('has nothing to say about a client not yet on record', () => {
    expect(assess([workspace], '2026-06-30')).toBeUndefined();
    expect(assess([workspace, aClient()], '2025-11-30')).toBeUndefined();
  });

  it('counts business days on the client\'s own jurisdiction, else the workspace\'s', () => {
    // Due Wednesday 1 April 2026, answered Tuesday 7 April. Denmark keeps Skærtorsdag, Langfredag and
    // Anden påskedag (1 business day late); England keeps Good Friday and Easter Monday only (2).
    const late = (client: LedgerEvent) => assess([
      workspace, client,
      ev('r1', 'request.sent', '2026-03-30T09:00:00Z', { requestId: 'req_1', clientId: 'c1', kind: 'feedback', subject: 'Plan', dueDate: '2026-04-01' }),
      ev('r2', 'request.answered', '2026-04-07T09:00:00Z', { requestId: 'req_1', channel: 'email' }),
    ], '2026-04-30')?.signals.responsiveness.considered[0]?.businessDaysLate;

    expect(late(aClient())).toBe(1);
    expect(late(aClient('GB'))).toBe(2);
  });

  it('weighs the contract in force on the assessment date', () => {
    const events = [
      workspace, aClient(), aContract('k1', '2026-01-01', '2025-12-15T10:00:00Z'),
      ev('e1', 'contract.ended', '2026-03-20T10:00:00Z', { contractId: 'k1', endDate: '2026-03-31' }),
      aContract('k2', '2026-04-01', '2026-03-21T10:00:00Z'),
    ];

    expect(assess(events, '2026-02-15')?.contract?.contractId).toBe('k1');
    expect(assess(events, '2026-03-31')?.contract?.contractId).toBe('k1');
    expect(assess(events, '2026-04-01')?.contract?.contractId).toBe('k2');
  });
});

describe('a contract amended from a date (#12)', () => {
  // Net 14 days, work stops 30 days past due; from 20 March, 7 days, and approvals are deemed
  // given after 2 business days instead of 5. Amended on 10 March, ahead of the date.
  const signed = ev('k', 'contract.signed', '2026-01-02T10:00:00Z', {
    contractId: 'k1', clientId: 'c1', startDate: '2026-01-01', networks: ['instagram'], fee: { amount: '8000.00', currency: 'DKK', cycle: 'monthly' },
    paymentTerms: { netDays: 14 }, feedbackDays: 3, approval: { mode: 'per-item', windowDays: 5, deemedApproval: true },
    stopWorkAfterDays: 30, lateInterest: 'statutory',
  });
  const amended = ev('a', 'contract.amended', '2026-03-10T10:00:00Z', {
    contractId: 'k1', effectiveDate: '2026-03-20', stopWorkAfterDays: 7, approval: { mode: 'per-item', windowDays: 2, deemedApproval: true }, note: 'Agreed after the February delays',
  });
  const invoice = ev('i', 'invoice.issued', '2026-02-15T10:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '1', issueDate: '2026-02-15', dueDate: '2026-03-01', total: dkk('8000.00') });
  const events = [workspace, aClient(), signed, amended, invoice];
  const kinds = (date: string) => assess(events, date)?.actions.map((a) => a.kind);

  it('plans stop-work by the old terms the day before the effective date, by the new ones from it', () => {
    expect(assess(events, '2026-03-19')?.contract?.stopWorkAfterDays).toBe(30);
    expect(kinds('2026-03-19')).not.toContain('work.pause');
    expect(assess(events, '2026-03-20')?.contract?.stopWorkAfterDays).toBe(7);
    expect(kinds('2026-03-20')).toContain('work.pause');
    expect(kinds('2026-03-25')).toContain('work.pause');
    expect(assess(events, '2026-03-20')?.stage).toBe('escalated');
  });

  it('takes silence as approval after the amended window only from the effective date', () => {
    // Sent Monday 16 March, due Wednesday 18: the old window (5 business days) ends 23 March, the new one (2) on 18 March.
    const approval = ev('r', 'request.sent', '2026-03-16T09:00:00Z', { requestId: 'a1', clientId: 'c1', kind: 'approval', subject: 'April posts', dueDate: '2026-03-18' });
    const withApproval = [...events, approval];
    expect(assess(withApproval, '2026-03-19')?.actions.filter((a) => a.subject === 'a1').map((a) => a.kind)).toEqual(['request.reminder']);
    expect(assess(withApproval, '2026-03-20')?.actions.filter((a) => a.subject === 'a1').map((a) => a.kind)).toEqual(['request.deemed-approved']);
  });
});
