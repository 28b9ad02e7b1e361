import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { parseEvent } from '../ledger/parse-event.ts';
import { assessClient } from '../assess/assess-client.ts';
import { asOf, replayClient, replayWorkspace } from '../assess/replay.ts';
import { defaultRules } from '../assess/rules.ts';
import { clientInsights } from './client-insights.ts';
import { clientOverview } from './client-overview.ts';

let n = 0;
function event(type: string, at: string, data: Record<string, unknown>): LedgerEvent {
  const parsed = parseEvent({ id: `e${++n}`, type, at, data });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}
const dkk = (amount: string) => ({ amount, currency: 'DKK' });

const workspace = [event('workspace.configured', '2026-01-01T08:00:00Z', {
  name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: dkk('600.00'),
})];
const history = [
  event('client.added', '2026-01-02T08:00:00Z', { clientId: 'c1', name: 'Acme', locale: 'en', contacts: [{ name: 'Kim', email: 'kim@acme.example' }] }),
  event('contract.signed', '2026-01-02T09:00:00Z', {
    contractId: 'k1', clientId: 'c1', startDate: '2026-01-01', networks: ['instagram'], fee: { ...dkk('6000.00'), cycle: 'monthly' },
    paymentTerms: { dueDayOfMonth: 1 }, feedbackDays: 3, approval: { mode: 'batch', windowDays: 5, deemedApproval: true }, stopWorkAfterDays: 30,
    lateInterest: { ratePct: '8.00' },
  }),
  event('invoice.issued', '2026-04-20T09:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '1', issueDate: '2026-04-20', dueDate: '2026-05-01', total: dkk('6000.00') }),
  event('payment.received', '2026-05-04T09:00:00Z', { paymentId: 'p1', clientId: 'c1', date: '2026-05-04', amount: dkk('6000.00') }),
  event('invoice.issued', '2026-05-20T09:00:00Z', { invoiceId: 'i2', clientId: 'c1', number: '2', issueDate: '2026-05-20', dueDate: '2026-06-01', total: dkk('6000.00') }),
  event('time.logged', '2026-05-29T15:00:00Z', { clientId: 'c1', date: '2026-05-29', minutes: 600, kind: 'work' }),
  event('time.logged', '2026-05-29T15:00:00Z', { clientId: 'c1', date: '2026-05-29', minutes: 60, kind: 'chasing' }),
  event('deliverable.created', '2026-05-04T09:00:00Z', { deliverableId: 'd1', clientId: 'c1', title: 'May posts', network: 'instagram' }),
  event('deliverable.revised', '2026-05-05T09:00:00Z', { deliverableId: 'd1', round: 1, changeChars: 300, requestedBy: 'client' }),
  event('deliverable.revised', '2026-05-06T09:00:00Z', { deliverableId: 'd1', round: 2, changeChars: 40, requestedBy: 'us' }),
  event('request.sent', '2026-06-01T08:00:00Z', { requestId: 'r1', clientId: 'c1', kind: 'approval', subject: 'June plan', dueDate: '2026-06-04', deliverableId: 'd1' }),
  event('access.granted', '2026-01-03T09:00:00Z', { clientId: 'c1', network: 'instagram', account: '@acme', level: 'full' }),
  event('access.granted', '2026-01-03T09:00:00Z', { clientId: 'c1', network: 'facebook', account: 'Acme', level: 'partial' }),
  event('access.revoked', '2026-03-03T09:00:00Z', { clientId: 'c1', network: 'facebook', account: 'Acme' }),
];

function insightsOn(date: string, more: readonly LedgerEvent[] = []) {
  const when = asOf(date as IsoDate, 'Europe/Copenhagen');
  const replayed = replayClient('c1' as ClientId, [...history, ...more], when);
  const assessment = assessClient(replayed, { when, workspace: replayWorkspace(workspace, when), rules: defaultRules, calendarFor: businessCalendar });
  if (!assessment) throw new Error('no client');
  return { insights: clientInsights(replayed, assessment, businessCalendar('DK'), when), overview: clientOverview(replayed, assessment, businessCalendar('DK'), when) };
}

describe('clientInsights', () => {
  const { insights, overview } = insightsOn('2026-06-10');

  it('gives the contract in the terms it was signed in', () => {
    expect(insights.contracts).toEqual([{
      contractId: 'k1', startDate: '2026-01-01', endDate: null, networks: ['instagram'], fee: { minor: 600_000, currency: 'DKK', cycle: 'monthly' },
      paymentTerms: { dueDayOfMonth: 1 }, feedbackDays: 3, approval: { mode: 'batch', windowDays: 5, deemedApproval: true },
      stopWorkAfterDays: 30, lateInterest: { ratePct: '8.00' }, reminderFees: false, amendments: [],
    }]);
  });

  it('gives the terms in force on the day, and every amendment with its date, its changes and its note (#12)', () => {
    const amend = (at: string, data: Record<string, unknown>) => event('contract.amended', at, { contractId: 'k1', ...data });
    const amendments = [
      amend('2026-05-10T09:00:00Z', { effectiveDate: '2026-06-01', stopWorkAfterDays: 7, approval: { mode: 'per-item' }, reminderFees: true, note: 'After the May delays' }),
      amend('2026-06-05T09:00:00Z', { effectiveDate: '2026-07-01', fee: { ...dkk('6500.00'), cycle: 'monthly' } }),
    ];
    const [contract] = insightsOn('2026-06-10', amendments).insights.contracts;
    expect(contract).toMatchObject({ stopWorkAfterDays: 7, approval: { mode: 'per-item', windowDays: null, deemedApproval: false }, reminderFees: true, fee: { minor: 600_000 } });
    expect(contract?.amendments).toEqual([
      { effectiveDate: '2026-06-01', changes: { stopWorkAfterDays: 7, approval: { mode: 'per-item', windowDays: null, deemedApproval: false }, reminderFees: true }, note: 'After the May delays' },
      { effectiveDate: '2026-07-01', changes: { fee: { minor: 650_000, currency: 'DKK', cycle: 'monthly' } }, note: null },
    ]);
    expect(insightsOn('2026-05-31', amendments).insights.contracts[0]).toMatchObject({ stopWorkAfterDays: 30, reminderFees: false });
    expect(insightsOn('2026-07-01', amendments).insights.contracts[0]).toMatchObject({ fee: { minor: 650_000 } });
  });

  it('tells granted from revoked access', () => {
    expect(insights.access).toEqual([
      { network: 'facebook', account: 'Acme', level: 'partial', status: 'revoked' },
      { network: 'instagram', account: '@acme', level: 'full', status: 'granted' },
    ]);
  });

  it('counts rounds of revisions, and those the client asked for', () => {
    expect(insights.deliverables).toEqual([{ deliverableId: 'd1', title: 'May posts', network: 'instagram', rounds: 2, clientRounds: 1, published: false }]);
  });

  it('breaks the economics down by kind of time, and by what was invoiced and paid in the window', () => {
    expect(insights.economics.minutesByKind).toEqual({ work: 600, chasing: 60, approvals: 0, admin: 0 });
    expect(insights.economics.invoiced).toEqual([{ minor: 1_200_000, currency: 'DKK' }]);
    expect(insights.economics.paid).toEqual([{ minor: 600_000, currency: 'DKK' }]);
    // 12,000.00 over 11 hours
    expect(insights.economics.effectiveHourlyRate).toEqual({ minor: 109_091, currency: 'DKK' });
    expect(insights.economics.worthIt).toBe(true);
  });

  it('puts the invoices and their days late beside the requests and their waits', () => {
    expect(insights.invoices.map((i) => [i.invoiceId, i.daysLate, i.open])).toEqual([['i1', 3, false], ['i2', 9, true]]);
    expect(insights.daysLateTrend).toEqual({ slope: 6, intercept: 3 });
    // Sent Monday 1 June; the business days after it up to Wednesday 10 June are 2–5 and 8–10 June.
    expect(insights.requests).toMatchObject([{ requestId: 'r1', deliverableId: 'd1', waitingBusinessDays: 7, responseBusinessDays: null }]);
  });

  it('sums the same figures into the dashboard line', () => {
    expect(overview).toMatchObject({
      clientId: 'c1', name: 'Acme', offboarded: false, overdue: [{ minor: 600_000, currency: 'DKK' }], waitingBusinessDays: 7, openRequests: 1,
    });
  });

  it('answers as of an earlier day with the history as it then stood', () => {
    const earlier = insightsOn('2026-05-02').insights;
    expect(earlier.invoices.map((i) => [i.invoiceId, i.daysLate, i.open])).toEqual([['i1', 1, true]]);
    expect(earlier.requests).toEqual([]);
    expect(earlier.daysLateTrend).toBeNull();
  });
});
