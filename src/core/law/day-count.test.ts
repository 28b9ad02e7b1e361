import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from '../dates.ts';
import { actualDays, dayChunks, days30E360 } from './day-count.ts';

const p = (text: string) => Temporal.PlainDate.from(text);
const date = fc.integer({ min: 0, max: 365 * 60 }).map((n) => p('1995-01-01').add({ days: n }));
const ordered = (...dates: Temporal.PlainDate[]) => [...dates].sort(Temporal.PlainDate.compare);

describe('day counts', () => {
  it.each([
    ['2025-05-31', '2025-06-30', 30], ['2025-06-30', '2025-08-29', 59], ['2025-05-31', '2025-08-29', 89],
    ['2024-02-28', '2024-03-31', 32], ['2024-12-31', '2025-01-31', 30],
  ])('30E/360 from %s to %s is %i days', (a, b, n) => {
    expect(days30E360(p(a), p(b))).toBe(n);
  });

  it('30E/360 and actual days add up when a delay is split anywhere', () => fc.assert(fc.property(date, date, date, (x, y, z) => {
    const [a, b, c] = ordered(x, y, z) as [Temporal.PlainDate, Temporal.PlainDate, Temporal.PlainDate];
    expect(days30E360(a, b) + days30E360(b, c)).toBe(days30E360(a, c));
    expect(actualDays(a, b) + actualDays(b, c)).toBe(actualDays(a, c));
  })));

  it('ACT/ACT divides the days of a leap year by 366 and the others by 365', () => {
    expect(dayChunks('actact', p('2023-12-15'), p('2025-01-10'))).toEqual([
      { days: 16, basis: 365 }, { days: 366, basis: 366 }, { days: 10, basis: 365 },
    ]);
    expect(dayChunks('actact', p('2023-12-31'), p('2024-01-01'))).toEqual([{ days: 1, basis: 366 }]);
  });

  it('ACT/ACT chunks cover exactly the actual days', () => fc.assert(fc.property(date, date, (x, y) => {
    const [a, b] = ordered(x, y) as [Temporal.PlainDate, Temporal.PlainDate];
    expect(dayChunks('actact', a, b).reduce((n, c) => n + c.days, 0)).toBe(actualDays(a, b));
  })));

  it('gives no chunks for an empty or backward span', () => {
    expect(dayChunks('act365', p('2025-01-10'), p('2025-01-10'))).toEqual([]);
    expect(dayChunks('30e360', p('2025-01-10'), p('2025-01-01'))).toEqual([]);
  });
});
