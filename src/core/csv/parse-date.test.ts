import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvDate } from './parse-date.ts';

const dateOf = (text: string) => {
  const parsed = parseCsvDate(text);
  return parsed.ok ? parsed.date : parsed.reason;
};

describe('parseCsvDate', () => {
  it.each([
    ['2026-03-31', '2026-03-31'], ['31-03-2026', '2026-03-31'], ['31.03.2026', '2026-03-31'],
    ['1.3.2026', '2026-03-01'], ['01-3-2026', '2026-03-01'], [' 2026-02-28 ', '2026-02-28'], ['29.02.2028', '2028-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(dateOf(text)).toBe(iso);
  });

  it('refuses slashes, whose order differs between countries', () => {
    expect(dateOf('03/04/2026')).toBe("'03/04/2026' is ambiguous: day/month or month/day? Write YYYY-MM-DD or DD-MM-YYYY");
    expect(dateOf('25/04/2026')).toMatch(/ambiguous/);
  });

  it('refuses days that do not exist', () => {
    expect(dateOf('2026-02-29')).toBe("'2026-02-29' is not a date: there is no such day");
    expect(dateOf('31.04.2026')).toMatch(/no such day/);
    expect(dateOf('2026-13-01')).toMatch(/no such day/);
  });

  it.each(['', '2026-3-1', '2026.03.31', '31-03.2026', '31-03-26', '1.3.26', 'March 31, 2026', '2026-03-31T00:00:00', '20260331', '31 03 2026'])(
    'refuses %j', (text) => {
      expect(parseCsvDate(text).ok).toBe(false);
    });

  it('asks for a four-digit year', () => {
    expect(dateOf('31-03-26')).toBe("'31-03-26' needs a four-digit year");
  });

  it('reads every day written the ISO way or the Danish ways', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('-', '.'), fc.boolean(), (when, sep, pad) => {
      const iso = when.toISOString().slice(0, 10);
      const [y, m, d] = iso.split('-') as [string, string, string];
      const day = pad ? d : String(Number(d));
      const month = pad ? m : String(Number(m));
      expect(dateOf(iso)).toBe(iso);
      expect(dateOf(`${day}${sep}${month}${sep}${y}`)).toBe(iso);
      expect(parseCsvDate(`${d}/${m}/${y}`).ok).toBe(false);
    }), { numRuns: 1000 });
  });
});
