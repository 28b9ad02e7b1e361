import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal, toPlainDate, type IsoDate } from '../dates.ts';
import { FirmlyError } from '../errors.ts';
import { parseMoney, type CurrencyCode } from '../money.ts';
import { maxReminderFee, planReminderFees, reminderFeeAllowed, type FeeClaim, type SentReminder } from './reminder-fees.ts';

const DKK = 'DKK' as CurrencyCode;
const dkk = (amount: string) => parseMoney(amount, DKK);
const DUE = '2026-03-01' as IsoDate;
const day = (n: number) => toPlainDate(DUE).add({ days: n }).toString() as IsoDate;
const claim: FeeClaim = { dueDate: DUE };
const sent = (n: number, fee: string | null = '100.00'): SentReminder => ({ date: day(n), fee: fee === null ? null : dkk(fee) });
const daysApart = (a: IsoDate, b: IsoDate) => Math.abs(toPlainDate(a).until(toPlainDate(b), { largestUnit: 'days' }).days);

describe('reminderFeeAllowed (renteloven § 9 b)', () => {
  it('allows DKK 100 from the day after the due date', () => {
    expect(reminderFeeAllowed(claim, [], day(1))).toEqual({ allowed: true, maxFee: dkk('100.00') });
  });

  it('allows none on or before the due date', () => {
    expect(reminderFeeAllowed(claim, [], day(0))).toEqual({ allowed: false, reason: 'not_due' });
    expect(reminderFeeAllowed(claim, [], day(-5))).toEqual({ allowed: false, reason: 'not_due' });
  });

  it('wants at least 10 days since the last fee-bearing reminder, and says when', () => {
    expect(reminderFeeAllowed(claim, [sent(1)], day(10))).toEqual({ allowed: false, reason: 'too_soon', earliest: day(11) });
    expect(reminderFeeAllowed(claim, [sent(1)], day(11))).toMatchObject({ allowed: true });
  });

  it('does not count reminders sent without a fee', () => {
    expect(reminderFeeAllowed(claim, [sent(1, null), sent(3, '0.00')], day(4))).toMatchObject({ allowed: true });
  });

  it('allows at most three fee-bearing reminders per claim', () => {
    expect(reminderFeeAllowed(claim, [sent(1), sent(11), sent(21)], day(60))).toEqual({ allowed: false, reason: 'limit_reached' });
  });

  it('allows none once the claim is disputed', () => {
    const disputed = { dueDate: DUE, disputedOn: day(12) };
    expect(reminderFeeAllowed(disputed, [sent(1)], day(11))).toMatchObject({ allowed: true });
    expect(reminderFeeAllowed(disputed, [sent(1)], day(12))).toEqual({ allowed: false, reason: 'disputed' });
  });
});

describe('planReminderFees', () => {
  it('puts fees on a weekly ladder only where the law allows them', () => {
    const plan = planReminderFees(claim, [], [1, 8, 15, 22, 29, 36].map(day));
    expect(plan.map((p) => [p.date, p.fee && p.fee.minor, p.refusal])).toEqual([
      [day(1), 10000, null], [day(8), null, 'too_soon'], [day(15), 10000, null],
      [day(22), null, 'too_soon'], [day(29), 10000, null], [day(36), null, 'limit_reached'],
    ]);
  });

  it('caps the fee at DKK 100 and keeps a lower one', () => {
    expect(planReminderFees(claim, [], [day(1)], dkk('150.00'))[0]?.fee).toEqual(dkk('100.00'));
    expect(planReminderFees(claim, [], [day(1)], dkk('65.00'))[0]?.fee).toEqual(dkk('65.00'));
  });

  it('refuses a fee in another currency', () => {
    expect(() => planReminderFees(claim, [], [day(1)], parseMoney('10.00', 'EUR' as CurrencyCode))).toThrow(FirmlyError);
  });

  const history = fc.array(fc.record({ n: fc.integer({ min: -20, max: 120 }), fee: fc.constantFrom(null, '0.00', '50.00', '100.00') }), { maxLength: 5 })
    .map((rs) => rs.map((r) => sent(r.n, r.fee)));
  const dates = fc.array(fc.integer({ min: -20, max: 150 }), { maxLength: 15 }).map((ns) => ns.map(day));
  const disputedOn = fc.option(fc.integer({ min: -5, max: 150 }).map(day), { nil: undefined });

  it('over any reminder history never plans a fee the law forbids', () => fc.assert(fc.property(
    history, dates, disputedOn, fc.integer({ min: 0, max: 50000 }),
    (past, proposed, disputed, feeMinor) => {
      const c: FeeClaim = { dueDate: DUE, disputedOn: disputed ?? null };
      const planned = planReminderFees(c, past, proposed, { minor: feeMinor, currency: DKK }).filter((p) => p.fee !== null);
      const pastFees = past.filter((r) => r.fee !== null && r.fee.minor > 0);
      const allFees = [...pastFees.map((r) => r.date), ...planned.map((p) => p.date)];
      if (planned.length > 0) expect(allFees.length).toBeLessThanOrEqual(3);
      for (const p of planned) {
        expect(p.date > DUE).toBe(true);
        if (disputed) expect(p.date < disputed).toBe(true);
        expect(p.fee?.minor).toBeGreaterThan(0);
        expect(p.fee?.minor).toBeLessThanOrEqual(maxReminderFee.minor);
        const others = allFees.filter((d, i) => i !== pastFees.length + planned.indexOf(p));
        for (const o of others) expect(daysApart(o, p.date)).toBeGreaterThanOrEqual(10);
      }
    })));

  it('plans every date it is given, in date order', () => fc.assert(fc.property(history, dates, (past, proposed) => {
    const plan = planReminderFees(claim, past, proposed);
    expect(plan.map((p) => p.date)).toEqual([...proposed].sort((a, b) => Temporal.PlainDate.compare(a, b)));
  })));
});
