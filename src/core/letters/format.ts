import type { IsoDate } from '../dates.ts';
import { formatDecimal, minorDigits, type Money } from '../money.ts';
import type { Locale } from '../ledger/wire.ts';

// How letters write amounts, dates and counts in each language: "1.450,00 kr." and
// "31. maj 2025" in Danish, "DKK 1,450.00" and "31 May 2025" in English.

const intlLocale: Record<Locale, string> = { en: 'en-GB', da: 'da-DK' };

// Danish letters write the currency code ("25.000,00 DKK"): "kr." would end a sentence in "kr..".
const currencyDisplay: Record<Locale, 'symbol' | 'code'> = { en: 'symbol', da: 'code' };

/** "£1,450.00", "DKK 1,450.00", "1.450,00 DKK", with a no-break space that keeps amount and currency together. */
export function formatMoney(money: Money, locale: Locale): string {
  const digits = minorDigits(money.currency);
  // Through the decimal string, not a float division, so the amount is never off by a rounding.
  return new Intl.NumberFormat(intlLocale[locale], { style: 'currency', currency: money.currency, currencyDisplay: currencyDisplay[locale], minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(formatDecimal(money) as unknown as number);
}

export function formatDate(date: IsoDate, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The word forms of a count: `{ one: 'day', other: 'days' }`. */
export type PluralForms = Readonly<Record<'one' | 'other', string>>;

/** "1 day", "3 days", "1 dag", "3 dage": the language's plural rule picks the form. */
export function formatCount(count: number, forms: Readonly<Record<Locale, PluralForms>>, locale: Locale): string {
  const category = new Intl.PluralRules(intlLocale[locale]).select(count);
  return `${count} ${category === 'one' ? forms[locale].one : forms[locale].other}`;
}

export const dayForms: Readonly<Record<Locale, PluralForms>> = { en: { one: 'day', other: 'days' }, da: { one: 'dag', other: 'dage' } };
