import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { IsoInstant } from '../dates.ts';
import { mailTime, mboxFromLineDate, parseMailDate } from './mail-date.ts';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** RFC 5322 date-time of an instant as seen at `offsetMinutes` from UTC, the way mailers write it. */
function rfc5322(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${days[local.getUTCDay()]}, ${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

describe('parseMailDate', () => {
  it('reads back the instant of any RFC 5322 date, whatever the offset it was written in', () => fc.assert(fc.property(
    fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2099, 11, 31) }).map((ms) => ms - (ms % 1000)),
    fc.integer({ min: -12 * 60, max: 14 * 60 }),
    (ms, offset) => {
      expect(parseMailDate(rfc5322(ms, offset))).toBe(new Date(ms).toISOString());
    }), { numRuns: 500 }));

  it.each([
    ['Tue, 16 Feb 2021 00:57:06 +0000', '2021-02-16T00:57:06.000Z'],
    ['Wed, 20 Sep 1995 00:19:00 (EDT) -0400', '1995-09-20T04:19:00.000Z'],
    ['Mon, 2 Apr 2012 13:56:12 +0000 (UTC)', '2012-04-02T13:56:12.000Z'],
    ['Mon, 2 Apr 2012 06:45:30 -0700 (PDT)', '2012-04-02T13:45:30.000Z'],
    ['Sun, 9 Sep 2004 03:15:52 -0500', '2004-09-09T08:15:52.000Z'], // the wrong weekday is ignored
    ['2 Apr 12 06:45 PDT', '2012-04-02T13:45:00.000Z'], // two-digit year, named zone, no seconds
    ['Fri, 13 Mar 98 10:26:48 GMT', '1998-03-13T10:26:48.000Z'],
    ['Sat Dec  2 12:34:56 2017', '2017-12-02T12:34:56.000Z'], // asctime
    ['Fri Sep 26 05:49:03 +0000 2025', '2025-09-26T05:49:03.000Z'],
    ['2017-12-04T18:42:18Z', '2017-12-04T18:42:18.000Z'],
  ])('reads %s', (text, instant) => {
    expect(parseMailDate(text)).toBe(instant);
  });

  it.each([
    [''], ['not a date'], ['Tue, 30 Feb 2021 10:00:00 +0000'], ['Tue, 16 Feb 2021 25:00:00 +0000'], ['16 Feb 2021'],
    ['Tue, 16 Foo 2021 10:00:00 +0000'], ['Tue, 16 Feb 2021 10:00:00 +0099'],
  ])('says %j names no moment', (text) => {
    expect(parseMailDate(text)).toBeUndefined();
  });

  it('never throws, whatever the text', () => fc.assert(fc.property(fc.string(), (text) => {
    const parsed = parseMailDate(text);
    expect(parsed === undefined || typeof parsed === 'string').toBe(true);
  })));
});

describe('mboxFromLineDate', () => {
  it('reads the arrival date of an mbox "From " line', () => {
    expect(mboxFromLineDate('From dev-return-124652-archiver=mbox-vm.apache.org@maven.apache.org  Tue Nov 28 09:56:38 2017'))
      .toBe('2017-11-28T09:56:38.000Z');
  });

  it('has none for "From -" and Gmail\'s dateless lines', () => {
    expect(mboxFromLineDate('From - ')).toBeUndefined();
    expect(mboxFromLineDate('From 1844347792267117879@xxx')).toBeUndefined();
  });
});

describe('mailTime', () => {
  const now = '2026-11-27T10:00:00.000Z' as IsoInstant;
  const i = (text: string) => text as IsoInstant;

  it('takes the Date header first, then the receipt, then now', () => {
    expect(mailTime(i('2026-03-01T09:00:00.000Z'), i('2026-03-01T09:05:00.000Z'), now)).toEqual({ at: '2026-03-01T09:00:00.000Z', source: 'date' });
    expect(mailTime(undefined, i('2026-03-01T09:05:00.000Z'), now)).toEqual({ at: '2026-03-01T09:05:00.000Z', source: 'receipt' });
    expect(mailTime(undefined, undefined, now)).toEqual({ at: now, source: 'import' });
  });

  it('takes a Date header outside the ledger\'s dates as no date, so the mail is still imported', () => {
    expect(mailTime(i('1900-01-01T09:00:00.000Z'), i('2026-03-01T09:05:00.000Z'), now)).toEqual({ at: '2026-03-01T09:05:00.000Z', source: 'receipt' });
    expect(mailTime(i('0001-01-01T00:00:00.000Z'), i('1969-12-31T23:59:59.999Z'), now)).toEqual({ at: now, source: 'import' });
  });

  it('is never later than now, whatever the sender\'s clock said', () => fc.assert(fc.property(
    fc.option(fc.date({ min: new Date('1990-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }).map((d) => d.toISOString() as IsoInstant), { nil: undefined }),
    fc.option(fc.date({ min: new Date('1990-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }).map((d) => d.toISOString() as IsoInstant), { nil: undefined }),
    (date, received) => {
      expect(mailTime(date, received, now).at <= now).toBe(true);
    })));
});
