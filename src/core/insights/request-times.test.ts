import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate, IsoInstant } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { RequestView } from '../ledger/read-model.ts';
import { asOf } from '../assess/replay.ts';
import { longestWait, requestTimes } from './request-times.ts';

function aRequest(id: string, sentAt: string, over: Partial<RequestView> = {}): RequestView {
  return {
    requestId: id, clientId: 'c1' as ClientId, kind: 'feedback', subject: 'Plan', dueDate: '2026-05-20' as IsoDate, deliverableId: null,
    sentAt: sentAt as IsoInstant, status: 'open', answeredAt: null, answerChannel: null, verdict: null, withdrawnAt: null, withdrawReason: null,
    ...over,
  };
}

const dk = businessCalendar('DK');
const when = asOf('2026-05-22' as IsoDate, 'Europe/Copenhagen');

describe('requestTimes', () => {
  it('counts the answer in business days of the client\'s calendar, skipping the weekend and Ascension Day', () => {
    // Sent Tuesday 12 May 2026, answered Monday 18 May: Wed 13, (Thu 14 Kristi Himmelfartsdag), Fri 15, Mon 18.
    const [times] = requestTimes([aRequest('r1', '2026-05-12T08:00:00Z', { status: 'answered', answeredAt: '2026-05-18T12:00:00Z' as IsoInstant, answerChannel: 'email', verdict: null })], dk, when);
    expect(times).toMatchObject({ responseBusinessDays: 3, waitingBusinessDays: null, channel: 'email' });
  });

  it('counts an open request\'s wait to the day of the view, and dates sending in the workspace\'s time zone', () => {
    // 23:30 UTC on Sunday 17 May is already Monday 18 May in Copenhagen; to Friday 22 May: 4 business days.
    const [times] = requestTimes([aRequest('r1', '2026-05-17T23:30:00Z')], dk, when);
    expect(times).toMatchObject({ responseBusinessDays: null, waitingBusinessDays: 4 });
  });

  it('counts neither for a withdrawn request', () => {
    const [times] = requestTimes([aRequest('r1', '2026-05-04T08:00:00Z', { status: 'withdrawn', withdrawnAt: '2026-05-06T08:00:00Z' as IsoInstant })], dk, when);
    expect(times).toMatchObject({ responseBusinessDays: null, waitingBusinessDays: null });
  });

  it('lists requests oldest sent first, and the longest wait is that of the oldest open one', () => {
    const times = requestTimes([aRequest('new', '2026-05-20T08:00:00Z'), aRequest('old', '2026-05-04T08:00:00Z')], dk, when);
    expect(times.map((t) => t.requestId)).toEqual(['old', 'new']);
    expect(longestWait(times)).toBe(times[0]?.waitingBusinessDays);
    expect(longestWait([])).toBe(0);
  });
});
