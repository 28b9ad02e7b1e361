import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { assessClient, type AssessContext } from './assess-client.ts';
import { asOf, replayClient } from './replay.ts';
import { defaultRules } from './rules.ts';
import { nextReviewDate, reviewHorizonDays } from './review.ts';
import { dkk, ev } from '../../../test/support/ledger-events.ts';

const setup = [
  ev('workspace.configured', '2026-01-01T08:00:00Z', { name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: dkk('100.00') }),
  ev('client.added', '2026-01-02T09:00:00Z', { clientId: 'c1', name: 'Client', locale: 'da', contacts: [] }),
  ev('contract.signed', '2026-01-02T10:00:00Z', {
    contractId: 'k1', clientId: 'c1', startDate: '2026-01-05', networks: ['instagram'], fee: { amount: '1000.00', currency: 'DKK', cycle: 'monthly' },
    paymentTerms: { dueDayOfMonth: 1 }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 14, lateInterest: 'statutory',
  }),
];
const invoice = ev('invoice.issued', '2026-02-25T09:00:00Z', { invoiceId: 'i1', clientId: 'c1', number: '1', issueDate: '2026-02-25', dueDate: '2026-03-01', total: dkk('1000.00') });

function reviewOn(events: readonly LedgerEvent[], date: string): IsoDate | null {
  const when = asOf(date as IsoDate, 'Europe/Copenhagen');
  const history = replayClient('c1' as ClientId, [...setup, ...events], when);
  const context: AssessContext = { when, workspace: history.state.workspace, rules: defaultRules, calendarFor: businessCalendar };
  const assessment = assessClient(history, context);
  if (!assessment) throw new Error('c1 is not on record');
  return nextReviewDate(history, context, assessment);
}

describe('nextReviewDate', () => {
  it('leaves a client with nothing coming for the horizon', () => {
    const paid = ev('payment.received', '2026-02-27T09:00:00Z', { paymentId: 'p1', clientId: 'c1', date: '2026-02-27', amount: dkk('1000.00') });
    expect(reviewOn([invoice, paid], '2026-03-10')).toBe('2026-03-17');
    expect(reviewHorizonDays).toBe(7);
  });

  it('comes back the day an invoice coming due needs its first reminder', () => {
    expect(reviewOn([invoice], '2026-02-26')).toBe('2026-03-02');
  });

  it('does not come back daily for a reminder already planned, only for the next new step', () => {
    // Reminder 1 is planned on 2 March and waits in the outbox; the stop-work notice is due on 16 March.
    expect(reviewOn([invoice], '2026-03-02')).toBe('2026-03-09');
    expect(reviewOn([invoice], '2026-03-12')).toBe('2026-03-16');
  });

  it('comes back when the second reminder falls due after the first was sent', () => {
    const sent = ev('message.sent', '2026-03-02T10:00:00Z', { messageId: 'm1', clientId: 'c1', channel: 'email', subject: 'Faktura', actionKey: 'c1/late/i1/reminder-1' });
    expect(reviewOn([invoice, sent], '2026-03-03')).toBe('2026-03-09');
  });

  it('never again for an offboarded client, until an event says otherwise', () => {
    const offboarded = ev('client.offboarded', '2026-03-03T10:00:00Z', { clientId: 'c1', reason: 'late payments' });
    expect(reviewOn([invoice, offboarded], '2026-03-04')).toBeNull();
  });
});
