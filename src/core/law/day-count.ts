import { Temporal } from '../dates.ts';

// No statute fixes a day count (../shared/law/README.md): ACT/365 is the default (gov.uk,
// the Irish DETE, German "taggenau"), 30E/360 is common Danish practice ("dansk sædvanlig
// praksis"), ACT/ACT ("Effektivzinsmethode") is offered by German calculators. Whichever is
// used, the letter says so.

export const dayCounts = ['act365', '30e360', 'actact'] as const;
export type DayCount = (typeof dayCounts)[number];

/** A run of days with one year length: the unit interest is computed on. */
export interface DayChunk {
  readonly days: number;
  /** Days in the year the rate is divided by: 365, 366 or 360. */
  readonly basis: 360 | 365 | 366;
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Days from `start` (exclusive) to `end` (inclusive) under 30E/360 (ISDA 2006 §4.16(g),
 * "Eurobond basis"): every month has 30 days, the 31st counts as the 30th. Telescopes:
 * days(a, b) + days(b, c) = days(a, c), so splitting a delay never gains or loses a day.
 * @example days30E360(2025-05-31, 2025-08-29) === 89
 */
export function days30E360(start: Temporal.PlainDate, end: Temporal.PlainDate): number {
  const d1 = Math.min(start.day, 30);
  const d2 = Math.min(end.day, 30);
  return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1);
}

/** Calendar days from `start` (exclusive) to `end` (inclusive). */
export const actualDays = (start: Temporal.PlainDate, end: Temporal.PlainDate): number => start.until(end, { largestUnit: 'days' }).days;

/**
 * The day chunks of the days after `start` through `end` under a day count. ACT/ACT splits
 * at each 1 January, so days in a leap year are divided by 366 and the others by 365.
 */
export function dayChunks(dayCount: DayCount, start: Temporal.PlainDate, end: Temporal.PlainDate): DayChunk[] {
  if (Temporal.PlainDate.compare(end, start) <= 0) return [];
  if (dayCount === 'act365') return [{ days: actualDays(start, end), basis: 365 }];
  if (dayCount === '30e360') return [{ days: days30E360(start, end), basis: 360 }];
  const chunks: DayChunk[] = [];
  let from = start;
  while (Temporal.PlainDate.compare(from, end) < 0) {
    // `from` is the day before the chunk's first day: the chunk's year is the year of the day after it.
    const year = from.add({ days: 1 }).year;
    const yearEnd = Temporal.PlainDate.from({ year, month: 12, day: 31 });
    const to = Temporal.PlainDate.compare(yearEnd, end) < 0 ? yearEnd : end;
    chunks.push({ days: actualDays(from, to), basis: isLeapYear(year) ? 366 : 365 });
    from = to;
  }
  return chunks;
}

/** Human names of the day counts, for the rule sentence of every letter. */
export const dayCountNames: Readonly<Record<DayCount, { en: string; da: string }>> = {
  act365: { en: 'ACT/365 (actual days ÷ 365)', da: 'ACT/365 (faktiske dage ÷ 365)' },
  '30e360': { en: '30E/360 (30-day months, 360-day year)', da: '30E/360 (30 dage pr. måned, 360 dage pr. år)' },
  actact: { en: 'ACT/ACT (actual days ÷ 365, or 366 in a leap year)', da: 'ACT/ACT (faktiske dage ÷ 365, i skudår 366)' },
};
