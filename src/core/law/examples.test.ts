import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../../test/support/paths.ts';
import { Temporal, tryParseIsoDate, type IsoDate } from '../dates.ts';
import { isCurrencyCode, minorDigits, type CurrencyCode, type Money } from '../money.ts';
import type { DayCount } from './day-count.ts';
import { lawData, type DebtorKind, type StatutoryJurisdiction } from './law-data.ts';
import { fixedCompensation, formatPct, lateInterest, type LateInterestInput } from './late-interest.ts';

// Every worked example of ../shared/law/examples.json, read in place, must reproduce to the
// minor unit. The checks are derived from the fields an example has, so a new example of a
// known kind is checked without touching this file; an expectation of an unknown kind fails
// until this file learns what it means.

interface Segment { from: string; to: string; days: number; annualRate: number; referenceRate?: number; baseRate?: number }
interface Example {
  id: string;
  jurisdiction: StatutoryJurisdiction | 'NONE';
  principal: number;
  currency: string;
  dueDate?: string;
  paidDate?: string;
  days?: number;
  segments?: Segment[];
  referenceRate?: number;
  annualRate?: number;
  dayCount?: string;
  debtor?: DebtorKind;
  expectedFixedSum?: number;
  [key: string]: unknown;
}

const file = join(sharedDir, 'law', 'examples.json');
const examples = (JSON.parse(readFileSync(file, 'utf8')) as { examples: Example[] }).examples;

const dayCountOf: Record<string, DayCount> = { 'ACT/365': 'act365', '30E/360': '30e360', 'ACT/ACT': 'actact' };

/** What each kind of expected interest means, as options of the engine. */
const variants: Record<string, { dayCount?: DayCount; dailyRounding?: boolean }> = {
  expectedInterest: {},
  expectedInterest30E360: { dayCount: '30e360' },
  expectedInterestActAct: { dayCount: 'actact' },
  expectedInterestGovUkRounding: { dailyRounding: true },
  expectedInterestDailyRounded: { dailyRounding: true },
};
/**
 * Readings of the rate rule the EU default does not follow (the Directive splits per
 * semester): the Irish single rate on the payment date, and the French public-procurement
 * rate fixed when interest starts. The engine must give something else.
 */
const otherReadings = new Set(['expectedInterestIrelandSingleRateAtPayment', 'expectedInterestRateFixedAtStart']);

/** A JSON number from the examples as exact money: 11.5 GBP → 1150 pence. */
function exampleMoney(value: number, currency: CurrencyCode): Money {
  const minor = new Decimal(String(value)).times(new Decimal(10).pow(minorDigits(currency)));
  if (!minor.isInteger()) throw new Error(`${value} has more decimals than ${currency}`);
  return { minor: minor.toNumber(), currency };
}

const date = (text: string | undefined, what: string): IsoDate => {
  const parsed = text === undefined ? undefined : tryParseIsoDate(text);
  if (!parsed) throw new Error(`${what}: "${text}" is not a date`);
  return parsed;
};

// An example without dates (a third-party calculator: principal, days, rate) is checked on
// the arithmetic: its rate as a fixed rate over that many days from an arbitrary due date.
const UNDATED_DUE = '2025-01-15' as IsoDate;

function inputOf(example: Example, variant: { dayCount?: DayCount; dailyRounding?: boolean }): LateInterestInput {
  if (!isCurrencyCode(example.currency)) throw new Error(`${example.id}: unknown currency ${example.currency}`);
  const principal = exampleMoney(example.principal, example.currency);
  const dayCount = variant.dayCount ?? dayCountOf[example.dayCount ?? 'ACT/365'];
  if (!dayCount) throw new Error(`${example.id}: unknown day count ${example.dayCount}`);
  const common = { principal, dayCount, dailyRounding: variant.dailyRounding ?? false, ...(example.debtor ? { debtor: example.debtor } : {}) };
  if (example.dueDate !== undefined || example.paidDate !== undefined) {
    return { ...common, jurisdiction: example.jurisdiction, dueDate: date(example.dueDate, `${example.id}.dueDate`), paidDate: date(example.paidDate, `${example.id}.paidDate`) };
  }
  if (example.days === undefined || example.annualRate === undefined) throw new Error(`${example.id}: needs dueDate and paidDate, or days and annualRate`);
  if (dayCount !== 'act365') throw new Error(`${example.id}: a ${dayCount} figure needs dates`);
  const paidDate = Temporal.PlainDate.from(UNDATED_DUE).add({ days: example.days }).toString() as IsoDate;
  return { ...common, jurisdiction: 'NONE', contractualRatePct: String(example.annualRate), dueDate: UNDATED_DUE, paidDate };
}

const dated = (e: Example) => e.dueDate !== undefined || e.paidDate !== undefined;

describe(`the worked examples of ${file}`, () => {
  it('are there to check', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  describe.each(examples.map((e) => [e.id, e] as const))('%s', (_, example) => {
    const expectations = Object.keys(example).filter((k) => k.startsWith('expected'));

    it('has only expectations this test knows how to check', () => {
      const unknown = expectations.filter((k) => k !== 'expectedFixedSum' && !(k in variants) && !otherReadings.has(k));
      expect(unknown).toEqual([]);
    });

    it.each(expectations.filter((k) => k in variants))('reproduces %s to the minor unit', (key) => {
      const result = lateInterest(inputOf(example, variants[key] ?? {}));
      expect(result.interest).toEqual(exampleMoney(example[key] as number, result.interest.currency));
    });

    it.each(expectations.filter((k) => otherReadings.has(k)))('does not follow the other reading %s', (key) => {
      const result = lateInterest(inputOf(example, {}));
      expect(result.interest).not.toEqual(exampleMoney(example[key] as number, result.interest.currency));
    });

    if (example.expectedFixedSum !== undefined) it('gives the fixed sum', () => {
      const input = inputOf(example, {});
      // Undated examples give the rate, not the law: ask the statute for the fixed sum directly.
      const { amount } = fixedCompensation({ ...input, jurisdiction: example.jurisdiction });
      const currency = example.jurisdiction === 'NONE' ? input.principal.currency : lawData[example.jurisdiction].currency;
      expect(amount).toEqual(exampleMoney(example.expectedFixedSum as number, currency));
    });

    if (dated(example) && example.days !== undefined) it('counts the days as paid date − due date', () => {
      expect(lateInterest(inputOf(example, {})).daysLate).toBe(example.days);
    });

    if (dated(example) && example.segments !== undefined) it('splits into the same periods at the same rates', () => {
      const periods = lateInterest(inputOf(example, { dayCount: 'act365' })).periods;
      expect(periods.map((p) => ({ from: p.from, to: p.to, days: p.days, ratePct: p.ratePct, referenceRatePct: p.statutory?.referenceRatePct })))
        .toEqual((example.segments ?? []).map((s) => ({
          from: s.from, to: s.to, days: s.days, ratePct: formatPct(String(s.annualRate)),
          referenceRatePct: formatPct(String(s.referenceRate ?? s.baseRate)),
        })));
    });

    if (dated(example) && example.segments === undefined && example.annualRate !== undefined) it('uses the same rate throughout', () => {
      const periods = lateInterest(inputOf(example, {})).periods;
      expect(periods.length).toBeGreaterThan(0);
      for (const p of periods) {
        expect(p.ratePct).toBe(formatPct(String(example.annualRate)));
        if (example.referenceRate !== undefined) expect(p.statutory?.referenceRatePct).toBe(formatPct(String(example.referenceRate)));
      }
    });
  });
});
