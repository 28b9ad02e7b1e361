import { Temporal, type IsoDate } from '../dates.ts';
import type { InvoiceView } from '../ledger/read-model.ts';
import type { AsOf } from './replay.ts';
import { theilSenSlope } from './stats.ts';

/** One invoice that has fallen due: how late it was paid, or how long it has been overdue. */
export interface InvoiceLateness {
  readonly invoiceId: string;
  readonly number: string;
  readonly dueDate: IsoDate;
  readonly settledOn: IsoDate | null;
  readonly openMinor: number;
  readonly currency: string;
  /** Calendar days from the due date to the payment (negative when early), or to the assessment date while open. */
  readonly daysLate: number;
}

export interface PaymentSignals {
  /** Invoices due on or before the assessment date, oldest due first. */
  readonly due: readonly InvoiceLateness[];
  /** Days late of each settled invoice, in due order. */
  readonly paidDaysLate: readonly number[];
  /** Theil–Sen slope of days late over the recent cycles (open ones at their days overdue), in days per cycle. */
  readonly trendDaysPerCycle: number | null;
  readonly openOverdue: readonly InvoiceLateness[];
  readonly maxDaysOverdue: number;
  /** Paid on time at first, later since: the pattern of the "I'll pay you eventually" client. */
  readonly onTimeThenLater: boolean;
}

const daysBetween = (from: IsoDate, to: IsoDate) => Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days;

/** Payment behaviour as of the end of `when.date`; `recentCycles` bounds the trend. */
export function measurePayments(invoices: readonly InvoiceView[], when: AsOf, recentCycles = 6, graceDays = 3): PaymentSignals {
  const due = invoices
    .filter((invoice) => invoice.dueDate <= when.date || invoice.settledOn !== null)
    .filter((invoice) => invoice.totalMinor > invoice.creditedMinor) // fully credited: nothing was owed
    .map((invoice): InvoiceLateness => {
      const open = invoice.openMinor > 0 && (invoice.settledOn === null || invoice.settledOn > when.date);
      return {
        invoiceId: invoice.invoiceId, number: invoice.number, dueDate: invoice.dueDate, settledOn: open ? null : invoice.settledOn,
        openMinor: invoice.openMinor, currency: invoice.currency,
        daysLate: daysBetween(invoice.dueDate, open ? when.date : (invoice.settledOn ?? when.date)),
      };
    })
    .filter((invoice) => invoice.settledOn !== null || invoice.dueDate < when.date)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.invoiceId.localeCompare(b.invoiceId));
  const paidDaysLate = due.filter((i) => i.settledOn !== null).map((i) => i.daysLate);
  const openOverdue = due.filter((i) => i.settledOn === null && i.daysLate > 0);
  const recent = due.slice(-recentCycles).map((i) => i.daysLate);
  const firstOnTime = paidDaysLate.length > 0 && (paidDaysLate[0] as number) <= graceDays;
  const laterSince = recent.filter((d) => d > graceDays).length >= 2;
  const trend = theilSenSlope(recent) ?? null;
  return {
    due,
    paidDaysLate,
    trendDaysPerCycle: trend,
    openOverdue,
    maxDaysOverdue: Math.max(0, ...openOverdue.map((i) => i.daysLate)),
    onTimeThenLater: firstOnTime && laterSince && (trend ?? 0) > 0,
  };
}
