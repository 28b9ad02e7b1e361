import { describe, expect, it } from 'vitest';
import { DateWire, IdWire, InstantWire, NonNegativeMoneyWire, PositiveMoneyWire, RatePctWire, TextWire, TimeZoneWire } from './wire.ts';

const messages = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('wire building blocks', () => {
  it('normalises money to the currency\'s minor digits', () => {
    expect(PositiveMoneyWire.parse({ amount: '0012.5', currency: 'DKK' })).toEqual({ amount: '12.50', currency: 'DKK' });
    expect(PositiveMoneyWire.parse({ amount: '1500', currency: 'JPY' })).toEqual({ amount: '1500', currency: 'JPY' });
    expect(PositiveMoneyWire.parse({ amount: '1.5', currency: 'KWD' })).toEqual({ amount: '1.500', currency: 'KWD' });
  });

  it('allows zero where money may be nothing, never below', () => {
    expect(NonNegativeMoneyWire.parse({ amount: '0', currency: 'DKK' })).toEqual({ amount: '0.00', currency: 'DKK' });
    expect(messages(NonNegativeMoneyWire.safeParse({ amount: '-1.00', currency: 'DKK' }))).toEqual(['amount: must be zero or more']);
    expect(messages(PositiveMoneyWire.safeParse({ amount: '-0.00', currency: 'DKK' }))).toEqual(['amount: must be greater than zero']);
  });

  it('says that an amount must be text when it is a number', () => {
    expect(messages(PositiveMoneyWire.safeParse({ amount: 12.5, currency: 'DKK' })))
      .toEqual(['amount: amounts are decimal strings such as "1250.00", never numbers']);
  });

  it('accepts dates and instants only as the format fixes them', () => {
    expect(DateWire.parse('2024-02-29')).toBe('2024-02-29');
    expect(DateWire.safeParse('2026-02-29').success).toBe(false);
    expect(InstantWire.parse('2026-06-01T12:00:00+02:00')).toBe('2026-06-01T10:00:00.000Z');
    expect(InstantWire.safeParse('2026-06-01T12:00:00').success).toBe(false);
  });

  it('accepts ids without whitespace or control characters, up to 200 characters', () => {
    expect(IdWire.parse('inv_2026-001:ø')).toBe('inv_2026-001:ø');
    for (const bad of ['', 'a b', 'a\tb', 'a\u0000b', 'x'.repeat(201)]) expect(IdWire.safeParse(bad).success).toBe(false);
  });

  it('trims text and refuses text that is only blanks', () => {
    expect(TextWire(10).parse('  Kim  ')).toBe('Kim');
    expect(TextWire(10).safeParse('   ').success).toBe(false);
    expect(TextWire(3).safeParse('Kimo').success).toBe(false);
  });

  it('writes a late-interest rate as text, whether it came as text or as a number', () => {
    expect(RatePctWire.parse('8.05')).toBe('8.05');
    expect(RatePctWire.parse(8)).toBe('8');
    expect(RatePctWire.parse(10.5)).toBe('10.5');
    for (const bad of ['-1', '8,05', '1e-7', '1000', '8.', 1e-7, -2]) expect(RatePctWire.safeParse(bad).success).toBe(false);
  });

  it('accepts IANA time-zone names only', () => {
    expect(TimeZoneWire.safeParse('Europe/Copenhagen').success).toBe(true);
    expect(TimeZoneWire.safeParse('Copenhagen').success).toBe(false);
  });
});
