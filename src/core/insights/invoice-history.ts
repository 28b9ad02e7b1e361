import { epochDay, type IsoDate } from '../dates.ts';
import type { CurrencyCode, Money } from '../money.ts';
import type { InvoiceView } from '../ledger/read-model.ts';
import { leastSquares, type TrendLine } from './trend.ts';

/** One invoice as the client treated it, as of a day. */
export interface InvoiceHistoryLine {
  readonly invoiceId: string;
  readonly number: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly total: Money;
  /** The day the open amount reached zero; null while something is still to pay (or it was credited in full). */
  readonly paidDate: IsoDate | null;
  /**
   * Calendar days from the due date to the payment (negative when early); while unpaid and
   * past due, to the day of the view; null while unpaid and not yet due, and for an invoice
   * credited in full (nothing was ever owed).
   */
  readonly daysLate: number | null;
  readonly open: boolean;
}

const creditedInFull = (invoice: InvoiceView) => invoice.creditedMinor >= invoice.totalMinor;

/** The client's invoices as they stood at the end of `date`, in due-date order. */
export function invoiceHistory(invoices: readonly InvoiceView[], date: IsoDate): InvoiceHistoryLine[] {
  return [...invoices]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || a.invoiceId.localeCompare(b.invoiceId))
    .map((invoice) => {
      const open = invoice.openMinor > 0;
      const paidDate = open || creditedInFull(invoice) ? null : invoice.settledOn;
      let daysLate: number | null = null;
      if (paidDate !== null) daysLate = epochDay(paidDate) - epochDay(invoice.dueDate);
      else if (open && invoice.dueDate < date) daysLate = epochDay(date) - epochDay(invoice.dueDate);
      return {
        invoiceId: invoice.invoiceId, number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate,
        total: { minor: invoice.totalMinor, currency: invoice.currency }, paidDate, daysLate, open,
      };
    });
}

/** The least-squares line of days late over the position in due-date order (x = 0, 1, 2 …); lines without days late are skipped, not renumbered. */
export function daysLateTrend(lines: readonly InvoiceHistoryLine[]): TrendLine | null {
  return leastSquares(lines.flatMap((line, x) => (line.daysLate === null ? [] : [{ x, y: line.daysLate }])));
}

/** What is still to pay on invoices due before `date`, per currency (sorted), leaving out currencies with nothing due. */
export function overdueByCurrency(invoices: readonly InvoiceView[], date: IsoDate): Money[] {
  const sums = new Map<CurrencyCode, number>();
  for (const invoice of invoices) {
    if (invoice.openMinor <= 0 || invoice.dueDate >= date) continue;
    sums.set(invoice.currency, (sums.get(invoice.currency) ?? 0) + invoice.openMinor);
  }
  return [...sums].filter(([, minor]) => minor !== 0).sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ({ minor, currency }));
}
