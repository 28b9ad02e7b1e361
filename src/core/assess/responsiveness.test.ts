import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { assessClient } from './assess-client.ts';
import { asOf, replayClient } from './replay.ts';
import type { Responsiveness } from './responsiveness.ts';
import { defaultRules } from './rules.ts';
import { ev } from '../../../test/support/ledger-events.ts';

const C1 = 'c1' as ClientId;


/** A DK workspace in Copenhagen with one client, c1, who takes the workspace's calendar. */
const setup = () => [
  ev('workspace.configured', '2025-12-01T09:00:00Z', {
    name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK',
    targetHourlyRate: { amount: '650.00', currency: 'DKK' },
  }),
  ev('client.added', '2025-12-01T10:00:00Z', { clientId: 'c1', name: 'Oak & Ivy', locale: 'da', contacts: [] }),
];
/** A request sent at 09:00 UTC on `sentOn` (10:00 or 11:00 in Copenhagen). */
const request = (requestId: string, sentOn: string, dueDate: string) =>
  ev('request.sent', `${sentOn}T09:00:00Z`, { requestId, clientId: 'c1', kind: 'feedback', subject: 'Content plan', dueDate });
const answer = (requestId: string, at: string) => ev('request.answered', at, { requestId, channel: 'email' });
const withdraw = (requestId: string, at: string) => ev('request.withdrawn', at, { requestId, reason: 'no longer needed' });

function responsiveness(events: readonly LedgerEvent[], date: string): Responsiveness {
  const when = asOf(date as IsoDate, 'Europe/Copenhagen');
  const history = replayClient(C1, [...setup(), ...events], when);
  const assessment = assessClient(history, { when, workspace: history.state.workspace, rules: defaultRules, calendarFor: businessCalendar });
  if (!assessment) throw new Error('c1 is not on record');
  return assessment.signals.responsiveness;
}
const wait = (signals: Responsiveness, requestId: string) => signals.considered.find((r) => r.requestId === requestId);

describe('responsiveness', () => {
  it('counts business days late on the Danish calendar, skipping the weekend and the Easter holidays', () => {
    // Due Friday 27 March 2026, answered Tuesday 7 April: 11 calendar days, but the weekend,
    // Skærtorsdag, Langfredag, the Easter weekend and Anden påskedag leave 4 business days.
    const signals = responsiveness([request('req_1', '2026-03-23', '2026-03-27'), answer('req_1', '2026-04-07T09:00:00Z')], '2026-04-30');

    expect(wait(signals, 'req_1')).toMatchObject({ status: 'late', answeredOn: '2026-04-07', businessDaysLate: 4 });
    expect(signals.late).toBe(1);
  });

  it('counts an answer late in the evening of the due date, Copenhagen time, as on time', () => {
    const signals = responsiveness([
      request('req_evening', '2026-03-02', '2026-03-05'),
      answer('req_evening', '2026-03-05T22:30:00Z'), // 23:30 on 5 March in Copenhagen
      request('req_after_midnight', '2026-03-02', '2026-03-05'),
      answer('req_after_midnight', '2026-03-05T23:30:00Z'), // 00:30 on Friday 6 March in Copenhagen
    ], '2026-03-31');

    expect(wait(signals, 'req_evening')).toMatchObject({ status: 'on-time', businessDaysLate: 0 });
    expect(wait(signals, 'req_after_midnight')).toMatchObject({ status: 'late', answeredOn: '2026-03-06', businessDaysLate: 1 });
    expect(signals.shareOnTime).toBe(0.5);
  });

  it('counts a request still open past its due date as late up to the assessment date', () => {
    // Due Thursday 5 March; on Thursday 12 March five business days have passed since.
    const signals = responsiveness([request('req_1', '2026-03-02', '2026-03-05')], '2026-03-12');

    expect(wait(signals, 'req_1')).toMatchObject({ status: 'open-overdue', answeredOn: null, businessDaysLate: 5, responseBusinessDays: null });
    expect(signals.openOverdue).toBe(1);
    expect(signals.longestWaitBusinessDays).toBe(5);
  });

  it('leaves out requests withdrawn before their due date and requests not yet due', () => {
    const signals = responsiveness([
      request('req_withdrawn', '2026-03-02', '2026-03-05'),
      withdraw('req_withdrawn', '2026-03-04T09:00:00Z'),
      request('req_due_today', '2026-03-09', '2026-03-12'),
      request('req_due_later', '2026-03-10', '2026-03-20'),
      request('req_answered', '2026-03-02', '2026-03-04'),
      answer('req_answered', '2026-03-03T09:00:00Z'),
    ], '2026-03-12');

    expect(signals.considered.map((r) => r.requestId)).toEqual(['req_answered']);
    expect(signals).toMatchObject({ onTime: 1, late: 0, openOverdue: 0, shareOnTime: 1 });
  });

  it('holds a request withdrawn before any answer against the client only until we withdrew it', () => {
    // Due Thursday 5 March, we stopped waiting on Tuesday 10 March: three business days of silence
    // count; a reply that comes weeks later was not something we were waiting for.
    const signals = responsiveness([
      request('req_withdrawn', '2026-03-02', '2026-03-05'),
      withdraw('req_withdrawn', '2026-03-10T09:00:00Z'),
      answer('req_withdrawn', '2026-04-20T09:00:00Z'),
    ], '2026-04-30');

    expect(signals.considered).toEqual([expect.objectContaining({ requestId: 'req_withdrawn', status: 'late', answeredOn: null, businessDaysLate: 3 })]);
  });

  it('does not count a request withdrawn before its due date', () => {
    const signals = responsiveness([
      request('req_early', '2026-03-02', '2026-03-05'),
      withdraw('req_early', '2026-03-04T09:00:00Z'),
    ], '2026-04-30');

    expect(signals.considered).toEqual([]);
  });

  it('splits the business days a late request blocked over the months they fell in', () => {
    const signals = responsiveness([
      // Due Friday 27 March, answered Wednesday 8 April: 30–31 March, then 1, 7 and 8 April (Easter in between).
      request('req_easter', '2026-03-23', '2026-03-27'),
      answer('req_easter', '2026-04-08T09:00:00Z'),
      // Due Tuesday 28 April and still open on Wednesday 6 May: 29–30 April, then 1, 4, 5 and 6 May.
      request('req_open', '2026-04-21', '2026-04-28'),
    ], '2026-05-06');

    expect(signals.blockedBusinessDaysByMonth).toEqual({ '2026-03': 2, '2026-04': 5, '2026-05': 4 });
    expect(wait(signals, 'req_easter')?.businessDaysLate).toBe(5);
    expect(wait(signals, 'req_open')?.businessDaysLate).toBe(6);
  });

  it('takes the median response time, in business days, of the answered requests only', () => {
    const signals = responsiveness([
      request('req_fast', '2026-03-02', '2026-03-05'), answer('req_fast', '2026-03-03T09:00:00Z'), // 1 business day
      request('req_mid', '2026-03-06', '2026-03-11'), answer('req_mid', '2026-03-11T09:00:00Z'), // Fri → Wed: 3
      request('req_slow', '2026-03-09', '2026-03-12'), answer('req_slow', '2026-03-23T09:00:00Z'), // 10
      request('req_open', '2026-03-02', '2026-03-04'), // open: no response time
    ], '2026-03-31');

    expect(signals.considered.map((r) => [r.requestId, r.responseBusinessDays])).toEqual([
      ['req_open', null], ['req_fast', 1], ['req_mid', 3], ['req_slow', 10],
    ]);
    expect(signals.medianResponseBusinessDays).toBe(3);
  });
});
