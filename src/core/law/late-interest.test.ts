import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal, type IsoDate } from '../dates.ts';
import { FirmlyError } from '../errors.ts';
import { parseMoney, type CurrencyCode, type Money } from '../money.ts';
import { dayCounts } from './day-count.ts';
import { fixedCompensation, lateInterest, lateInterestJson, type LateInterestInput } from './late-interest.ts';

const DKK = 'DKK' as CurrencyCode;
const EUR = 'EUR' as CurrencyCode;
const GBP = 'GBP' as CurrencyCode;
const dkk = (amount: string) => parseMoney(amount, DKK);
const eur = (amount: string) => parseMoney(amount, EUR);
const gbp = (amount: string) => parseMoney(amount, GBP);
const d = (text: string) => text as IsoDate;
const currencyOf = { DK: DKK, GB: GBP, DE: EUR, EU: EUR } as const;

/** Runs `act` and returns the FirmlyError it throws, so a test can assert on its code. */
function thrown(act: () => unknown): FirmlyError {
  try {
    act();
  } catch (error) {
    if (error instanceof FirmlyError) return error;
    throw error;
  }
  throw new Error('expected a FirmlyError, nothing was thrown');
}

const issueExample: LateInterestInput = { jurisdiction: 'DK', principal: dkk('25000.00'), dueDate: d('2025-05-31'), paidDate: d('2025-08-29') };

describe('lateInterest', () => {
  it("gives issue 4's Danish example: two half-years, 621.58 DKK and DKK 310", () => {
    const { rule, ...json } = lateInterestJson(lateInterest(issueExample));
    expect(json).toEqual({
      interest: { amount: '621.58', currency: 'DKK' },
      fixedCompensation: { amount: '310.00', currency: 'DKK' },
      dayCount: 'act365',
      periods: [
        { from: '2025-06-01', to: '2025-06-30', days: 30, ratePct: '10.75' },
        { from: '2025-07-01', to: '2025-08-29', days: 60, ratePct: '9.75' },
      ],
    });
    expect(rule).toMatch(/renteloven § 5.*Nationalbanken.*8 percentage points.*10\.75 %.*9\.75 %.*ACT\/365/);
  });

  it('rounds the total once, not each period (per-period rounding would give 621.57)', () => {
    const perPeriod = [[30, '10.75'], [60, '9.75']].map(([days, rate]) => Math.round(2500000 * Number(rate) / 100 * Number(days) / 365));
    expect(perPeriod.reduce((a, b) => a + b)).toBe(62157);
    expect(lateInterest(issueExample).interest).toEqual(dkk('621.58'));
  });

  it('counts 30E/360 days per period so that they add up to the whole delay (30 + 59)', () => {
    const result = lateInterest({ ...issueExample, dayCount: '30e360' });
    expect(result.periods.map((p) => p.days)).toEqual([30, 59]);
    expect(result.interest).toEqual(dkk('623.44'));
  });

  it('accrues nothing when paid on the due date, and nothing when paid before it', () => {
    for (const paidDate of ['2025-05-31', '2025-05-01']) {
      const result = lateInterest({ ...issueExample, paidDate: d(paidDate) });
      expect(result).toMatchObject({ interest: dkk('0.00'), fixedCompensation: dkk('0.00'), periods: [], daysLate: 0 });
      expect(result.rule).toContain('no interest');
    }
  });

  it('accrues one day when paid the day after the due date', () => {
    const result = lateInterest({ ...issueExample, paidDate: d('2025-06-01') });
    expect(result.periods).toEqual([expect.objectContaining({ from: '2025-06-01', to: '2025-06-01', days: 1 })]);
  });

  describe('GB', () => {
    it('uses one rate for the whole debt, set by the half-year in which interest starts', () => {
      // Interest starts 2023-06-16: Bank Rate on 31 Dec 2022 (3.50 %) + 8, even after 1 July, when it was 5.00 %.
      const result = lateInterest({ jurisdiction: 'GB', principal: gbp('5000.00'), dueDate: d('2023-06-15'), paidDate: d('2023-09-14') });
      expect(result.periods).toEqual([expect.objectContaining({ from: '2023-06-16', to: '2023-09-14', days: 91, ratePct: '11.50' })]);
      expect(result.periods[0]?.statutory).toMatchObject({ referenceDate: '2022-12-31', referenceRatePct: '3.50', marginPct: '8.00' });
      expect(result.rule).toMatch(/31 December 2022 \(3\.50 %\).*one rate for the whole debt/);
    });

    it('takes the 30 June rate when the due date is 30 June, as interest starts on 1 July', () => {
      const result = lateInterest({ jurisdiction: 'GB', principal: gbp('5000.00'), dueDate: d('2025-06-30'), paidDate: d('2025-07-30') });
      expect(result.periods[0]).toMatchObject({ ratePct: '12.25', statutory: { referenceDate: '2025-06-30' } });
    });

    it.each([
      ['999.99', '40.00'], ['1000.00', '70.00'], ['9999.99', '70.00'], ['10000.00', '100.00'], ['250000.00', '100.00'],
    ])('charges the fixed sum by the size of the debt: £%s → £%s', (principal, sum) => {
      expect(lateInterest({ jurisdiction: 'GB', principal: gbp(principal), dueDate: d('2024-03-15'), paidDate: d('2024-04-29') }).fixedCompensation).toEqual(gbp(sum));
    });

    it('rounds the daily interest to the penny only when asked (gov.uk: 23p × 50 days)', () => {
      const input: LateInterestInput = { jurisdiction: 'GB', principal: gbp('1000.00'), dueDate: d('2015-03-02'), paidDate: d('2015-04-21') };
      expect(lateInterest(input).interest).toEqual(gbp('11.64'));
      const rounded = lateInterest({ ...input, dailyRounding: true });
      expect(rounded.interest).toEqual(gbp('11.50'));
      expect(rounded.rule).toContain('daily interest rounded to the penny');
    });

    it('asks for the debt in pounds, as the fixed sum depends on its size', () => {
      expect(thrown(() => lateInterest({ jurisdiction: 'GB', principal: eur('5000.00'), dueDate: d('2024-03-15'), paidDate: d('2024-04-29') })).code).toBe('input.invalid');
    });

    it('gives no statutory interest on a consumer debt, and no fixed sum', () => {
      const result = lateInterest({ jurisdiction: 'GB', principal: gbp('5000.00'), dueDate: d('2024-03-15'), paidDate: d('2024-04-29'), debtor: 'consumer' });
      expect(result).toMatchObject({ interest: gbp('0.00'), fixedCompensation: gbp('0.00'), periods: [], compensationReason: 'consumer' });
      expect(result.rule).toMatch(/between businesses only/);
    });

    it('gives no statutory fixed sum when a contractual rate takes the place of the Act', () => {
      const result = lateInterest({ jurisdiction: 'GB', principal: gbp('5000.00'), dueDate: d('2024-03-15'), paidDate: d('2024-04-29'), contractualRatePct: '10' });
      expect(result).toMatchObject({ fixedCompensation: gbp('0.00'), compensationReason: 'contractual_remedy' });
    });
  });

  describe('older claims keep their older margin', () => {
    it('DK: +7 for claims due before 2013-03-01, in every later half-year too', () => {
      const old = lateInterest({ jurisdiction: 'DK', principal: dkk('10000.00'), dueDate: d('2013-02-28'), paidDate: d('2014-01-31') });
      expect(old.periods.map((p) => p.ratePct)).toEqual(['7.20', '7.20', '7.20']);
      expect(old.compensationReason).toBe('claim_too_old');
      const newer = lateInterest({ jurisdiction: 'DK', principal: dkk('10000.00'), dueDate: d('2013-03-01'), paidDate: d('2014-01-31') });
      expect(newer.periods.map((p) => p.ratePct)).toEqual(['8.20', '8.20', '8.20']);
      expect(newer.fixedCompensation).toEqual(dkk('310.00'));
    });

    it('DE: +8 and no Verzugspauschale for obligations that arose on or before 2014-07-28', () => {
      const base = { jurisdiction: 'DE', principal: eur('10000.00'), dueDate: d('2014-08-20'), paidDate: d('2014-09-19') } as const;
      expect(lateInterest({ ...base, claimArose: d('2014-07-28') })).toMatchObject({ periods: [{ ratePct: '7.27' }], fixedCompensation: eur('0.00') });
      expect(lateInterest({ ...base, claimArose: d('2014-07-29') })).toMatchObject({ periods: [{ ratePct: '8.27' }], fixedCompensation: eur('40.00') });
      expect(lateInterest(base)).toMatchObject({ periods: [{ ratePct: '8.27' }] }); // the due date stands in for when it arose
    });
  });

  it('DE consumers: Basiszinssatz + 5 and no fixed sum', () => {
    const result = lateInterest({ jurisdiction: 'DE', principal: eur('1000.00'), dueDate: d('2024-01-10'), paidDate: d('2024-02-04'), debtor: 'consumer' });
    expect(result).toMatchObject({ periods: [{ ratePct: '8.62' }], fixedCompensation: eur('0.00'), compensationReason: 'consumer' });
    expect(result.rule).toContain('§ 288(1) BGB');
  });

  it('applies a negative reference rate as negative (DK, second half of 2021: 7.65 %)', () => {
    expect(lateInterest({ jurisdiction: 'DK', principal: dkk('1000.00'), dueDate: d('2021-08-01'), paidDate: d('2021-09-01') }).periods[0]?.ratePct).toBe('7.65');
  });

  it('gives the fixed compensation in the currency of the jurisdiction, whatever the invoice currency', () => {
    expect(lateInterest({ ...issueExample, principal: eur('25000.00') })).toMatchObject({ interest: { currency: 'EUR' }, fixedCompensation: dkk('310.00') });
  });

  it('gives nothing under NONE, but a contractual rate still counts', () => {
    const none = lateInterest({ ...issueExample, jurisdiction: 'NONE' });
    expect(none).toMatchObject({ interest: dkk('0.00'), fixedCompensation: dkk('0.00'), periods: [] });
    expect(none.rule).toMatch(/No statutory late-payment interest/);
    const contract = lateInterest({ ...issueExample, jurisdiction: 'NONE', contractualRatePct: '8', dayCount: '30e360' });
    // 25 000 × 8 % × 89 / 360
    expect(contract).toMatchObject({ interest: dkk('494.44'), fixedCompensation: dkk('0.00'), periods: [{ from: '2025-06-01', to: '2025-08-29', days: 89, ratePct: '8.00' }] });
    expect(contract.rule).toMatch(/Contractual late-payment interest at 8\.00 % a year.*30E\/360/);
  });

  it('keeps the Danish compensation beside a contractual rate (it cannot be excluded by contract)', () => {
    expect(lateInterest({ ...issueExample, contractualRatePct: '12.5' })).toMatchObject({ fixedCompensation: dkk('310.00'), periods: [{ ratePct: '12.50', statutory: null }] });
  });

  it('states the rule in Danish with the Danish terms', () => {
    const rule = lateInterest({ ...issueExample, locale: 'da' }).rule;
    expect(rule).toMatch(/^Morarente efter renteloven § 5: Nationalbankens udlånsrente/);
    expect(rule).toContain('10,75 % fra 1. juni 2025, 9,75 % fra 1. juli 2025');
    expect(rule).toContain('Kompensationsbeløb');
    expect(rule).not.toContain('..');
  });

  it.each(['DK', 'GB', 'DE', 'EU'] as const)('%s: the rule names every rate used and the day count', (jurisdiction) => {
    for (const dayCount of dayCounts) {
      for (const locale of ['en', 'da'] as const) {
        const result = lateInterest({ jurisdiction, principal: parseMoney('5000.00', currencyOf[jurisdiction]), dueDate: d('2024-05-20'), paidDate: d('2024-09-02'), dayCount, locale });
        for (const p of result.periods) expect(result.rule).toContain(locale === 'da' ? p.ratePct.replace('.', ',') : p.ratePct);
        expect(result.rule).toContain({ act365: 'ACT/365', '30e360': '30E/360', actact: 'ACT/ACT' }[dayCount]);
      }
    }
  });

  describe('stops and asks for the rate', () => {
    it('when the delay reaches a half-year whose rate is unknown (grade U)', () => {
      const error = thrown(() => lateInterest({ ...issueExample, dueDate: d('2026-06-15'), paidDate: d('2026-07-10') }));
      expect(error.details).toMatchObject({ reason: 'law.rate_unknown', jurisdiction: 'DK', halfYearFrom: '2026-07-01' });
      expect(error.message).toMatch(/No DK statutory interest rate is known for the half-year from 2026-07-01.*grade U.*add it with its source to src\/core\/law\/data\/rates\.json/);
    });

    it.each([
      ['DK', '2012-11-30', '2013-01-15'],
      ['DE', '2026-08-01', '2026-09-01'],
      ['EU', '2026-12-01', '2027-01-05'],
      ['GB', '2026-12-31', '2027-02-01'],
    ] as const)('%s from %s: a half-year with no row', (jurisdiction, dueDate, paidDate) => {
      const error = thrown(() => lateInterest({ jurisdiction, principal: parseMoney('100.00', currencyOf[jurisdiction]), dueDate: d(dueDate), paidDate: d(paidDate) }));
      expect(error.details).toMatchObject({ reason: 'law.rate_unknown', jurisdiction });
      expect(error.message).toMatch(/Please look up/);
    });

    it('but not for a claim paid on time, nor under a contractual rate', () => {
      expect(lateInterest({ ...issueExample, dueDate: d('2026-08-01'), paidDate: d('2026-08-01') }).interest.minor).toBe(0);
      expect(lateInterest({ ...issueExample, dueDate: d('2026-08-01'), paidDate: d('2026-09-01'), contractualRatePct: '9' }).interest.minor).toBeGreaterThan(0);
    });
  });

  describe('refuses bad input', () => {
    it.each([
      ['a negative principal', { principal: dkk('-1.00') }],
      ['counting from before the due date', { since: d('2025-05-30') }],
      ['a claim arising after it falls due', { claimArose: d('2025-06-01') }],
      ['a contractual rate that is not a number', { contractualRatePct: 'eight' }],
      ['a negative contractual rate', { contractualRatePct: '-1' }],
    ])('%s', (_, change) => {
      expect(thrown(() => lateInterest({ ...issueExample, ...change })).code).toBe('input.invalid');
    });
  });

  it('fixedCompensation alone: once per late claim, nothing when not late', () => {
    const claim = { jurisdiction: 'EU', principal: eur('1.00'), dueDate: d('2025-01-31') } as const;
    expect(fixedCompensation({ ...claim, paidDate: d('2025-02-01') })).toEqual({ amount: eur('40.00'), reason: 'due' });
    expect(fixedCompensation({ ...claim, paidDate: d('2025-01-31') })).toEqual({ amount: eur('0.00'), reason: 'not_late' });
  });
});

// ---- properties ----------------------------------------------------------------------

const FIRST_KNOWN = Temporal.PlainDate.from('2013-01-01');
const KNOWN_DAYS = FIRST_KNOWN.until(Temporal.PlainDate.from('2026-06-30'), { largestUnit: 'days' }).days;
/** A date in the half-years every statutory table knows. */
const knownDate = fc.integer({ min: 0, max: KNOWN_DAYS }).map((n) => FIRST_KNOWN.add({ days: n }).toString() as IsoDate);
const anyDate = fc.integer({ min: 0, max: 365 * 80 }).map((n) => Temporal.PlainDate.from('1990-01-01').add({ days: n }).toString() as IsoDate);
const statutory = fc.constantFrom('DK', 'GB', 'DE', 'EU' as const);
const dayCount = fc.constantFrom(...dayCounts);
const minor = fc.integer({ min: 0, max: 1e12 });
const ratePct = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 9999 })).map(([i, f]) => `${i}.${String(f).padStart(4, '0')}`);
const sorted = <T extends string>(...dates: T[]) => [...dates].sort();
const principalIn = (jurisdiction: 'DK' | 'GB' | 'DE' | 'EU', m: number): Money => ({ minor: m, currency: currencyOf[jurisdiction] });

describe('lateInterest properties', () => {
  it('is never negative for a non-negative rate', () => fc.assert(fc.property(
    minor, ratePct, anyDate, anyDate, dayCount, fc.boolean(),
    (m, rate, dueDate, paidDate, count, daily) => {
      const result = lateInterest({ jurisdiction: 'NONE', principal: { minor: m, currency: DKK }, dueDate, paidDate, dayCount: count, contractualRatePct: rate, dailyRounding: daily });
      expect(result.interest.minor).toBeGreaterThanOrEqual(0);
    })));

  it('is never negative at the statutory rates', () => fc.assert(fc.property(
    statutory, minor, knownDate, knownDate, dayCount, fc.constantFrom('business', 'consumer' as const),
    (jurisdiction, m, a, b, count, debtor) => {
      const [dueDate, paidDate] = sorted(a, b) as [IsoDate, IsoDate];
      const result = lateInterest({ jurisdiction, principal: principalIn(jurisdiction, m), dueDate, paidDate, dayCount: count, debtor });
      expect(result.interest.minor).toBeGreaterThanOrEqual(0);
    })));

  it('grows (or stays) with the days late', () => fc.assert(fc.property(
    statutory, minor, knownDate, knownDate, knownDate, dayCount, fc.boolean(),
    (jurisdiction, m, a, b, c, count, daily) => {
      const [dueDate, earlier, later] = sorted(a, b, c) as [IsoDate, IsoDate, IsoDate];
      const base = { jurisdiction, principal: principalIn(jurisdiction, m), dueDate, dayCount: count, dailyRounding: daily };
      expect(lateInterest({ ...base, paidDate: later }).interest.minor).toBeGreaterThanOrEqual(lateInterest({ ...base, paidDate: earlier }).interest.minor);
    })));

  it('grows (or stays) with the principal', () => fc.assert(fc.property(
    statutory, minor, minor, knownDate, knownDate, dayCount, fc.boolean(),
    (jurisdiction, x, y, a, b, count, daily) => {
      const [dueDate, paidDate] = sorted(a, b) as [IsoDate, IsoDate];
      const base = { jurisdiction, dueDate, paidDate, dayCount: count, dailyRounding: daily };
      const [small, large] = x <= y ? [x, y] : [y, x];
      expect(lateInterest({ ...base, principal: principalIn(jurisdiction, large) }).interest.minor)
        .toBeGreaterThanOrEqual(lateInterest({ ...base, principal: principalIn(jurisdiction, small) }).interest.minor);
    })));

  it('adds up: a delay split at any dates gives the total within one minor unit per split', () => fc.assert(fc.property(
    statutory, minor, fc.array(knownDate, { minLength: 3, maxLength: 6 }), dayCount,
    (jurisdiction, m, dates, count) => {
      const [dueDate, ...rest] = sorted(...dates) as [IsoDate, ...IsoDate[]];
      const paidDate = rest.at(-1) as IsoDate;
      const splits = rest.slice(0, -1);
      const claim = { jurisdiction, principal: principalIn(jurisdiction, m), dueDate, dayCount: count };
      const total = lateInterest({ ...claim, paidDate }).interest.minor;
      const bounds = [dueDate, ...splits, paidDate];
      const parts = bounds.slice(1).map((to, i) => lateInterest({ ...claim, since: bounds[i] as IsoDate, paidDate: to }).interest.minor);
      expect(Math.abs(parts.reduce((s, p) => s + p, 0) - total)).toBeLessThanOrEqual(splits.length);
    })));

  it('counts exactly paid date − due date days under ACT/365 and ACT/ACT', () => fc.assert(fc.property(
    statutory, knownDate, knownDate, fc.constantFrom('act365', 'actact' as const),
    (jurisdiction, a, b, count) => {
      const [dueDate, paidDate] = sorted(a, b) as [IsoDate, IsoDate];
      const result = lateInterest({ jurisdiction, principal: principalIn(jurisdiction, 100000), dueDate, paidDate, dayCount: count });
      expect(result.periods.reduce((n, p) => n + p.days, 0)).toBe(result.daysLate);
    })));
});
