import Holidays from 'date-holidays';
import type { IsoDate } from '../dates.ts';
import { FirmlyError } from '../errors.ts';
import type { Jurisdiction } from '../ledger/wire.ts';

/** A public holiday: a day the calendar skips besides weekends. */
export interface PublicHoliday {
  readonly date: IsoDate;
  readonly name: string;
}

export interface BusinessCalendar {
  readonly jurisdiction: Jurisdiction;
  /** Mon–Fri and not a public holiday. */
  isBusinessDay(date: IsoDate): boolean;
  /** Business days d with from < d <= to; negative (−count of to < d <= from) when to < from; 0 when equal. */
  businessDaysBetween(from: IsoDate, to: IsoDate): number;
  /** The date n business days after `date` (n >= 0; n = 0 gives `date` itself, even when it is not a business day). */
  addBusinessDays(date: IsoDate, n: number): IsoDate;
  /** Public holidays of a year, sorted, weekend ones included; two holidays on one date are one entry, names joined by " / ". */
  holidays(year: number): readonly PublicHoliday[];
}

// ── Where the holidays come from ────────────────────────────────────────────────────────────

/** The public holidays date-holidays computes for one year (dates possibly spilling into the next). */
type HolidaySource = (year: number) => readonly PublicHoliday[];

/**
 * Only type 'public': date-holidays also lists 'bank', 'optional' and 'observance' days, which are
 * working days in law (DE Christmas Eve is 'bank'; DK Grundlovsdag and Christmas Eve are
 * 'observance' — not helligdage, only days off by collective agreement).
 * `date` is local to the holiday's own time zone ("2026-12-28 00:00:00"); its first ten characters
 * are the calendar date, whatever the process time zone. Going through `start` (a Date) would not be.
 */
const publicHolidaysOf = (calendar: Holidays): HolidaySource => (year) =>
  calendar.getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10) as IsoDate, name: h.name }));

/**
 * TARGET closing days as published by the ECB (unchanged by the move from TARGET2 to T2 in 2023):
 * New Year's Day, Good Friday, Easter Monday, 1 May, 25 and 26 December. date-holidays has no
 * TARGET or euro-area calendar among its countries, but its documented `setHoliday` takes rules in
 * its own grammar, so Easter still comes from the maintained package, not from an algorithm of
 * ours. Easter is the Western (Gregorian) one, as at the ECB's seat in Frankfurt.
 */
function targetClosingDays(): Holidays {
  const calendar = new Holidays({ languages: ['en'], timezone: 'Europe/Berlin' });
  const days: readonly (readonly [rule: string, name: string])[] = [
    ['01-01', "New Year's Day"], ['easter -2', 'Good Friday'], ['easter 1', 'Easter Monday'],
    ['05-01', 'Labour Day'], ['12-25', 'Christmas Day'], ['12-26', 'Boxing Day'],
  ];
  for (const [rule, name] of days) {
    if (!calendar.setHoliday(rule, { name: { en: name }, type: 'public' })) {
      throw new FirmlyError('internal', `date-holidays rejected the TARGET rule "${rule}"`);
    }
  }
  return calendar;
}

/** Names are in the jurisdiction's own language (date-holidays' default): "Kristi Himmelfartsdag", "Neujahr". */
const sources: Record<Jurisdiction, (() => HolidaySource) | undefined> = {
  // Lov om søgnehelligdage: the folkekirke holidays. Store Bededag ends after 2023 (lov nr. 152 af
  // 28. februar 2023); date-holidays carries that ("easter 26 prior to 2024").
  DK: () => publicHolidaysOf(new Holidays('DK')),
  // England and Wales share their bank holidays (Banking and Financial Dealings Act 1971, sch. 1);
  // date-holidays calls them 'public' and reports the substitute days ("Boxing Day (substitute day)")
  // and one-off proclamations (2022 jubilee and funeral, 2023 coronation). Scotland and Northern
  // Ireland differ and are not this jurisdiction.
  GB: () => publicHolidaysOf(new Holidays('GB', 'ENG')),
  // Nationwide days only: holidays are Länder law and only these are kept in all sixteen Länder
  // (3 October by federal law). A state's extra days (Epiphany, Corpus Christi, …) would need a
  // jurisdiction of their own.
  DE: () => publicHolidaysOf(new Holidays('DE')),
  EU: () => publicHolidaysOf(targetClosingDays()),
  NONE: undefined,
};

// Before year 100 date-holidays builds its dates with `new Date(year, …)`, which reads 0–99 as
// 1900–1999, and year 0 as "no year given" — the current year, from the clock.
const FIRST_HOLIDAY_YEAR = 100;
const LAST_YEAR = 9999;

// ── Day numbers ─────────────────────────────────────────────────────────────────────────────
// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant, "chrono-compatible
// low-level date algorithms"), so spans are subtraction and weekdays are a modulo.

const floorDiv = (a: number, b: number) => Math.floor(a / b);
const digit = (text: string, i: number) => text.charCodeAt(i) - 48;
const yearOf = (date: IsoDate) => digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);

function dayNumber(date: IsoDate): number {
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  const y = yearOf(date) - (month <= 2 ? 1 : 0);
  const era = floorDiv(y, 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = floorDiv(153 * ((month + 9) % 12) + 2, 5) + day - 1; // the year starts in March
  return era * 146097 + yearOfEra * 365 + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100) + dayOfYear - 719468;
}

function civil(dayNo: number): { year: number; month: number; day: number } {
  const z = dayNo + 719468;
  const era = floorDiv(z, 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = floorDiv(dayOfEra - floorDiv(dayOfEra, 1460) + floorDiv(dayOfEra, 36524) - floorDiv(dayOfEra, 146096), 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100));
  const mp = floorDiv(5 * dayOfYear + 2, 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - floorDiv(153 * mp + 2, 5) + 1 };
}

const beyondLastYear = () => new FirmlyError('not_supported', 'dates after 9999-12-31 are not supported');
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function isoDate(dayNo: number): IsoDate {
  const { year, month, day } = civil(dayNo);
  if (year > LAST_YEAR) throw beyondLastYear();
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDate;
}

// Day 4 (1970-01-05) is a Monday: weeks counted from it make weekday counting arithmetic.
const MONDAY = 4;
const isWeekday = (dayNo: number) => (((dayNo - MONDAY) % 7) + 7) % 7 < 5;

/** Mon–Fri from the anchor Monday up to and including `dayNo`; only differences mean anything. */
function weekdaysThrough(dayNo: number): number {
  const k = dayNo - MONDAY;
  const weeks = floorDiv(k, 7);
  return weeks * 5 + Math.min(k - weeks * 7 + 1, 5);
}

/** The first day with `weekdaysThrough(day) === count`: always a weekday. */
function weekdayNumbered(count: number): number {
  const weeks = floorDiv(count - 1, 5);
  return MONDAY + weeks * 7 + (count - 1 - weeks * 5);
}

// ── The calendar ────────────────────────────────────────────────────────────────────────────

interface YearHolidays {
  readonly list: readonly PublicHoliday[];
  /** Day numbers of the holidays on Mon–Fri, ascending: the only ones that change a count. */
  readonly onWeekdays: readonly number[];
  readonly onWeekdaySet: ReadonlySet<number>;
}

const NO_HOLIDAYS: YearHolidays = { list: Object.freeze([]), onWeekdays: Object.freeze([]), onWeekdaySet: new Set() };

function createCalendar(jurisdiction: Jurisdiction): BusinessCalendar {
  const makeSource = sources[jurisdiction];
  let source: HolidaySource | undefined;
  const computed = new Map<number, readonly PublicHoliday[]>(); // what date-holidays said per year asked
  const byYear: (YearHolidays | undefined)[] = []; // indexed by year: faster than a Map in the hot path

  function computedFor(year: number): readonly PublicHoliday[] {
    let found = computed.get(year);
    if (!found) {
      if (!makeSource) return [];
      source ??= makeSource();
      found = source(year);
      computed.set(year, found);
    }
    return found;
  }

  function buildYear(year: number): YearHolidays {
    if (year < FIRST_HOLIDAY_YEAR) {
      throw new FirmlyError('not_supported', `${jurisdiction} public holidays before the year ${FIRST_HOLIDAY_YEAR} are not supported`,
        { jurisdiction, year });
    }
    // A substitute day can move a holiday into the neighbouring year, so both neighbours are asked too.
    const prefix = `${pad(year, 4)}-`;
    const names = new Map<IsoDate, string[]>();
    for (const asked of [year - 1, year, year + 1]) {
      if (asked < FIRST_HOLIDAY_YEAR || asked > LAST_YEAR) continue;
      for (const h of computedFor(asked)) {
        if (!h.date.startsWith(prefix)) continue;
        const onDate = names.get(h.date) ?? [];
        if (!onDate.includes(h.name)) onDate.push(h.name);
        names.set(h.date, onDate);
      }
    }
    const list = [...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([date, n]) => Object.freeze({ date, name: n.join(' / ') }));
    const onWeekdays = list.map((h) => dayNumber(h.date)).filter(isWeekday);
    return { list: Object.freeze(list), onWeekdays: Object.freeze(onWeekdays), onWeekdaySet: new Set(onWeekdays) };
  }

  const holidaysIn = (year: number): YearHolidays =>
    makeSource === undefined ? NO_HOLIDAYS : (byYear[year] ??= buildYear(year));

  /** Holidays on weekdays in (from, to], from < to; O(years spanned). */
  function weekdayHolidaysBetween(from: number, fromYear: number, to: number, toYear: number): number {
    if (makeSource === undefined) return 0;
    let count = 0;
    for (let year = fromYear; year <= toYear; year++) {
      const days = holidaysIn(year).onWeekdays;
      if (year > fromYear && year < toYear) {
        count += days.length;
        continue;
      }
      for (const d of days) if (d > from && d <= to) count++;
    }
    return count;
  }

  const countAfter = (from: IsoDate, to: IsoDate): number => {
    const a = dayNumber(from);
    const b = dayNumber(to);
    return weekdaysThrough(b) - weekdaysThrough(a) - weekdayHolidaysBetween(a, yearOf(from), b, yearOf(to));
  };

  return {
    jurisdiction,
    isBusinessDay(date) {
      const dayNo = dayNumber(date);
      return isWeekday(dayNo) && !holidaysIn(yearOf(date)).onWeekdaySet.has(dayNo);
    },
    businessDaysBetween(from, to) {
      if (from === to) return 0;
      return from < to ? countAfter(from, to) : -countAfter(to, from); // YYYY-MM-DD sorts as text
    },
    addBusinessDays(date, n) {
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new FirmlyError('input.invalid', `cannot add ${n} business days: a whole number >= 0 is needed`, { n });
      }
      // Jump `remaining` weekdays at once; the holidays jumped over are the days still owed. Holidays
      // are sparse, so this ends after a step or two instead of walking n days.
      let at = dayNumber(date);
      let atYear = yearOf(date);
      let remaining = n;
      while (remaining > 0) {
        const next = weekdayNumbered(weekdaysThrough(at) + remaining);
        const nextYear = civil(next).year;
        if (nextYear > LAST_YEAR) throw beyondLastYear();
        remaining = weekdayHolidaysBetween(at, atYear, next, nextYear);
        at = next;
        atYear = nextYear;
      }
      return isoDate(at);
    },
    holidays(year) {
      if (!Number.isInteger(year) || year < 0 || year > LAST_YEAR) {
        throw new FirmlyError('input.invalid', `${year} is not a year from 0 to ${LAST_YEAR}`, { year });
      }
      return holidaysIn(year).list;
    },
  };
}

const calendars = new Map<Jurisdiction, BusinessCalendar>();

/**
 * The business-day calendar of a jurisdiction: weekends plus the public holidays date-holidays
 * computes (EU: the TARGET closing days; NONE: weekends only). One instance per jurisdiction, whose
 * holidays are computed per year on first use and kept.
 * @example businessCalendar('GB').addBusinessDays('2026-12-24' as IsoDate, 1) === '2026-12-29'
 */
export function businessCalendar(jurisdiction: Jurisdiction): BusinessCalendar {
  let calendar = calendars.get(jurisdiction);
  if (!calendar) {
    calendar = createCalendar(jurisdiction);
    calendars.set(jurisdiction, calendar);
  }
  return calendar;
}
