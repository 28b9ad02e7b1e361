import { Decimal } from 'decimal.js';
import { Temporal, type IsoDate } from '../dates.ts';
import type { CurrencyCode, Money } from '../money.ts';
import type { InvoiceView, TimeEntryView } from '../ledger/read-model.ts';
import type { AsOf } from './replay.ts';

export interface RateInPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly invoicedMinor: number;
  readonly minutes: number;
  /** Fees invoiced ÷ all hours logged (chasing and approvals included); null without logged time. */
  readonly hourlyRate: Money | null;
}

export interface Economics {
  readonly window: RateInPeriod;
  /** The last three whole calendar months, oldest first: "below target three months running". */
  readonly months: readonly RateInPeriod[];
  readonly chasingMinutes: number;
  readonly approvalMinutes: number;
  readonly target: Money | null;
  /** Whether the window's rate reaches the target; null when they are in different currencies or nothing to compare. */
  readonly worthIt: boolean | null;
  readonly monthsBelowTarget: number;
}

function rateIn(from: IsoDate, to: IsoDate, invoices: readonly InvoiceView[], time: readonly TimeEntryView[], currency: CurrencyCode): RateInPeriod {
  const within = (date: IsoDate) => date >= from && date <= to;
  const invoicedMinor = invoices.filter((i) => i.currency === currency && within(i.issueDate)).reduce((n, i) => n + i.totalMinor - i.creditedMinor, 0);
  const minutes = time.filter((t) => within(t.date)).reduce((n, t) => n + t.minutes, 0);
  const hourlyRate = minutes === 0 ? null : {
    // Rounded once, to the minor unit, from the exact ratio.
    minor: new Decimal(invoicedMinor).times(60).div(minutes).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
    currency,
  };
  return { from, to, invoicedMinor, minutes, hourlyRate };
}

/** What the client pays per hour we spend on them, over the trailing `windowDays` and by month. */
export function measureEconomics(invoices: readonly InvoiceView[], time: readonly TimeEntryView[], currency: CurrencyCode, target: Money | null, when: AsOf, windowDays: number): Economics {
  const end = Temporal.PlainDate.from(when.date);
  const start = end.subtract({ days: windowDays - 1 }).toString() as IsoDate;
  const window = rateIn(start, when.date, invoices, time, currency);
  const firstOfThisMonth = end.with({ day: 1 });
  const months = [3, 2, 1].map((back) => {
    const first = firstOfThisMonth.subtract({ months: back });
    const last = first.with({ day: first.daysInMonth });
    return rateIn(first.toString() as IsoDate, last.toString() as IsoDate, invoices, time, currency);
  });
  const comparable = target !== null && target.currency === currency;
  const below = (p: RateInPeriod) => comparable && p.hourlyRate !== null && p.hourlyRate.minor < (target as Money).minor;
  const windowMinutes = time.filter((t) => t.date >= start && t.date <= when.date);
  return {
    window,
    months,
    chasingMinutes: windowMinutes.filter((t) => t.kind === 'chasing').reduce((n, t) => n + t.minutes, 0),
    approvalMinutes: windowMinutes.filter((t) => t.kind === 'approvals').reduce((n, t) => n + t.minutes, 0),
    target,
    worthIt: comparable && window.hourlyRate !== null ? window.hourlyRate.minor >= (target as Money).minor : null,
    monthsBelowTarget: months.filter(below).length,
  };
}
