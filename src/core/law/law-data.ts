import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { toPlainDate, type IsoDate } from '../dates.ts';
import type { CurrencyCode } from '../money.ts';
import { CurrencyWire, DateWire } from '../ledger/wire.ts';
import raw from './data/rates.json' with { type: 'json' };

// The statutory rules and rate tables are data (data/rates.json, derived from
// ../shared/law/rates.json with every source and grade): updating a rate is editing that
// file. This module checks the file once, at load, so a typo in a rate (statutoryRate ≠
// referenceRate + margin, a row not on 1 Jan / 1 Jul, rows out of order) fails every test
// and every start instead of reaching a letter.

export const statutoryJurisdictions = ['DK', 'GB', 'DE', 'EU'] as const;
export type StatutoryJurisdiction = (typeof statutoryJurisdictions)[number];
export const debtorKinds = ['business', 'consumer'] as const;
export type DebtorKind = (typeof debtorKinds)[number];
export const grades = ['A', 'B', 'C', 'D', 'U'] as const;
export type Grade = (typeof grades)[number];

/** A rate or amount as decimal text (`"8.05"`, `"-0.45"`), read into an exact Decimal. */
const DecimalText = z.string().regex(/^-?\d{1,6}(\.\d{1,6})?$/, 'a decimal string such as "8.05"')
  .transform((text) => new Decimal(text));
const Source = { grade: z.enum(grades), source: z.string().min(1) };
/** Which date of the claim a dated rule looks at: when it fell due, or when the obligation arose. */
const ClaimDateBasis = z.enum(['dueDate', 'claimArose']);

const RateRow = z.strictObject({
  from: DateWire,
  to: DateWire.optional(),
  referenceDate: DateWire.optional(),
  referenceRate: DecimalText.nullable(),
  statutoryRate: DecimalText.nullable(),
  margin: DecimalText,
  ...Source,
  note: z.string().optional(),
});

const Margin = z.strictObject({
  debtor: z.enum(['any', ...debtorKinds]),
  by: ClaimDateBasis,
  from: DateWire.nullable(),
  margin: DecimalText,
  legalBasis: z.string(),
  note: z.string().optional(),
  ...Source,
});

const Band = z.strictObject({ minInclusive: DecimalText, maxExclusive: DecimalText.nullable(), amount: DecimalText });

const FixedCompensation = z.looseObject({
  currency: CurrencyWire,
  bands: z.array(Band).min(1),
  debtors: z.array(z.enum(debtorKinds)),
  claimsFrom: z.strictObject({ by: ClaimDateBasis, date: DateWire }).nullable(),
  /** Whether the fixed sum is still due when the contract sets its own interest (GB: a substantial contractual remedy displaces the Act, ss. 8–9). */
  withContractualInterest: z.boolean(),
  legalBasis: z.string(),
  ...Source,
});

const ReminderFees = z.looseObject({
  currency: CurrencyWire,
  maxPerReminder: DecimalText,
  maxFeeBearingReminders: z.number().int().min(0),
  minDaysBetweenFeeBearingReminders: z.number().int().min(0),
  legalBasis: z.string(),
  ...Source,
});

const JurisdictionLaw = z.looseObject({
  name: z.strictObject({ en: z.string(), da: z.string() }),
  law: z.string(),
  currency: CurrencyWire,
  /** per-half-year: each half-year of the delay at its own rate (DK, DE, EU); fixed-at-start: one rate for the whole debt (GB). */
  rateChange: z.enum(['per-half-year', 'fixed-at-start']),
  rateRule: z.looseObject({ formula: z.string(), ...Source }),
  margins: z.array(Margin).min(1),
  rates: z.array(RateRow).min(1),
  fixedCompensation: FixedCompensation,
  reminderFees: ReminderFees.optional(),
});

const LawFile = z.looseObject({
  jurisdictions: z.strictObject(Object.fromEntries(statutoryJurisdictions.map((j) => [j, JurisdictionLaw])) as Record<StatutoryJurisdiction, typeof JurisdictionLaw>),
});

type JurisdictionLawParsed = z.infer<typeof JurisdictionLaw>;
export type RateRow = z.infer<typeof RateRow>;
export type MarginRule = z.infer<typeof Margin>;
export type FixedCompensationRule = z.infer<typeof FixedCompensation> & { currency: CurrencyCode };
export type ReminderFeeRule = z.infer<typeof ReminderFees> & { currency: CurrencyCode };
export type JurisdictionRules = JurisdictionLawParsed & { code: StatutoryJurisdiction };
export type LawData = Readonly<Record<StatutoryJurisdiction, JurisdictionRules>>;

const isHalfYearStart = (date: IsoDate) => /-(01|07)-01$/.test(date);

/** The consistency checks a schema cannot express; each problem names the row. */
function problemsOf(code: StatutoryJurisdiction, law: JurisdictionLawParsed): string[] {
  const problems: string[] = [];
  law.rates.forEach((row, i) => {
    const at = `${code}.rates[${i}] (from ${row.from})`;
    if (!isHalfYearStart(row.from)) problems.push(`${at}: a row starts on 1 January or 1 July`);
    const previous = law.rates[i - 1];
    if (previous && previous.from >= row.from) problems.push(`${at}: rows must be in ascending order of "from", one per half-year`);
    if ((row.referenceRate === null) !== (row.statutoryRate === null)) problems.push(`${at}: referenceRate and statutoryRate are both known or both null`);
    if (row.referenceRate === null && row.grade !== 'U') problems.push(`${at}: a row without a rate must have grade U`);
    if (row.referenceRate !== null && row.statutoryRate !== null && !row.referenceRate.plus(row.margin).eq(row.statutoryRate)) {
      problems.push(`${at}: statutoryRate ${row.statutoryRate} is not referenceRate ${row.referenceRate} + margin ${row.margin}`);
    }
    if (law.rateChange === 'fixed-at-start') {
      const start = toPlainDate(row.from);
      const end = start.add({ months: 6 }).subtract({ days: 1 }).toString();
      const referenceDate = start.subtract({ days: 1 }).toString();
      if (row.to !== end) problems.push(`${at}: "to" must be ${end}, the end of its half-year`);
      if (row.referenceDate !== referenceDate) problems.push(`${at}: "referenceDate" must be ${referenceDate}, the day before the half-year`);
    }
  });
  law.margins.forEach((m, i) => {
    if (law.margins.some((o, j) => j < i && o.debtor === m.debtor && o.from === m.from)) problems.push(`${code}.margins[${i}]: two margins for the same debtor and date`);
  });
  const bands = law.fixedCompensation.bands;
  bands.forEach((band, i) => {
    const next = bands[i + 1];
    const expectedMax = next ? next.minInclusive : null;
    if ((band.maxExclusive === null) !== (expectedMax === null) || (band.maxExclusive && expectedMax && !band.maxExclusive.eq(expectedMax))) {
      problems.push(`${code}.fixedCompensation.bands[${i}]: bands must follow each other without gaps, the last one open-ended`);
    }
  });
  if (bands[0] && !bands[0].minInclusive.isZero()) problems.push(`${code}.fixedCompensation.bands[0]: the first band starts at 0`);
  return problems;
}

/** Parses and checks the law data (the content of data/rates.json); throws naming every problem at once. */
export function parseLawData(input: unknown): LawData {
  const parsed = LawFile.safeParse(input);
  if (!parsed.success) {
    throw new Error('Invalid law data (src/core/law/data/rates.json):\n' +
      parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const problems = statutoryJurisdictions.flatMap((code) => problemsOf(code, parsed.data.jurisdictions[code]));
  if (problems.length > 0) throw new Error(`Invalid law data (src/core/law/data/rates.json):\n  ${problems.join('\n  ')}`);
  return Object.fromEntries(statutoryJurisdictions.map((code) => [code, { ...parsed.data.jurisdictions[code], code }])) as unknown as LawData;
}

/** The rules and rate tables in force, checked at load. */
export const lawData: LawData = parseLawData(raw);

/** The raw JSON as shipped, for tests that break it on purpose. */
export const rawLawData: unknown = raw;
