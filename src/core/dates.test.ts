import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { addDays, dateOfEpochDay, dayCutoff, epochDay, instantFromEpochMillis, isTimeZone, lastDayOfMonth, toPlainDate, tryParseInstant, tryParseIsoDate, type IsoDate } from './dates.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateText = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

/** What Temporal, the reference implementation, says about a `YYYY-MM-DD` text. */
function temporalAccepts(text: string): boolean {
  try {
    Temporal.PlainDate.from(text, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

// Leap-year rules bite on 29 February, most of all in century years (1900 no, 2000 yes).
const feb29 = fc.oneof(
  fc.integer({ min: 0, max: 9999 }),
  fc.integer({ min: 0, max: 99 }).map((c) => c * 100),
).map((y) => dateText(y, 2, 29));
const anyYmd = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => dateText(y, m, d));
const monthEnds = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 28, max: 31 }))
  .map(([y, m, d]) => dateText(y, m, d));

describe('tryParseIsoDate', () => {
  it('agrees with Temporal on which calendar dates exist', () => fc.assert(fc.property(
    fc.oneof(anyYmd, monthEnds, feb29), (text) => {
      expect(tryParseIsoDate(text) !== undefined).toBe(temporalAccepts(text));
    }), { numRuns: 500 }));

  it.each([
    ['2024-02-29', true], ['2026-02-29', false], ['2000-02-29', true], ['1900-02-29', false], ['2100-02-29', false],
    ['2400-02-29', true], ['2026-04-30', true], ['2026-04-31', false], ['2026-12-31', true], ['2026-00-10', false],
    ['2026-13-01', false], ['2026-01-00', false],
  ])('says whether %s exists (%s)', (text, exists) => {
    expect(tryParseIsoDate(text)).toBe(exists ? text : undefined);
  });

  it.each(['2026-3-01', '26-03-01', '20260301', '2026-03-01T00:00', ' 2026-03-01', '2026-03-01 ', '+002026-03-01', '2026/03/01', ''])(
    'accepts only the YYYY-MM-DD form, not %j', (text) => {
      expect(tryParseIsoDate(text)).toBeUndefined();
    });

  it('turns a parsed date into the same Temporal date', () => {
    expect(toPlainDate('2026-02-28' as IsoDate).equals(Temporal.PlainDate.from('2026-02-28'))).toBe(true);
  });
});

describe('tryParseInstant', () => {
  it.each([
    ['2026-03-01T10:00:00+01:00', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01T09:00:00Z', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01t09:00:00z', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01T03:30:00-05:30', '2026-03-01T09:00:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2026-03-01T09:00:00-00:00', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01T09:00:00.5Z', '2026-03-01T09:00:00.500Z'],
    ['2026-03-01T09:00:00.123000000+00:00', '2026-03-01T09:00:00.123Z'],
  ])('normalises %s to UTC milliseconds: %s', (text, utc) => {
    expect(tryParseInstant(text)).toBe(utc);
  });

  it('gives back the text of any JavaScript Date in years 0001–9999 unchanged', () => fc.assert(fc.property(
    fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
    (date) => {
      const text = date.toISOString();
      expect(tryParseInstant(text)).toBe(text);
    }), { numRuns: 500 }));

  it('keeps instants in the first century of the calendar in that century', () => {
    expect(tryParseInstant('0050-06-01T12:00:00Z')).toBe('0050-06-01T12:00:00.000Z');
    expect(tryParseInstant('0001-01-01T00:00:00.000Z')).toBe('0001-01-01T00:00:00.000Z');
  });

  it('agrees with Temporal on the instant named by any offset', () => fc.assert(fc.property(
    fc.record({
      y: fc.integer({ min: 1000, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }),
      ms: fc.option(fc.integer({ min: 0, max: 999 })),
      offset: fc.option(fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 })})),
    }),
    ({ y, mo, d, h, mi, s, ms, offset }) => {
      const zone = offset ? `${offset.sign}${pad(offset.h, 2)}:${pad(offset.m, 2)}` : 'Z';
      const text = `${dateText(y, mo, d)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === null ? '' : `.${pad(ms, 3)}`}${zone}`;
      const reference = Temporal.Instant.from(text);
      const year = new Date(reference.epochMilliseconds).getUTCFullYear();
      expect(tryParseInstant(text)).toBe(year <= 9999 ? reference.toString({ fractionalSecondDigits: 3 }) : undefined);
    }), { numRuns: 500 }));

  it.each([
    ['2026-03-01T09:00:00.0001Z', 'a tenth of a millisecond'],
    ['2026-03-01T09:00:00.123456Z', 'microseconds'],
    ['2026-03-01T09:00:00.123456789+01:00', 'nanoseconds'],
  ])('rejects %s: sub-millisecond precision (%s) would be lost', (text) => {
    expect(tryParseInstant(text)).toBeUndefined();
  });

  it.each([
    '2026-03-01T24:00:00Z', '2026-03-01T23:60:00Z', '2026-03-01T23:59:60Z', '2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z',
    '2026-03-01T10:00:00+24:00', '2026-03-01T10:00:00+01:60',
  ])('rejects the impossible time %s', (text) => {
    expect(tryParseInstant(text)).toBeUndefined();
  });

  it.each([
    ['2026-03-01T09:00:00', 'no offset'],
    ['2026-03-01T09:00', 'no seconds and no offset'],
    ['2026-03-01T09:00Z', 'no seconds'],
    ['2026-03-01', 'a date only'],
    ['2026-03-01T09:00:00+0100', 'an offset without colon'],
    ['2026-03-01T09:00:00.Z', 'an empty fraction'],
    ['', 'nothing'],
  ])('rejects %j (%s)', (text) => {
    expect(tryParseInstant(text)).toBeUndefined();
  });

  it('writes epoch milliseconds as the same canonical text', () => {
    expect(instantFromEpochMillis(Date.UTC(2026, 2, 1, 9))).toBe('2026-03-01T09:00:00.000Z');
  });
});

describe('dayCutoff', () => {
  const cutoff = (date: string, zone: string) => dayCutoff(Temporal.PlainDate.from(date), zone).toString();

  it('ends a winter day in Copenhagen at 23:00 UTC', () => {
    expect(cutoff('2026-01-15', 'Europe/Copenhagen')).toBe('2026-01-15T23:00:00Z');
  });

  it('ends a summer day in Copenhagen at 22:00 UTC', () => {
    expect(cutoff('2026-06-15', 'Europe/Copenhagen')).toBe('2026-06-15T22:00:00Z');
  });

  it('gives the day clocks go forward in Copenhagen 23 hours', () => {
    expect(cutoff('2026-03-28', 'Europe/Copenhagen')).toBe('2026-03-28T23:00:00Z');
    expect(cutoff('2026-03-29', 'Europe/Copenhagen')).toBe('2026-03-29T22:00:00Z');
  });

  it('gives the day clocks go back in Copenhagen 25 hours', () => {
    expect(cutoff('2026-10-24', 'Europe/Copenhagen')).toBe('2026-10-24T22:00:00Z');
    expect(cutoff('2026-10-25', 'Europe/Copenhagen')).toBe('2026-10-25T23:00:00Z');
  });

  it('ends a day at the start of the next one where that next day has no midnight', () => {
    // São Paulo moved its clocks from 00:00 to 01:00 on 4 November 2018.
    expect(cutoff('2018-11-03', 'America/Sao_Paulo')).toBe('2018-11-04T03:00:00Z');
  });
});

describe('isTimeZone', () => {
  it.each([['Europe/Copenhagen', true], ['America/Sao_Paulo', true], ['UTC', true], ['Mars/Olympus_Mons', false], ['CET', false], ['', false]])(
    'says whether %j is an IANA zone name (%s)', (name, expected) => {
      expect(isTimeZone(name)).toBe(expected);
    });
});

describe('plain date arithmetic', () => {
  const anyDate = fc.integer({ min: epochDay('0001-01-01' as IsoDate), max: epochDay('9999-12-01' as IsoDate) }).map(dateOfEpochDay);

  it('agrees with Temporal on day counts, adding days and month ends, years 1 to 9999', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: -400, max: 400 }), (date, days) => {
      const plain = Temporal.PlainDate.from(date);
      expect(epochDay(date)).toBe(Temporal.PlainDate.from('1970-01-01').until(plain).days);
      if (plain.year > 1 && plain.year < 9999) expect(addDays(date, days)).toBe(plain.add({ days }).toString());
      expect(lastDayOfMonth(date)).toBe(plain.with({ day: plain.daysInMonth }).toString());
    }));
  });

  it('knows the leap days', () => {
    expect(addDays('2024-02-28' as IsoDate, 1)).toBe('2024-02-29');
    expect(addDays('1900-02-28' as IsoDate, 1)).toBe('1900-03-01');
    expect(lastDayOfMonth('0044-02-10' as IsoDate)).toBe('0044-02-29');
  });
});
