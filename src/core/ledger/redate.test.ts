import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryLedger } from '../../../test/support/ledger-arbitrary.ts';
import { addDays, epochDay, Temporal, type IsoDate } from '../dates.ts';
import { eventTypes } from './events.ts';
import { dateFields, nearestDayOfMonth, realignMonthlyDueDates, redateLedger, shiftEvent, shiftInstant, wholeWeeksShift, type WireEvent } from './redate.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const tz = 'Europe/Copenhagen';
const isoDay = fc.integer({ min: epochDay('2000-01-01' as IsoDate), max: epochDay('2150-12-31' as IsoDate) })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10) as IsoDate);

/** Every leaf of a JSON value with its path. */
function leaves(value: unknown, path: string[] = []): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, String(i)]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [[path.join('.'), value]];
}

describe('the date fields of every event type, read from the schemas', () => {
  it('names each calendar date of each event type, and nothing else', () => {
    // Walks every event type of events.ts. A new date field shows up here (and is shifted)
    // without anyone listing it; this list is the review of what moves.
    const expected: Record<string, string[]> = {
      'escalation.held': ['until'],
      'contract.signed': ['startDate'],
      'contract.amended': ['effectiveDate'],
      'contract.ended': ['endDate'],
      'deliverable.created': ['plannedFor'],
      'request.sent': ['dueDate'],
      'invoice.issued': ['issueDate', 'dueDate'],
      'payment.received': ['date'],
      'time.logged': ['date'],
    };
    for (const type of eventTypes) {
      expect({ type, fields: dateFields[type].map((p) => p.join('.')) }).toEqual({ type, fields: expected[type] ?? [] });
    }
  });

  it('moves every date-looking value of every event of random ledgers by the shift, and nothing else', () => fc.assert(fc.property(
    arbitraryLedger({ maxSteps: 60 }), fc.integer({ min: -2000, max: 2000 }), (ledger, days) => {
      for (const event of ledger) {
        const moved = shiftEvent(event, { days, timeZone: tz });
        expect(moved.id).toBe(event.id);
        const before = leaves(event.data);
        const after = new Map(leaves(moved.data));
        for (const [path, value] of before) {
          const want = typeof value === 'string' && DATE.test(value) ? addDays(value as IsoDate, days) : value;
          expect({ type: event.type, path, value: after.get(path) }).toEqual({ type: event.type, path, value: want });
        }
      }
    }), { numRuns: 60 }));
});

describe('shifting an instant by days in a time zone', () => {
  it('keeps the local time of day across a change to summer time', () => {
    // 09:00 in Copenhagen in winter (08:00Z) is 09:00 in summer (07:00Z).
    expect(shiftInstant('2026-03-20T08:00:00Z', { days: 14, timeZone: tz })).toBe('2026-04-03T07:00:00.000Z');
  });

  it('keeps the local day and weekday of any instant', () => fc.assert(fc.property(
    fc.integer({ min: Date.parse('2001-01-01'), max: Date.parse('2140-01-01') }), fc.integer({ min: -300, max: 300 }), (ms, weeks) => {
      const at = new Date(ms).toISOString();
      const moved = Temporal.Instant.from(shiftInstant(at, { days: weeks * 7, timeZone: tz })).toZonedDateTimeISO(tz);
      const was = Temporal.Instant.from(at).toZonedDateTimeISO(tz);
      expect(moved.toPlainDate().toString()).toBe(was.toPlainDate().add({ days: weeks * 7 }).toString());
      expect(moved.dayOfWeek).toBe(was.dayOfWeek);
    })));
});

describe('the whole-weeks shift from a story\'s end to a day', () => {
  it('ends the story on that day or up to 6 days before, on the weekday it was written for', () => fc.assert(fc.property(isoDay, isoDay, (end, today) => {
    const days = wholeWeeksShift(end, today);
    expect(Math.abs(days % 7)).toBe(0);
    const slack = epochDay(today) - epochDay(addDays(end, days));
    expect(slack).toBeGreaterThanOrEqual(0);
    expect(slack).toBeLessThanOrEqual(6);
  })));

  it('is zero on the story\'s own end', () => expect(wholeWeeksShift('2026-11-20' as IsoDate, '2026-11-20' as IsoDate)).toBe(0));
});

describe('monthly due dates after a shift', () => {
  const contract = (id: string, day: number): WireEvent => ({ id: `k-${id}`, type: 'contract.signed', at: '2026-01-10T09:00:00Z', data: {
    contractId: id, clientId: id, startDate: '2026-02-01', networks: [], fee: { amount: '100.00', currency: 'DKK', cycle: 'monthly' },
    paymentTerms: { dueDayOfMonth: day }, feedbackDays: 3, approval: { mode: 'none' }, stopWorkAfterDays: 14, lateInterest: 'statutory' } });
  const invoice = (clientId: string, month: string, due: string): WireEvent => ({ id: `i-${clientId}-${month}`, type: 'invoice.issued', at: `${month}-01T09:00:00Z`,
    data: { invoiceId: `${clientId}-${month}`, clientId, number: month, issueDate: `${month}-01`, dueDate: due, total: { amount: '100.00', currency: 'DKK' } } });

  it('picks the nearest such day of the month, or the month\'s last day when it is shorter', () => {
    expect(nearestDayOfMonth('2026-03-30' as IsoDate, 1)).toBe('2026-04-01');
    expect(nearestDayOfMonth('2026-03-03' as IsoDate, 1)).toBe('2026-03-01');
    expect(nearestDayOfMonth('2026-02-27' as IsoDate, 31)).toBe('2026-02-28');
    expect(nearestDayOfMonth('2026-03-02' as IsoDate, 31)).toBe('2026-02-28');
  });

  it('keeps every monthly invoice on its contract\'s day of the month, each at most 2 days from where the shift put it', () => fc.assert(fc.property(
    fc.integer({ min: 1, max: 31 }), fc.integer({ min: -400, max: 400 }), fc.integer({ min: 1, max: 14 }), (day, weeks, months) => {
      const ledger: WireEvent[] = [contract('c', day)];
      for (let m = 0; m < months; m += 1) {
        const month = Temporal.PlainYearMonth.from('2026-02').add({ months: m });
        const due = nearestDayOfMonth(`${month.toString()}-15` as IsoDate, day);
        ledger.push(invoice('c', month.toString(), due));
      }
      const shifted = redateLedger(ledger, { days: weeks * 7, timeZone: tz });
      const terms = shifted[0]!.data.paymentTerms as { dueDayOfMonth: number };
      const invoices = shifted.slice(1);
      for (const [i, inv] of invoices.entries()) {
        const due = String(inv.data.dueDate) as IsoDate;
        expect(nearestDayOfMonth(due, terms.dueDayOfMonth)).toBe(due); // on the day, or the last of a shorter month
        const plain = addDays(String(ledger[i + 1]!.data.dueDate) as IsoDate, weeks * 7);
        // Within the grace days of the default rules (3): a payment on time stays on time.
        expect(Math.abs(epochDay(due) - epochDay(plain))).toBeLessThanOrEqual(2);
      }
    })));

  it('leaves contracts with net days and their invoices alone', () => {
    const net: WireEvent = { ...contract('n', 1), data: { ...contract('n', 1).data, paymentTerms: { netDays: 14 } } };
    const ledger = [net, invoice('n', '2026-02', '2026-02-15')];
    expect(realignMonthlyDueDates(ledger)).toEqual(ledger);
  });
});
