import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { assessClient } from './assess-client.ts';
import type { ControlSignals } from './control.ts';
import { asOf, replayClient } from './replay.ts';
import { defaultRules } from './rules.ts';
import { dkk, ev } from '../../../test/support/ledger-events.ts';

const C1 = 'c1' as ClientId;


/** A DK workspace in Copenhagen with one client, c1, whose contract covers four networks. */
const setup = () => [
  ev('workspace.configured', '2025-12-01T09:00:00Z', {
    name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: dkk('650.00'),
  }),
  ev('client.added', '2025-12-01T10:00:00Z', { clientId: 'c1', name: 'Oak & Ivy', locale: 'da', currency: 'DKK', contacts: [] }),
  ev('contract.signed', '2025-12-15T10:00:00Z', {
    contractId: 'k1', clientId: 'c1', startDate: '2026-01-01', networks: ['instagram', 'facebook', 'linkedin', 'tiktok'],
    fee: { amount: '8000.00', currency: 'DKK', cycle: 'monthly' }, paymentTerms: { dueDayOfMonth: 1 }, feedbackDays: 3,
    approval: { mode: 'per-item' }, stopWorkAfterDays: 14, lateInterest: 'statutory',
  }),
];
const deliverable = (deliverableId: string, at = '2026-05-04T09:00:00Z') =>
  ev('deliverable.created', at, { deliverableId, clientId: 'c1', network: 'instagram', title: `Post ${deliverableId}` });
const revision = (deliverableId: string, round: number, changeChars: number, requestedBy: 'client' | 'us' = 'client') =>
  ev('deliverable.revised', `2026-05-${String(5 + round).padStart(2, '0')}T09:00:00Z`, { deliverableId, round, changeChars, requestedBy });
const approvalRequest = (requestId: string, deliverableId: string | undefined, sentOn = '2026-05-06') =>
  ev('request.sent', `${sentOn}T09:00:00Z`, {
    requestId, clientId: 'c1', kind: 'approval', subject: 'Please approve', dueDate: '2026-05-08', ...(deliverableId ? { deliverableId } : {}),
  });
const logged = (date: string, minutes: number, kind: 'work' | 'chasing' | 'approvals' | 'admin') =>
  ev('time.logged', `${date}T15:00:00Z`, { clientId: 'c1', date, minutes, kind });
const access = (type: 'access.granted' | 'access.revoked' | 'access.handedOver', network: string, at: string, level?: 'full' | 'partial') =>
  ev(type, at, { clientId: 'c1', network, account: `@oak-${network}`, ...(level ? { level } : {}) });

function control(events: readonly LedgerEvent[], date = '2026-06-30'): ControlSignals {
  const when = asOf(date as IsoDate, 'Europe/Copenhagen');
  const history = replayClient(C1, [...setup(), ...events], when);
  const assessment = assessClient(history, { when, workspace: history.state.workspace, rules: defaultRules, calendarFor: businessCalendar });
  if (!assessment) throw new Error('c1 is not on record');
  return assessment.signals.control;
}

describe('the approval load a client puts on us', () => {
  it('counts a client revision that changed fewer than 40 characters as trivial, and one of 40 as not', () => {
    const signals = control([deliverable('d1'), revision('d1', 1, 39), revision('d1', 2, 40), revision('d1', 3, 0)]);

    expect(signals.deliverables).toEqual([{ deliverableId: 'd1', clientRounds: 3, trivialClientRounds: 2, approvalRequests: 0 }]);
    expect(signals.trivialShare).toBeCloseTo(2 / 3, 10);
  });

  it('counts only the revision rounds the client asked for', () => {
    const signals = control([deliverable('d1'), revision('d1', 1, 5, 'us'), revision('d1', 2, 12, 'us'), revision('d1', 3, 3, 'client')]);

    expect(signals).toMatchObject({ clientRounds: 1, trivialClientRounds: 1, trivialShare: 1, clientRoundsPerDeliverable: 1 });
  });

  it('weighs the deliverables created in the last 120 days, by the Copenhagen calendar date', () => {
    // As of 30 June 2026 the window opens on 3 March.
    const signals = control([
      deliverable('d_in', '2026-03-02T23:30:00Z'), // 00:30 on 3 March in Copenhagen
      deliverable('d_out', '2026-03-02T22:30:00Z'), // 23:30 on 2 March in Copenhagen
      revision('d_in', 1, 10), revision('d_out', 1, 10), revision('d_out', 2, 10),
    ]);

    expect(signals.deliverables.map((d) => d.deliverableId)).toEqual(['d_in']);
    expect(signals.trivialClientRounds).toBe(1);
  });

  it('counts approval requests per deliverable', () => {
    const signals = control([
      deliverable('d1'), deliverable('d2'),
      approvalRequest('req_1', 'd1'), approvalRequest('req_2', 'd1', '2026-05-07'), approvalRequest('req_3', 'd2'),
    ]);

    expect(signals.deliverables.map((d) => [d.deliverableId, d.approvalRequests])).toEqual([['d1', 2], ['d2', 1]]);
    expect(signals.approvalRequestsPerDeliverable).toBe(1.5);
  });

  it('takes the share of the time logged in the window that went on approvals', () => {
    const signals = control([
      logged('2026-05-04', 300, 'work'), logged('2026-05-05', 200, 'approvals'), logged('2026-05-06', 100, 'chasing'),
      logged('2026-02-02', 600, 'approvals'), // before the window
    ]);

    expect(signals.approvalTimeShare).toBeCloseTo(200 / 600, 10);
  });

  it('lists the contracted networks on which we hold no full access', () => {
    const signals = control([
      access('access.granted', 'instagram', '2026-01-05T09:00:00Z', 'full'),
      access('access.granted', 'facebook', '2026-01-05T09:00:00Z', 'partial'),
      access('access.granted', 'linkedin', '2026-01-05T09:00:00Z', 'full'),
      access('access.revoked', 'linkedin', '2026-04-01T09:00:00Z'),
      access('access.granted', 'tiktok', '2026-01-05T09:00:00Z', 'full'),
      access('access.handedOver', 'tiktok', '2026-05-01T09:00:00Z'),
    ]);

    expect(signals.networksWithoutFullAccess).toEqual(['facebook', 'linkedin', 'tiktok']);
  });
});
