import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import { Temporal, type IsoDate } from '../dates.ts';
import { businessCalendar } from '../calendar/business-days.ts';
import type { LedgerEvent } from '../ledger/events.ts';
import { assessClient } from './assess-client.ts';
import type { PaymentSignals } from './payment.ts';
import { asOf, replayClient } from './replay.ts';
import { defaultRules } from './rules.ts';
import { dkk, ev } from '../../../test/support/ledger-events.ts';

const C1 = 'c1' as ClientId;


/** A DK workspace in Copenhagen with one client, c1. */
const setup = () => [
  ev('workspace.configured', '2025-12-01T09:00:00Z', {
    name: 'Studio', currency: 'DKK', locale: 'da', timezone: 'Europe/Copenhagen', jurisdiction: 'DK', targetHourlyRate: dkk('650.00'),
  }),
  ev('client.added', '2025-12-01T10:00:00Z', { clientId: 'c1', name: 'Oak & Ivy', locale: 'da', currency: 'DKK', contacts: [] }),
];
const invoice = (invoiceId: string, issueDate: string, dueDate: string, total = '1000.00') =>
  ev('invoice.issued', `${issueDate}T08:00:00Z`, { invoiceId, clientId: 'c1', number: `N-${invoiceId}`, issueDate, dueDate, total: dkk(total) });
const payment = (paymentId: string, invoiceId: string, date: string, amount = '1000.00') =>
  ev('payment.received', `${date}T10:00:00Z`, { paymentId, clientId: 'c1', date, amount: dkk(amount), invoiceIds: [invoiceId] });
const credit = (invoiceId: string, at: string, amount: string) => ev('invoice.credited', at, { invoiceId, amount: dkk(amount), reason: 'goodwill' });

function payments(events: readonly LedgerEvent[], date: string): PaymentSignals {
  const when = asOf(date as IsoDate, 'Europe/Copenhagen');
  const history = replayClient(C1, [...setup(), ...events], when);
  const assessment = assessClient(history, { when, workspace: history.state.workspace, rules: defaultRules, calendarFor: businessCalendar });
  if (!assessment) throw new Error('c1 is not on record');
  return assessment.signals.payment;
}

/** Monthly invoices due on the 1st from February 2026, each paid `daysLate[i]` calendar days after its due date. */
function paidLate(daysLate: readonly number[]): LedgerEvent[] {
  return daysLate.flatMap((late, i) => {
    const due = `2026-${String(i + 2).padStart(2, '0')}-01`;
    const issued = `2026-${String(i + 1).padStart(2, '0')}-15`;
    const paid = Temporal.PlainDate.from(due).add({ days: late }).toString();
    return [invoice(`inv_${i + 1}`, issued, due), payment(`pay_${i + 1}`, `inv_${i + 1}`, paid)];
  });
}

describe('payment behaviour', () => {
  it('counts calendar days from the due date to the payment, negative when paid early', () => {
    const signals = payments([
      invoice('inv_1', '2026-01-15', '2026-02-01'), payment('pay_1', 'inv_1', '2026-02-11'),
      invoice('inv_2', '2026-02-15', '2026-03-01'), payment('pay_2', 'inv_2', '2026-02-26'),
    ], '2026-03-31');

    expect(signals.paidDaysLate).toEqual([10, -3]);
    expect(signals.due.map((i) => [i.invoiceId, i.settledOn])).toEqual([['inv_1', '2026-02-11'], ['inv_2', '2026-02-26']]);
    expect(signals.openOverdue).toEqual([]);
  });

  it('lists unpaid invoices past their due date with the days overdue, the oldest setting the maximum', () => {
    const signals = payments([
      invoice('inv_old', '2026-02-15', '2026-03-01'),
      invoice('inv_part', '2026-02-20', '2026-03-10'), payment('pay_part', 'inv_part', '2026-03-12', '400.00'),
      invoice('inv_due_today', '2026-03-05', '2026-03-20'),
    ], '2026-03-20');

    expect(signals.openOverdue.map((i) => [i.invoiceId, i.daysLate, i.openMinor])).toEqual([['inv_old', 19, 100_000], ['inv_part', 10, 60_000]]);
    expect(signals.maxDaysOverdue).toBe(19);
    expect(signals.paidDaysLate).toEqual([]);
  });

  it('ignores an invoice that was credited in full', () => {
    const signals = payments([
      invoice('inv_void', '2026-02-15', '2026-03-01'), credit('inv_void', '2026-03-03T09:00:00Z', '1000.00'),
    ], '2026-04-30');

    expect(signals.due).toEqual([]);
    expect(signals.maxDaysOverdue).toBe(0);
  });

  it('no longer counts an invoice overdue once it is paid in part and credited for the rest', () => {
    // The client paid 800 on time and we agreed to write off the last 200: nothing is owed.
    const signals = payments([
      invoice('inv_1', '2026-02-15', '2026-03-01'),
      payment('pay_1', 'inv_1', '2026-02-27', '800.00'),
      credit('inv_1', '2026-03-02T09:00:00Z', '200.00'),
    ], '2026-04-30');

    expect(signals.openOverdue).toEqual([]);
    expect(signals.maxDaysOverdue).toBe(0);
  });

  it('does not count the time we took to credit the rest of an invoice as the client paying late', () => {
    // Paid 800 two days early; the disputed 200 was credited a month later. The client owed nothing more after 27 February.
    const signals = payments([
      invoice('inv_1', '2026-02-15', '2026-03-01'),
      payment('pay_1', 'inv_1', '2026-02-27', '800.00'),
      credit('inv_1', '2026-04-01T09:00:00Z', '200.00'),
    ], '2026-04-30');

    expect(signals.paidDaysLate).toEqual([-2]);
  });

  it('finds a positive trend of about five days per cycle for a payer five days later every month', () => {
    const signals = payments(paidLate([0, 5, 10, 15, 20]), '2026-07-31');

    expect(signals.trendDaysPerCycle).toBe(5);
    expect(payments(paidLate([2, 2, 2, 2, 2]), '2026-07-31').trendDaysPerCycle).toBe(0);
  });

  it('recognises a client who paid on time at first and later and later since', () => {
    expect(payments(paidLate([0, 1, 8, 14, 21]), '2026-07-31').onTimeThenLater).toBe(true);
    expect(payments(paidLate([10, 12, 14, 16, 18]), '2026-07-31').onTimeThenLater).toBe(false); // late from the start
    expect(payments(paidLate([0, 1, 0, 2, 1]), '2026-07-31').onTimeThenLater).toBe(false); // always on time
  });
});
