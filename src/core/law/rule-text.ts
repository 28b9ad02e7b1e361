import { Temporal, type IsoDate } from '../dates.ts';
import { formatDecimal, type Money } from '../money.ts';
import type { Locale } from '../ledger/wire.ts';
import { dayCountNames, type DayCount } from './day-count.ts';
import type { DebtorKind, StatutoryJurisdiction } from './law-data.ts';

// The sentence every letter carries (issue 4: "every letter states the rule, rate and day
// count it used"), in English and Danish. Danish letters use the Danish terms: morarente,
// kompensationsbeløb.

/** Why the fixed compensation is what it is. */
export type CompensationReason = 'due' | 'not_late' | 'consumer' | 'claim_too_old' | 'contractual_remedy' | 'no_statute';

export interface RatePart {
  readonly from: IsoDate;
  readonly ratePct: string;
}

/** Everything the rule sentence states, as the calculation used it. */
export type RuleFacts = {
  readonly locale: Locale;
  readonly dayCount: DayCount;
  readonly dailyRounding: boolean;
  readonly dueDate: IsoDate;
  readonly since: IsoDate;
  readonly until: IsoDate;
  readonly compensation: { readonly amount: Money; readonly reason: CompensationReason; readonly claimsFrom?: IsoDate };
} & (
  | { readonly basis: 'none' }
  | { readonly basis: 'not_applicable'; readonly jurisdiction: StatutoryJurisdiction }
  | { readonly basis: 'contractual'; readonly jurisdiction: StatutoryJurisdiction | 'NONE'; readonly ratePct: string }
  | {
    readonly basis: 'statutory';
    readonly jurisdiction: StatutoryJurisdiction;
    readonly debtor: DebtorKind;
    readonly marginPct: string;
    readonly rates: readonly RatePart[];
    /** GB: the reference date and rate that fix the one rate for the whole debt. */
    readonly fixed?: { readonly referenceDate: IsoDate; readonly referenceRatePct: string };
  }
);

const intlLocale = (locale: Locale) => (locale === 'da' ? 'da-DK' : 'en-GB');
const date = (iso: IsoDate, locale: Locale) =>
  Temporal.PlainDate.from(iso).toLocaleString(intlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric' });
const pct = (text: string, locale: Locale) => `${locale === 'da' ? text.replace('.', ',') : text} %`;
const amount = (money: Money, locale: Locale) =>
  new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: money.currency }).format(Number(formatDecimal(money)));
/** Ends a sentence with one full stop, also after "kr.". */
const sentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);
const points = (marginPct: string, locale: Locale) => {
  const n = marginPct.replace(/\.?0+$/, '');
  return locale === 'da' ? `${n.replace('.', ',')} procentpoint` : `${n} percentage points`;
};

const en = {
  statute: (j: StatutoryJurisdiction, debtor: DebtorKind) => ({
    DK: 'the Danish Interest Act (renteloven § 5)',
    GB: 'the Late Payment of Commercial Debts (Interest) Act 1998 (rate: SI 2002/1675 art. 4)',
    DE: debtor === 'consumer' ? 'the German Civil Code (§ 288(1) BGB)' : 'the German Civil Code (§ 288(2) BGB)',
    EU: 'Directive 2011/7/EU (Art. 2(6))',
  })[j],
  reference: (j: StatutoryJurisdiction) => ({
    DK: "Nationalbanken's lending rate fixed on 1 January and 1 July",
    GB: 'the Bank of England Bank Rate',
    DE: 'the Basiszinssatz (§ 247 BGB) of 1 January and 1 July',
    EU: 'the ECB main refinancing rate on 1 January and 1 July',
  })[j],
  compensationBasis: (j: StatutoryJurisdiction) => ({
    DK: 'Fixed compensation (renteloven § 9 a, stk. 3)',
    GB: 'Fixed sum (s. 5A of the Act)',
    DE: 'Fixed sum, Verzugspauschale (§ 288(5) BGB)',
    EU: 'Fixed compensation (Art. 6 of the Directive)',
  })[j],
  splitRates: (rates: readonly RatePart[], l: Locale) =>
    `each half-year at its own rate (${rates.map((r) => `${pct(r.ratePct, l)} from ${date(r.from, l)}`).join(', ')})`,
  fixedReference: (f: { referenceDate: IsoDate; referenceRatePct: string }, l: Locale) =>
    ` on ${date(f.referenceDate, l)} (${pct(f.referenceRatePct, l)}), the reference date before interest starts,`,
  fixedRate: (ratePct: string, l: Locale) => `= ${pct(ratePct, l)}, one rate for the whole debt`,
  statutory: (statute: string, reference: string, margin: string) => `Late-payment interest under ${statute}: ${reference} plus ${margin}`,
  contractual: (ratePct: string, l: Locale) => `Contractual late-payment interest at ${pct(ratePct, l)} a year`,
  none: 'No statutory late-payment interest applies (no jurisdiction)',
  scope: (j: 'GB' | 'EU') => ({ GB: 'the Late Payment of Commercial Debts (Interest) Act 1998', EU: 'Directive 2011/7/EU' })[j],
  notApplicable: (statute: string) => `No statutory interest: ${statute} covers debts between businesses only`,
  method: (dayCount: DayCount, dailyRounding: boolean) =>
    `simple interest, day count ${dayCountNames[dayCount].en}${dailyRounding ? ', daily interest rounded to the penny as gov.uk does' : ''}`,
  window: (f: RuleFacts, l: Locale) => (f.since === f.dueDate
    ? `from the day after the due date (${date(f.dueDate, l)}) through ${date(f.until, l)}`
    : `from the day after ${date(f.since, l)} through ${date(f.until, l)} (due date ${date(f.dueDate, l)})`),
  notLate: (due: IsoDate, l: Locale) => `paid by the due date (${date(due, l)}), so no interest accrues`,
  compensation: (basis: string, money: Money, l: Locale) => sentence(`${basis}: ${amount(money, l)}`),
  noCompensation: {
    consumer: 'No fixed compensation: the debtor is a consumer.',
    claim_too_old: (from: IsoDate, l: Locale) => `No fixed compensation: it applies to claims from ${date(from, l)}.`,
    contractual_remedy: 'No statutory fixed sum: a contractual interest rate takes the place of the Act (ss. 8–9).',
  },
};

type Catalogue = typeof en;

const da: Catalogue = {
  statute: (j, debtor) => ({
    DK: 'renteloven § 5',
    GB: 'den britiske Late Payment of Commercial Debts (Interest) Act 1998 (sats: SI 2002/1675 art. 4)',
    DE: debtor === 'consumer' ? 'den tyske BGB § 288, stk. 1' : 'den tyske BGB § 288, stk. 2',
    EU: 'direktiv 2011/7/EU (art. 2, nr. 6)',
  })[j],
  reference: (j) => ({
    DK: 'Nationalbankens udlånsrente pr. 1. januar og 1. juli',
    GB: 'Bank of Englands Bank Rate',
    DE: 'basisrenten (BGB § 247) pr. 1. januar og 1. juli',
    EU: 'ECB’s primære refinansieringsrente pr. 1. januar og 1. juli',
  })[j],
  compensationBasis: (j) => ({
    DK: 'Kompensationsbeløb (renteloven § 9 a, stk. 3)',
    GB: 'Fast kompensationsbeløb (lovens s. 5A)',
    DE: 'Fast kompensationsbeløb, Verzugspauschale (BGB § 288, stk. 5)',
    EU: 'Fast kompensationsbeløb (direktivets art. 6)',
  })[j],
  splitRates: (rates, l) =>
    `hvert halvår med sin egen sats (${rates.map((r) => `${pct(r.ratePct, l)} fra ${date(r.from, l)}`).join(', ')})`,
  fixedReference: (f, l) => ` pr. ${date(f.referenceDate, l)} (${pct(f.referenceRatePct, l)}), referencedagen før renten begynder at løbe,`,
  fixedRate: (ratePct, l) => `= ${pct(ratePct, l)}, én sats for hele gælden`,
  statutory: (statute, reference, margin) => `Morarente efter ${statute}: ${reference} tillagt ${margin}`,
  contractual: (ratePct, l) => `Aftalt morarente på ${pct(ratePct, l)} om året`,
  none: 'Der gælder ingen lovbestemt morarente (ingen jurisdiktion)',
  scope: (j) => ({ GB: 'den britiske Late Payment of Commercial Debts (Interest) Act 1998', EU: 'direktiv 2011/7/EU' })[j],
  notApplicable: (statute) => `Ingen lovbestemt rente: ${statute} gælder kun mellem virksomheder`,
  method: (dayCount, dailyRounding) =>
    `simpel rente, dagberegning ${dayCountNames[dayCount].da}${dailyRounding ? ', dagsrenten afrundet til hele pence som på gov.uk' : ''}`,
  window: (f, l) => (f.since === f.dueDate
    ? `fra dagen efter forfaldsdagen (${date(f.dueDate, l)}) til og med ${date(f.until, l)}`
    : `fra dagen efter ${date(f.since, l)} til og med ${date(f.until, l)} (forfaldsdag ${date(f.dueDate, l)})`),
  notLate: (due, l) => `betalt senest på forfaldsdagen (${date(due, l)}), så der påløber ingen rente`,
  compensation: (basis, money, l) => sentence(`${basis}: ${amount(money, l)}`),
  noCompensation: {
    consumer: 'Intet kompensationsbeløb: skyldneren er forbruger.',
    claim_too_old: (from, l) => `Intet kompensationsbeløb: det gælder fordringer fra ${date(from, l)}.`,
    contractual_remedy: 'Intet lovbestemt fast beløb: en aftalt rente træder i stedet for loven (ss. 8–9).',
  },
};

const catalogues: Readonly<Record<Locale, Catalogue>> = { en, da };

/** The human sentence naming the statute (or contract), the rate basis and rates, the day count and the compensation. */
export function ruleText(f: RuleFacts): string {
  const t = catalogues[f.locale];
  const l = f.locale;
  let head: string;
  switch (f.basis) {
    case 'none':
      return `${t.none}.`;
    case 'not_applicable':
      head = t.notApplicable(f.jurisdiction === 'GB' || f.jurisdiction === 'EU' ? t.scope(f.jurisdiction) : t.statute(f.jurisdiction, 'consumer'));
      break;
    case 'contractual':
      head = t.contractual(f.ratePct, l);
      break;
    case 'statutory': {
      const first = f.rates[0];
      const reference = t.reference(f.jurisdiction) + (f.fixed ? t.fixedReference(f.fixed, l) : '');
      const rates = !first ? '' : f.fixed ? ` ${t.fixedRate(first.ratePct, l)}` : `, ${t.splitRates(f.rates, l)}`;
      head = t.statutory(t.statute(f.jurisdiction, f.debtor), reference, points(f.marginPct, l)) + rates;
      break;
    }
  }
  const accrual = f.basis === 'not_applicable' ? ''
    : f.until <= f.dueDate ? `; ${t.notLate(f.dueDate, l)}`
    : `; ${t.method(f.dayCount, f.dailyRounding)}, ${t.window(f, l)}`;
  return `${head}${accrual}.${compensationText(f, f.jurisdiction, t)}`;
}

function compensationText(f: RuleFacts, jurisdiction: StatutoryJurisdiction | 'NONE', t: Catalogue): string {
  if (jurisdiction === 'NONE') return '';
  const { reason } = f.compensation;
  switch (reason) {
    case 'due':
      return ` ${t.compensation(t.compensationBasis(jurisdiction), f.compensation.amount, f.locale)}`;
    case 'consumer':
    case 'contractual_remedy':
      return ` ${t.noCompensation[reason]}`;
    case 'claim_too_old':
      return f.compensation.claimsFrom ? ` ${t.noCompensation.claim_too_old(f.compensation.claimsFrom, f.locale)}` : '';
    default:
      return '';
  }
}
