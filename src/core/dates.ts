import { Temporal } from 'temporal-polyfill';
import type { Brand } from './brand.ts';

export { Temporal };

/** A calendar date as `YYYY-MM-DD` text, known to exist in the proleptic Gregorian calendar. */
export type IsoDate = Brand<string, 'IsoDate'>;
/** An instant as RFC 3339 UTC text with millisecond precision: `2026-03-01T09:00:00.000Z`. */
export type IsoInstant = Brand<string, 'IsoInstant'>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] ?? 0);
}

// Hand-rolled rather than Temporal.PlainDate.from: imports validate millions of dates,
// and the polyfill's parser is an order of magnitude slower. A property test checks
// that both agree.
function isValidDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `"2026-02-28"` → the same text, branded; undefined for malformed or impossible dates (`2026-02-30`). */
export function tryParseIsoDate(text: string): IsoDate | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  return isValidDay(Number(m[1]), Number(m[2]), Number(m[3])) ? (text as IsoDate) : undefined;
}

/**
 * An RFC 3339 timestamp with any offset → the same instant in UTC with millisecond precision,
 * so that instants sort as text identically on SQLite and PostgreSQL. Undefined for impossible
 * times and for precision finer than a millisecond (which would be silently lost).
 * @example tryParseInstant('2026-03-01T10:00:00+01:00') === '2026-03-01T09:00:00.000Z'
 */
export function tryParseInstant(text: string): IsoInstant | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (!isValidDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = m[7] ?? '';
  if (/[1-9]/.test(fraction.slice(3))) return undefined;
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const zone = m[8] as string;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // Not Date.UTC(year, …): it reads years 0–99 as 1900–1999.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millis);
  const utc = new Date(local.getTime() - offsetMinutes * 60_000);
  const utcYear = utc.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) return undefined;
  return utc.toISOString() as IsoInstant;
}

/**
 * The days the product works on, from the ledger's wire to the dashboard (issue 19, F2). Year 1
 * broke a whole workspace: the holiday tables start in year 100, so every business-day count
 * of a client with one such date threw, on every replay. Within this range every part works
 * for every date — business days and public holidays, `Intl` formatting, the day arithmetic
 * here, both databases' text order — with room to spare for the offsets the rules add (ten
 * years of stop-work days). The statutory rate tables cover less (2013 on); outside them
 * interest asks for the rate (`law.rate_unknown`) and the assessment does not need it.
 */
export const supportedDates = { first: '1970-01-01' as IsoDate, last: '2199-12-31' as IsoDate } as const;
const firstInstant = `${supportedDates.first}T00:00:00.000Z`;
const lastInstant = `${supportedDates.last}T23:59:59.999Z`;
/** `1970-01-01 to 2199-12-31`: how messages name the range. */
export const supportedDatesText = `${supportedDates.first} to ${supportedDates.last}`;

/** True for a parsed date within `supportedDates`. */
export const isSupportedDate = (date: IsoDate): boolean => date >= supportedDates.first && date <= supportedDates.last;
/** True for a parsed instant whose UTC date is within `supportedDates` (text order is time order). */
export const isSupportedInstant = (instant: IsoInstant): boolean => instant >= firstInstant && instant <= lastInstant;

/** A `YYYY-MM-DD` text that exists and is within `supportedDates`, or why not. */
export function checkDate(text: string): { ok: true; date: IsoDate } | { ok: false; reason: string } {
  const date = tryParseIsoDate(text);
  if (date === undefined) return { ok: false, reason: `${JSON.stringify(text)} is not a date (YYYY-MM-DD)` };
  if (!isSupportedDate(date)) return { ok: false, reason: `${date} is outside the dates Firmly supports (${supportedDatesText})` };
  return { ok: true, date };
}

/** A JavaScript Date (from a clock or a driver) → canonical instant text. */
export const instantFromEpochMillis = (epochMillis: number): IsoInstant => new Date(epochMillis).toISOString() as IsoInstant;

export const toPlainDate = (date: IsoDate): Temporal.PlainDate => Temporal.PlainDate.from(date);

/** First instant that no longer belongs to `date` in `timeZone`; events with `at < cutoff` count. */
export function dayCutoff(date: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  // Start of day, not "T00:00": on some DST days midnight does not exist.
  return date.add({ days: 1 }).toZonedDateTime(timeZone).toInstant();
}

/** True for an IANA time-zone name the runtime knows (`Europe/Copenhagen`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

// Plain calendar arithmetic on `YYYY-MM-DD`, through the proleptic Gregorian day count of
// `Date.UTC`: the assessment does it millions of times, and Temporal objects cost far more.
const DAY_MS = 86_400_000;

const utcMidnight = (year: number, monthIndex: number, day: number): number => {
  const at = new Date(0);
  at.setUTCFullYear(year, monthIndex, day); // not Date.UTC, which reads years 0–99 as 1900–1999
  return at.getTime();
};

/** Days since 1970-01-01 (negative before). */
export const epochDay = (date: IsoDate): number =>
  utcMidnight(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;

/** The date `epochDay` days after 1970-01-01 (years 0–9999). */
export const dateOfEpochDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10) as IsoDate;

/** The date `days` calendar days after `date` (before it when negative). */
export const addDays = (date: IsoDate, days: number): IsoDate => dateOfEpochDay(epochDay(date) + days);

/** The last day of `date`'s month. */
export const lastDayOfMonth = (date: IsoDate): IsoDate =>
  dateOfEpochDay(utcMidnight(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0) / DAY_MS);
