import { describe, expect, it } from 'vitest';
import type { ClientId } from '../brand.ts';
import type { IsoDate, IsoInstant } from '../dates.ts';
import type { CurrencyCode } from '../money.ts';
import type { InvoiceView } from '../ledger/read-model.ts';
import { daysLateTrend, invoiceHistory, overdueByCurrency } from './invoice-history.ts';

const DKK = 'DKK' as CurrencyCode;
const EUR = 'EUR' as CurrencyCode;

function anInvoice(id: string, dueDate: string, over: Partial<InvoiceView> = {}): InvoiceView {
  return {
    invoiceId: id, clientId: 'c1' as ClientId, number: `N-${id}`, issueDate: dueDate as IsoDate, dueDate: dueDate as IsoDate, currency: DKK,
    totalMinor: 100_000, creditedMinor: 0, paidMinor: 0, openMinor: 100_000, settledOn: null, lastPaidOn: null, issuedAt: `${dueDate}T09:00:00.000Z` as IsoInstant,
    ...over,
  };
}
const paid = (id: string, dueDate: string, on: string) => anInvoice(id, dueDate, { paidMinor: 100_000, openMinor: 0, settledOn: on as IsoDate, lastPaidOn: on as IsoDate });
const at = '2026-06-10' as IsoDate;

describe('invoiceHistory', () => {
  it('counts days late to the payment, negative when paid early, in due-date order', () => {
    const lines = invoiceHistory([paid('b', '2026-03-01', '2026-03-11'), paid('a', '2026-02-01', '2026-01-30')], at);
    expect(lines.map((l) => [l.invoiceId, l.paidDate, l.daysLate, l.open])).toEqual([['a', '2026-01-30', -2, false], ['b', '2026-03-11', 10, false]]);
  });

  it('counts an unpaid overdue invoice to the day of the view, and leaves one not yet due without days late', () => {
    const lines = invoiceHistory([anInvoice('due', '2026-06-01'), anInvoice('today', '2026-06-10'), anInvoice('later', '2026-07-01')], at);
    expect(lines.map((l) => [l.invoiceId, l.daysLate, l.open])).toEqual([['due', 9, true], ['today', null, true], ['later', null, true]]);
  });

  it('gives an invoice credited in full neither a payment date nor days late: nothing was owed', () => {
    const [line] = invoiceHistory([anInvoice('x', '2026-03-01', { creditedMinor: 100_000, openMinor: 0, settledOn: '2026-04-01' as IsoDate })], at);
    expect(line).toMatchObject({ open: false, paidDate: null, daysLate: null });
  });

  it('draws the trend over the position in due-date order, skipping lines without days late', () => {
    const lines = invoiceHistory([paid('a', '2026-01-01', '2026-01-01'), paid('b', '2026-02-01', '2026-02-06'), paid('c', '2026-03-01', '2026-03-11'), anInvoice('d', '2026-07-01')], at);
    expect(daysLateTrend(lines)).toEqual({ slope: 5, intercept: 0 });
    expect(daysLateTrend(lines.slice(0, 1))).toBeNull();
  });
});

describe('overdueByCurrency', () => {
  it('sums what is open on invoices past due, per currency, leaving out what is not yet due or paid', () => {
    expect(overdueByCurrency([
      anInvoice('a', '2026-05-01'), anInvoice('b', '2026-05-15', { openMinor: 40_000, paidMinor: 60_000 }),
      anInvoice('c', '2026-04-01', { currency: EUR, totalMinor: 5_000, openMinor: 5_000 }),
      anInvoice('not-due', '2026-06-10'), paid('paid', '2026-03-01', '2026-03-02'),
    ], at)).toEqual([{ minor: 140_000, currency: DKK }, { minor: 5_000, currency: EUR }]);
  });

  it('is empty when nothing is overdue, and ignores money paid in advance', () => {
    expect(overdueByCurrency([paid('a', '2026-05-01', '2026-05-01'), anInvoice('over', '2026-05-01', { openMinor: -500 })], at)).toEqual([]);
  });
});
