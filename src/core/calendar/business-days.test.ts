import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { tryParseIsoDate, type IsoDate } from '../dates.ts';
import { FirmlyError } from '../errors.ts';
import { jurisdictions } from '../ledger/wire.ts';
import { businessCalendar } from './business-days.ts';

function day(text: string): IsoDate {
  const date = tryParseIsoDate(text);
  if (!date) throw new Error(`not a date: ${text}`);
  return date;
}

const holidayDates = (calendar: ReturnType<typeof businessCalendar>, year: number) => calendar.holidays(year).map((h) => h.date);

/** The reference: walk day by day with Temporal, skipping weekends and the dates `holidays(year)` lists. */
function countByWalking(calendar: ReturnType<typeof businessCalendar>, from: IsoDate, to: IsoDate): number {
  if (from > to) return -countByWalking(calendar, to, from);
  const holidays = new Set<string>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) holidayDates(calendar, year).forEach((d) => holidays.add(d));
  let count = 0;
  const end = Temporal.PlainDate.from(to);
  for (let d = Temporal.PlainDate.from(from).add({ days: 1 }); Temporal.PlainDate.compare(d, end) <= 0; d = d.add({ days: 1 })) {
    if (d.dayOfWeek <= 5 && !holidays.has(d.toString())) count++;
  }
  return count;
}

const FIRST = Temporal.PlainDate.from('2020-01-01');
const SPAN = FIRST.until(Temporal.PlainDate.from('2030-12-31')).days;
const dateIn2020s = fc.integer({ min: 0, max: SPAN }).map((n) => day(FIRST.add({ days: n }).toString()));
// Short spans as well as long ones: the edges (weekends, holidays, year ends) are where counting goes wrong.
const range = fc.oneof(
  fc.tuple(dateIn2020s, dateIn2020s),
  fc.tuple(fc.integer({ min: 0, max: SPAN - 40 }), fc.integer({ min: -20, max: 40 })).map(([start, length]) => [
    day(FIRST.add({ days: start + 20 }).toString()), day(FIRST.add({ days: start + 20 + length }).toString())] as const),
);

describe.each(jurisdictions)('the %s business calendar', (jurisdiction) => {
  const calendar = businessCalendar(jurisdiction);

  it('counts business days as a day-by-day walk does', () => fc.assert(fc.property(range, ([from, to]) => {
    expect(calendar.businessDaysBetween(from, to)).toBe(countByWalking(calendar, from, to));
  }), { numRuns: 200 }));

  it('calls a day a business day exactly when it is a weekday and not a listed holiday', () => fc.assert(fc.property(dateIn2020s, (date) => {
    const weekday = Temporal.PlainDate.from(date).dayOfWeek <= 5;
    expect(calendar.isBusinessDay(date)).toBe(weekday && !holidayDates(calendar, Number(date.slice(0, 4))).includes(date));
  }), { numRuns: 300 }));

  it('adds n business days by landing on the n-th business day after the date', () => fc.assert(fc.property(
    dateIn2020s, fc.integer({ min: 1, max: 800 }), (date, n) => {
      const later = calendar.addBusinessDays(date, n);
      expect(calendar.isBusinessDay(later)).toBe(true);
      expect(calendar.businessDaysBetween(date, later)).toBe(n);
    }), { numRuns: 300 }));

  it('adds zero business days by returning the date itself, even on a Saturday', () => {
    expect(calendar.addBusinessDays(day('2026-03-07'), 0)).toBe('2026-03-07');
  });

  it('counts one business day from a Friday to the next Monday, minus one backwards', () => {
    expect(calendar.businessDaysBetween(day('2026-03-06'), day('2026-03-09'))).toBe(1);
    expect(calendar.businessDaysBetween(day('2026-03-09'), day('2026-03-06'))).toBe(-1);
    expect(calendar.businessDaysBetween(day('2026-03-06'), day('2026-03-08'))).toBe(0);
    expect(calendar.businessDaysBetween(day('2026-03-06'), day('2026-03-06'))).toBe(0);
  });

  it('lists the holidays of a year in date order, each inside that year', () => {
    for (let year = 2020; year <= 2030; year++) {
      const dates = holidayDates(calendar, year);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
    }
  });

  it('refuses to add a negative or fractional number of business days', () => {
    for (const n of [-1, 1.5, Number.NaN]) {
      expect(() => calendar.addBusinessDays(day('2026-03-06'), n)).toThrow(expect.objectContaining({ code: 'input.invalid' }));
    }
  });
});

describe('DK', () => {
  const dk = businessCalendar('DK');

  it('closes on Christmas Day, Easter Monday and Kristi Himmelfartsdag 2026', () => {
    expect(['2026-12-25', '2026-04-06', '2026-05-14'].map((d) => dk.isBusinessDay(day(d)))).toEqual([false, false, false]);
  });

  it('keeps Grundlovsdag and Christmas Eve as working days: neither is a public holiday (helligdag)', () => {
    expect(dk.isBusinessDay(day('2026-06-05'))).toBe(true); // a Friday
    expect(dk.isBusinessDay(day('2026-12-24'))).toBe(true); // a Thursday
  });

  it('lists the 2026 helligdage, Sundays included, in Danish', () => {
    expect(dk.holidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Nytårsdag' }, { date: '2026-04-02', name: 'Skærtorsdag' },
      { date: '2026-04-03', name: 'Langfredag' }, { date: '2026-04-05', name: 'Påskedag' },
      { date: '2026-04-06', name: 'Anden påskedag' }, { date: '2026-05-14', name: 'Kristi Himmelfartsdag' },
      { date: '2026-05-24', name: 'Pinsedag' }, { date: '2026-05-25', name: 'Anden Pinsedag' },
      { date: '2026-12-25', name: 'Juledag' }, { date: '2026-12-26', name: 'Anden Juledag' },
    ]);
  });

  it('observes Store Bededag up to 2023 and not after its abolition', () => {
    expect(dk.isBusinessDay(day('2023-05-05'))).toBe(false);
    expect(dk.isBusinessDay(day('2024-04-26'))).toBe(true);
  });

  it('counts only Monday to Wednesday of Easter week 2026 as business days', () => {
    expect(dk.businessDaysBetween(day('2026-03-29'), day('2026-04-06'))).toBe(3); // Mon–Wed; Thu, Fri, Mon are holidays
    expect(dk.businessDaysBetween(day('2026-03-31'), day('2026-04-06'))).toBe(1);
  });
});

describe('GB (England and Wales)', () => {
  const gb = businessCalendar('GB');

  it('moves Boxing Day 2026, a Saturday, to Monday 28 December', () => {
    expect(gb.isBusinessDay(day('2026-12-28'))).toBe(false);
    expect(gb.holidays(2026)).toContainEqual({ date: '2026-12-28', name: 'Boxing Day (substitute day)' });
    expect(gb.addBusinessDays(day('2026-12-24'), 1)).toBe('2026-12-29');
    expect(gb.businessDaysBetween(day('2026-12-24'), day('2026-12-31'))).toBe(3);
  });

  it('gives both substitute days when Christmas and Boxing Day fall on a weekend (2027)', () => {
    expect(['2027-12-27', '2027-12-28', '2027-12-29'].map((d) => gb.isBusinessDay(day(d)))).toEqual([false, false, true]);
  });

  it('closes on one-off bank holidays by proclamation', () => {
    expect(gb.isBusinessDay(day('2023-05-08'))).toBe(false); // coronation of Charles III
  });

  it('keeps 2 January, a Scottish bank holiday, as a working day', () => {
    expect(gb.isBusinessDay(day('2026-01-02'))).toBe(true);
  });
});

describe('DE', () => {
  const de = businessCalendar('DE');

  it('loses a business day to the Day of German Unity when it falls on a weekday (Friday 2025)', () => {
    expect(de.isBusinessDay(day('2025-10-03'))).toBe(false);
    expect(de.businessDaysBetween(day('2025-09-28'), day('2025-10-05'))).toBe(4);
  });

  it('lists the Day of German Unity 2026 but loses no business day to it: it is a Saturday', () => {
    expect(holidayDates(de, 2026)).toContain('2026-10-03');
    expect(de.businessDaysBetween(day('2026-09-27'), day('2026-10-04'))).toBe(5);
  });

  it('counts only nationwide holidays, not those of single Länder nor Christmas Eve', () => {
    expect(de.isBusinessDay(day('2026-01-06'))).toBe(true); // Epiphany: BW, BY, ST only
    expect(de.isBusinessDay(day('2026-06-04'))).toBe(true); // Corpus Christi: some Länder
    expect(de.isBusinessDay(day('2025-12-24'))).toBe(true); // Christmas Eve: type 'bank' in date-holidays
    expect(holidayDates(de, 2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25',
      '2026-10-03', '2026-12-25', '2026-12-26']);
  });
});

describe('EU (TARGET)', () => {
  const eu = businessCalendar('EU');

  it('closes on exactly the six TARGET closing days', () => {
    expect(holidayDates(eu, 2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-26']);
    expect(eu.isBusinessDay(day('2026-04-03'))).toBe(false); // Good Friday
  });

  it('stays open on national holidays outside TARGET', () => {
    expect(eu.isBusinessDay(day('2026-05-14'))).toBe(true); // Ascension Day
  });

  it('finds Easter where the national calendars do: every closing day is a German public holiday', () => {
    const de = businessCalendar('DE');
    for (let year = 2000; year <= 2100; year++) {
      const german = new Set(holidayDates(de, year));
      expect(holidayDates(eu, year).filter((d) => !german.has(d))).toEqual([]);
    }
  });
});

describe('NONE', () => {
  const none = businessCalendar('NONE');

  it('skips weekends only', () => {
    expect(none.holidays(2026)).toEqual([]);
    expect(['2026-01-01', '2026-12-25', '2026-12-26'].map((d) => none.isBusinessDay(day(d)))).toEqual([true, true, false]);
    expect(none.businessDaysBetween(day('2026-01-01'), day('2027-01-01'))).toBe(261);
  });

  it('works for any year a date can have', () => {
    expect(none.addBusinessDays(day('0001-01-05'), 5)).toBe('0001-01-12');
  });
});

describe('years the holiday data cannot serve', () => {
  it('refuses public holidays before the year 100 instead of answering for the wrong year', () => {
    const error = (() => {
      try {
        businessCalendar('DK').isBusinessDay(day('0050-06-01'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FirmlyError);
    expect(error).toMatchObject({ code: 'not_supported' });
  });

  it('refuses to go past 9999-12-31', () => {
    expect(() => businessCalendar('NONE').addBusinessDays(day('9999-12-30'), 5)).toThrow(expect.objectContaining({ code: 'not_supported' }));
  });
});
