import { z } from 'zod';
import { formatDecimal, isCurrencyCode, tryParseMoney, type CurrencyCode } from '../money.ts';
import { checkDate, isSupportedInstant, isTimeZone, supportedDatesText, tryParseInstant, type IsoDate, type IsoInstant } from '../dates.ts';

// Zod building blocks for the interchange format of LEDGER.md. They validate and
// *normalise* (UTC instants, exact minor digits), because the normalised form is what
// gets hashed: two spellings of the same fact must not give two different hashes.

/** An identifier chosen by the sender: printable, no whitespace, at most 200 characters. */
export const IdWire = z.string().min(1, 'must not be empty').max(200, 'at most 200 characters')
  .regex(/^[^\s\p{Cc}]+$/u, 'must not contain whitespace or control characters');

export const TextWire = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
export const OptionalTextWire = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();

export const CurrencyWire = z.string().refine(isCurrencyCode, 'not an ISO 4217 currency code')
  .transform((c) => c as CurrencyCode);

/** A calendar date, `YYYY-MM-DD`, within the range every part of the product works on (`supportedDates`). */
export const DateWire = z.string().transform((text, ctx): IsoDate => {
  const checked = checkDate(text);
  if (!checked.ok) {
    ctx.addIssue({ code: 'custom', message: checked.reason });
    return z.NEVER;
  }
  return checked.date;
});

export const InstantWire = z.string().transform((text, ctx): IsoInstant => {
  const instant = tryParseInstant(text);
  if (instant === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not an RFC 3339 instant with at most millisecond precision` });
    return z.NEVER;
  }
  if (!isSupportedInstant(instant)) {
    ctx.addIssue({ code: 'custom', message: `${instant} is outside the dates Firmly supports (${supportedDatesText}, UTC)` });
    return z.NEVER;
  }
  return instant;
});

export interface MoneyText {
  readonly amount: string;
  readonly currency: CurrencyCode;
}

const moneyWire = (sign: 'positive' | 'nonnegative') => z.strictObject({
  amount: z.string({ error: (iss) => (iss.input === undefined ? 'required' : 'amounts are decimal strings such as "1250.00", never numbers') }),
  currency: CurrencyWire,
}).transform((m, ctx): MoneyText => {
  const parsed = tryParseMoney(m.amount, m.currency);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: `"${m.amount}" is not an exact amount in ${m.currency}` });
    return z.NEVER;
  }
  if (parsed.minor < 0 || (sign === 'positive' && parsed.minor === 0)) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: `must be ${sign === 'positive' ? 'greater than zero' : 'zero or more'}` });
    return z.NEVER;
  }
  return { amount: formatDecimal(parsed), currency: m.currency };
});

/** Money as `{"amount":"1250.00","currency":"DKK"}`, normalised to the currency's minor digits. */
export const PositiveMoneyWire = moneyWire('positive');
export const NonNegativeMoneyWire = moneyWire('nonnegative');

export const TimeZoneWire = z.string().refine(isTimeZone, 'not an IANA time zone such as Europe/Copenhagen');

export const locales = ['en', 'da'] as const;
export type Locale = (typeof locales)[number];
export const jurisdictions = ['DK', 'GB', 'DE', 'EU', 'NONE'] as const;
export type Jurisdiction = (typeof jurisdictions)[number];

export const LocaleWire = z.enum(locales);
export const JurisdictionWire = z.enum(jurisdictions);
export const IntWire = (min: number, max: number) => z.number().int('must be a whole number').min(min).max(max);

/** A rate in percent per year as a decimal string (`"8.05"`); a JSON number is accepted and normalised. */
export const RatePctWire = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? String(value) : value;
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(text)) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a rate in percent such as "8.05"` });
    return z.NEVER;
  }
  return text;
});
