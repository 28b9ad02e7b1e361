import { Decimal } from 'decimal.js';
import { Temporal, toPlainDate, type IsoDate } from '../dates.ts';
import { FirmlyError, type ErrorCode } from '../errors.ts';
import { formatDecimal, minorDigits, type Money } from '../money.ts';
import type { Jurisdiction, Locale } from '../ledger/wire.ts';
import { dayChunks, type DayChunk, type DayCount } from './day-count.ts';
import { lawData, type DebtorKind, type Grade, type JurisdictionRules, type MarginRule, type RateRow } from './law-data.ts';
import { ruleText, type CompensationReason, type RuleFacts } from './rule-text.ts';

// Statutory late-payment interest (issue 4; ../shared/law/README.md):
// - days counted = paid date − due date: interest runs from the day after the due date
//   through the payment date, so paying on the due date accrues nothing;
// - simple interest on the principal, never on interest;
// - DK, DE and EU: each half-year (1 Jan–30 Jun, 1 Jul–31 Dec) of the delay at its own rate;
//   GB: one rate for the whole debt, set by the half-year in which interest starts to run
//   (its reference date is 31 Dec / 30 Jun just before);
// - rate = the half-year's reference rate + the margin the claim earns (older claims keep
//   their older margin: DK +7 for claims due before 2013-03-01, DE +8 for obligations that
//   arose on or before 2014-07-28);
// - the total is computed exactly and rounded once, half up, to the minor unit;
// - a half-year without a known rate stops with an error that asks for it: never a guess.

// Exact enough for any amount × rate × days × the common multiple of the year lengths below.
const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
/** 365 × 366 × 360: every year length divides it, so the total is one exact division. */
const YEAR_LCM = 365 * 366 * 360;

// The details still carry reason 'law.rate_unknown' for callers that only look there.
const rateUnknownCode: ErrorCode = 'law.rate_unknown';

export interface LateInterestInput {
  readonly jurisdiction: Jurisdiction;
  /** The unpaid amount the interest runs on (VAT included where the invoice has it). */
  readonly principal: Money;
  readonly dueDate: IsoDate;
  /** The payment date, or the date interest is counted to for a claim still open. */
  readonly paidDate: IsoDate;
  /**
   * Count only the days after this date (default the due date): for interest between part
   * payments. The rate is still chosen by the claim. The fixed compensation is per claim and
   * comes with every window: count it once when adding windows up.
   */
  readonly since?: IsoDate;
  readonly dayCount?: DayCount;
  /** A contractual rate in percent a year (`"8.00"`) instead of the statutory one. */
  readonly contractualRatePct?: string;
  readonly debtor?: DebtorKind;
  /** When the obligation arose (DE margin, DE and DK compensation); default the due date. */
  readonly claimArose?: IsoDate;
  /** gov.uk's method: the day's interest rounded to the minor unit, times the days. */
  readonly dailyRounding?: boolean;
  readonly locale?: Locale;
}

export interface InterestPeriod {
  /** First and last day of interest in this period, inclusive. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Days under the day count (30E/360 days for 30e360). */
  readonly days: number;
  /** Rate in percent a year, at least two decimals: `"10.75"`. */
  readonly ratePct: string;
  /** Where a statutory rate comes from; null for a contractual rate. */
  readonly statutory: {
    readonly referenceRatePct: string;
    readonly marginPct: string;
    /** GB: the date whose Bank Rate fixes the rate. */
    readonly referenceDate: IsoDate | null;
    readonly grade: Grade;
    readonly source: string;
  } | null;
}

export interface LateInterest {
  readonly interest: Money;
  readonly fixedCompensation: Money;
  readonly compensationReason: CompensationReason;
  readonly dayCount: DayCount;
  readonly periods: readonly InterestPeriod[];
  readonly rule: string;
  /** Calendar days late: paid date − due date, at least 0. */
  readonly daysLate: number;
  readonly dailyRounding: boolean;
}

const compare = Temporal.PlainDate.compare;
const iso = (date: Temporal.PlainDate) => date.toString() as IsoDate;
const halfYearStart = (date: Temporal.PlainDate) => Temporal.PlainDate.from({ year: date.year, month: date.month <= 6 ? 1 : 7, day: 1 });
const halfYearEnd = (date: Temporal.PlainDate) => halfYearStart(date).add({ months: 6 }).subtract({ days: 1 });
const max = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (compare(a, b) >= 0 ? a : b);
const min = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (compare(a, b) <= 0 ? a : b);

/** `8.5` → `"8.50"`: percent with at least two decimals, as rates are printed. */
export const formatPct = (rate: Decimal.Value): string => {
  const d = new Exact(rate);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
};

const invalid = (message: string, details: Record<string, unknown> = {}) => new FirmlyError('input.invalid', message, details);

/** The margin a claim earns under a jurisdiction's law; undefined when the law does not cover this debtor. */
function marginFor(law: JurisdictionRules, debtor: DebtorKind, claim: { dueDate: IsoDate; claimArose: IsoDate }): MarginRule | undefined {
  let found: MarginRule | undefined;
  for (const m of law.margins) {
    if (m.debtor !== 'any' && m.debtor !== debtor) continue;
    const claimDate = m.by === 'dueDate' ? claim.dueDate : claim.claimArose;
    if (m.from !== null && m.from > claimDate) continue;
    if (!found || (found.from ?? '') <= (m.from ?? '')) found = m;
  }
  return found;
}

type KnownRow = RateRow & { referenceRate: Decimal };

/** The rate row of the half-year starting on `start`, or the error that asks for it. */
function rowFor(law: JurisdictionRules, start: Temporal.PlainDate): KnownRow {
  const from = iso(start);
  const row = law.rates.find((r) => r.from === from);
  if (row && row.referenceRate !== null) return row as KnownRow;
  const what = {
    DK: `Nationalbanken's lending rate (udlånsrente) fixed on ${from}`,
    GB: `the Bank of England Bank Rate in force on ${iso(start.subtract({ days: 1 }))}`,
    DE: `the Basiszinssatz from ${from} (Deutsche Bundesbank)`,
    EU: `the ECB main refinancing rate in force on ${from}`,
  }[law.code];
  const why = row ? `the rate table has it as grade ${row.grade} (${row.source})` : 'the rate table has no row for it';
  throw new FirmlyError(rateUnknownCode,
    `No ${law.code} statutory interest rate is known for the half-year from ${from}: ${why}. ` +
    `Please look up ${what} and add it with its source to src/core/law/data/rates.json, or use a contractual rate.`,
    { reason: 'law.rate_unknown', jurisdiction: law.code, halfYearFrom: from });
}

interface Accrual {
  readonly period: InterestPeriod;
  readonly rate: Decimal;
  readonly chunks: readonly DayChunk[];
}

function accrual(from: Temporal.PlainDate, to: Temporal.PlainDate, rate: Decimal, dayCount: DayCount, statutory: InterestPeriod['statutory']): Accrual {
  // Day counts measure from the day before the first day of interest (exclusive) to the last (inclusive).
  const chunks = dayChunks(dayCount, from.subtract({ days: 1 }), to);
  return {
    period: { from: iso(from), to: iso(to), days: chunks.reduce((n, c) => n + c.days, 0), ratePct: formatPct(rate), statutory },
    rate: new Exact(rate),
    chunks,
  };
}

const statutoryOf = (row: KnownRow, margin: MarginRule, fixedAtStart: boolean): InterestPeriod['statutory'] => ({
  referenceRatePct: formatPct(row.referenceRate),
  marginPct: formatPct(margin.margin),
  referenceDate: fixedAtStart ? (row.referenceDate ?? null) : null,
  grade: row.grade,
  source: row.source,
});

/** Interest in minor units over the accruals: exact and rounded once, or gov.uk's daily rounding. */
function interestMinor(principalMinor: number, accruals: readonly Accrual[], dailyRounding: boolean): number {
  const principal = new Exact(principalMinor);
  if (dailyRounding) {
    return accruals.reduce((sum, a) => a.chunks.reduce((s, c) =>
      s.plus(principal.times(a.rate).div(100 * c.basis).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(c.days)), sum), new Exact(0)).toNumber();
  }
  const numerator = accruals.reduce((sum, a) => a.chunks.reduce((s, c) => s.plus(a.rate.times(c.days * (YEAR_LCM / c.basis))), sum), new Exact(0));
  return principal.times(numerator).div(100 * YEAR_LCM).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

const toMinor = (amount: Decimal, currency: Money['currency']): Money => {
  const minor = new Exact(amount).times(new Exact(10).pow(minorDigits(currency)));
  return { minor: minor.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(), currency };
};

export interface FixedCompensationInput {
  readonly jurisdiction: Jurisdiction;
  readonly principal: Money;
  readonly dueDate: IsoDate;
  readonly paidDate: IsoDate;
  readonly debtor?: DebtorKind;
  readonly claimArose?: IsoDate;
  /** A contractual interest rate applies instead of the statutory one. */
  readonly contractual?: boolean;
}

/**
 * The fixed compensation for one late claim, in the jurisdiction's currency (DKK 310,
 * £40/£70/£100 by the size of the debt, €40), with the reason when it is nothing. Due once
 * per claim, however long the delay and whether or not a reminder was sent.
 */
export function fixedCompensation(input: FixedCompensationInput): { amount: Money; reason: CompensationReason; claimsFrom?: IsoDate } {
  if (input.jurisdiction === 'NONE') return { amount: { minor: 0, currency: input.principal.currency }, reason: 'no_statute' };
  const rule = lawData[input.jurisdiction].fixedCompensation;
  const nothing = (reason: CompensationReason, claimsFrom?: IsoDate) => ({ amount: { minor: 0, currency: rule.currency }, reason, ...(claimsFrom ? { claimsFrom } : {}) });
  if (input.paidDate <= input.dueDate) return nothing('not_late');
  if (!rule.debtors.includes(input.debtor ?? 'business')) return nothing('consumer');
  if (rule.claimsFrom) {
    const claimDate = rule.claimsFrom.by === 'dueDate' ? input.dueDate : (input.claimArose ?? input.dueDate);
    if (claimDate < rule.claimsFrom.date) return nothing('claim_too_old', rule.claimsFrom.date);
  }
  if (input.contractual && !rule.withContractualInterest) return nothing('contractual_remedy');
  if (rule.bands.length > 1 && input.principal.currency !== rule.currency) {
    throw invalid(`The ${input.jurisdiction} fixed sum depends on the size of the debt in ${rule.currency}: give the principal in ${rule.currency}.`,
      { field: 'currency' });
  }
  const debt = new Exact(input.principal.minor).div(new Exact(10).pow(minorDigits(input.principal.currency)));
  const band = rule.bands.find((b) => debt.gte(b.minInclusive) && (b.maxExclusive === null || debt.lt(b.maxExclusive)));
  if (!band) throw invalid(`No ${input.jurisdiction} fixed-sum band covers a debt of ${debt.toFixed()}`);
  return { amount: toMinor(band.amount, rule.currency), reason: 'due' };
}

/**
 * Late-payment interest on one claim from the day after its due date (or `since`) through
 * `paidDate`, with the fixed compensation, the periods and rates used, and the rule sentence.
 * @example lateInterest({ jurisdiction: 'DK', principal: dkk('25000.00'), dueDate: '2025-05-31', paidDate: '2025-08-29' })
 *   // interest DKK 621.58: 30 days at 10.75 %, 60 days at 9.75 %, ACT/365
 */
export function lateInterest(input: LateInterestInput): LateInterest {
  const dayCount = input.dayCount ?? 'act365';
  const debtor = input.debtor ?? 'business';
  const locale = input.locale ?? 'en';
  const dailyRounding = input.dailyRounding ?? false;
  const claimArose = input.claimArose ?? input.dueDate;
  const since = input.since ?? input.dueDate;
  if (input.principal.minor < 0) throw invalid('The principal must not be negative', { field: 'principal' });
  if (since < input.dueDate) throw invalid(`Interest cannot be counted from ${since}, before the due date ${input.dueDate}`, { field: 'since' });
  if (claimArose > input.dueDate) throw invalid(`The claim cannot arise (${claimArose}) after it falls due (${input.dueDate})`, { field: 'claimArose' });
  if (input.contractualRatePct !== undefined && !/^\d{1,3}(\.\d{1,6})?$/.test(input.contractualRatePct)) {
    throw invalid(`"${input.contractualRatePct}" is not a rate in percent a year such as "8.00"`, { field: 'ratePct' });
  }
  const contractualRate = input.contractualRatePct === undefined ? undefined : new Exact(input.contractualRatePct);

  const due = toPlainDate(input.dueDate);
  const paid = toPlainDate(input.paidDate);
  const first = toPlainDate(since).add({ days: 1 }); // the first day of interest
  const accrues = compare(paid, first) >= 0;
  const compensation = fixedCompensation({ ...input, debtor, claimArose, contractual: contractualRate !== undefined });
  const common = { locale, dayCount, dailyRounding, dueDate: input.dueDate, since, until: input.paidDate, compensation };

  let accruals: Accrual[] = [];
  let facts: RuleFacts;
  if (contractualRate) {
    if (accrues) accruals = [accrual(first, paid, contractualRate, dayCount, null)];
    facts = { ...common, basis: 'contractual', jurisdiction: input.jurisdiction, ratePct: formatPct(contractualRate) };
  } else if (input.jurisdiction === 'NONE') {
    facts = { ...common, basis: 'none' };
  } else {
    const law = lawData[input.jurisdiction];
    const margin = marginFor(law, debtor, { dueDate: input.dueDate, claimArose });
    if (!margin) {
      facts = { ...common, basis: 'not_applicable', jurisdiction: input.jurisdiction };
    } else if (law.rateChange === 'fixed-at-start') {
      // The rate of the half-year in which interest starts to run (the day after the due
      // date), whatever part of the delay is being counted.
      const row = accrues ? rowFor(law, halfYearStart(due.add({ days: 1 }))) : undefined;
      if (row) accruals = [accrual(first, paid, row.referenceRate.plus(margin.margin), dayCount, statutoryOf(row, margin, true))];
      facts = {
        ...common, basis: 'statutory', jurisdiction: input.jurisdiction, debtor, marginPct: formatPct(margin.margin),
        rates: accruals.map((a) => ({ from: a.period.from, ratePct: a.period.ratePct })),
        ...(row?.referenceDate ? { fixed: { referenceDate: row.referenceDate, referenceRatePct: formatPct(row.referenceRate) } } : {}),
      };
    } else {
      for (let start = first; compare(start, paid) <= 0; start = halfYearEnd(start).add({ days: 1 })) {
        const row = rowFor(law, halfYearStart(start));
        accruals.push(accrual(max(start, first), min(halfYearEnd(start), paid), row.referenceRate.plus(margin.margin), dayCount, statutoryOf(row, margin, false)));
      }
      facts = {
        ...common, basis: 'statutory', jurisdiction: input.jurisdiction, debtor, marginPct: formatPct(margin.margin),
        rates: accruals.map((a) => ({ from: a.period.from, ratePct: a.period.ratePct })),
      };
    }
  }

  return {
    interest: { minor: interestMinor(input.principal.minor, accruals, dailyRounding), currency: input.principal.currency },
    fixedCompensation: compensation.amount,
    compensationReason: compensation.reason,
    dayCount,
    periods: accruals.map((a) => a.period),
    rule: ruleText(facts),
    daysLate: Math.max(0, due.until(paid, { largestUnit: 'days' }).days),
    dailyRounding,
  };
}

/** Money on the wire: `{"amount":"621.58","currency":"DKK"}`. */
const moneyJson = (m: Money) => ({ amount: formatDecimal(m), currency: m.currency });

/** The JSON of `firmly interest --json` (issue 4), keys in this order. */
export function lateInterestJson(result: LateInterest) {
  return {
    interest: moneyJson(result.interest),
    fixedCompensation: moneyJson(result.fixedCompensation),
    dayCount: result.dayCount,
    periods: result.periods.map((p) => ({ from: p.from, to: p.to, days: p.days, ratePct: p.ratePct })),
    rule: result.rule,
  };
}
