import type { IsoDate } from '../dates.ts';
import type { Locale } from '../ledger/wire.ts';

// Compact forms for report tables, where the letters' long dates ("30 September 2026") would
// wrap. Formatters are made once per language: a report formats thousands of cells, and
// building an Intl formatter costs far more than using one.

const intlLocale: Record<Locale, string> = { en: 'en-GB', da: 'da-DK' };

function perLocale<F>(make: (locale: string) => F): (locale: Locale) => F {
  const made = new Map<Locale, F>();
  return (locale) => {
    let formatter = made.get(locale);
    if (formatter === undefined) made.set(locale, (formatter = make(intlLocale[locale])));
    return formatter;
  };
}

const shortDates = perLocale((l) => new Intl.DateTimeFormat(l, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }));
const months = perLocale((l) => new Intl.DateTimeFormat(l, { month: 'long', year: 'numeric', timeZone: 'UTC' }));
const oneDecimal = perLocale((l) => new Intl.NumberFormat(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const upToOneDecimal = perLocale((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 1 }));
const percent = perLocale((l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 }));

/** "03/03/2026" / "03.03.2026": day first in both languages, as in the UK and Denmark. */
export const formatShortDate = (date: IsoDate, locale: Locale): string => shortDates(locale).format(new Date(`${date}T00:00:00Z`));

/** "2026-03" → "March 2026" / "marts 2026". */
export const formatMonth = (month: string, locale: Locale): string => months(locale).format(new Date(`${month}-01T00:00:00Z`));

/** Minutes as hours with one decimal: 90 → "1.5" / "1,5". */
export const formatHours = (minutes: number, locale: Locale): string => oneDecimal(locale).format(minutes / 60);

/** A number with at most one decimal: 2.5 → "2.5" / "2,5". */
export const formatNumber = (value: number, locale: Locale): string => upToOneDecimal(locale).format(value);

/** A share as a whole percentage: 0.256 → "26%" / "26 %". */
export const formatShare = (share: number, locale: Locale): string => percent(locale).format(share);
