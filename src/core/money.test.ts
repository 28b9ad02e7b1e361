import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMoney, formatDecimal, isCurrencyCode, minorDigits, money, parseMoney, tryParseMoney, type CurrencyCode } from './money.ts';
import { FirmlyError } from './errors.ts';

const DKK = 'DKK' as CurrencyCode;
const EUR = 'EUR' as CurrencyCode;
const GBP = 'GBP' as CurrencyCode;
const JPY = 'JPY' as CurrencyCode;
const KWD = 'KWD' as CurrencyCode;

/** Runs `act` and returns the FirmlyError it throws, so a test can assert on its code. */
function thrown(act: () => unknown): FirmlyError {
  try {
    act();
  } catch (error) {
    if (error instanceof FirmlyError) return error;
    throw error;
  }
  throw new Error('expected a FirmlyError, nothing was thrown');
}

describe('money', () => {
  describe.each([
    { currency: DKK, digits: 2 },
    { currency: EUR, digits: 2 },
    { currency: GBP, digits: 2 },
    { currency: JPY, digits: 0 },
    { currency: KWD, digits: 3 },
  ])('in $currency', ({ currency, digits }) => {
    it(`has ${digits} minor digits`, () => {
      expect(minorDigits(currency)).toBe(digits);
    });

    it('formats with exactly the minor digits and parses back to the same amount', () => fc.assert(fc.property(
      fc.maxSafeInteger(), (minor) => {
        const m = money(minor, currency);
        const text = formatDecimal(m);
        expect(text).toMatch(digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${digits}}$`));
        expect(parseMoney(text, currency)).toEqual(m);
      }), { numRuns: 300 }));
  });

  it('reads "1250.50" DKK as 125050 øre', () => {
    expect(parseMoney('1250.50', DKK)).toEqual({ minor: 125_050, currency: DKK });
  });

  it('pads a short fraction to the minor digits', () => {
    expect(parseMoney('1250.5', DKK)).toEqual({ minor: 125_050, currency: DKK });
    expect(parseMoney('7', KWD)).toEqual({ minor: 7000, currency: KWD });
  });

  it('reads negative amounts, and minus zero as zero', () => {
    expect(parseMoney('-12.34', EUR)).toEqual({ minor: -1234, currency: EUR });
    expect(Object.is(parseMoney('-0.00', EUR).minor, 0)).toBe(true);
  });

  it('formats small and negative amounts with a leading zero', () => {
    expect(formatDecimal(money(5, DKK))).toBe('0.05');
    expect(formatDecimal(money(-5, DKK))).toBe('-0.05');
    expect(formatDecimal(money(-5, JPY))).toBe('-5');
    expect(formatDecimal(money(1, KWD))).toBe('0.001');
  });

  it.each([
    ['1.234', DKK, 'more decimals than DKK has'],
    ['1.5', JPY, 'a fraction of a yen'],
    ['1e3', DKK, 'exponent notation'],
    ['', DKK, 'empty text'],
    [' 1.00', DKK, 'leading space'],
    ['1.00 ', DKK, 'trailing space'],
    ['1,00', DKK, 'decimal comma'],
    ['+1.00', DKK, 'explicit plus sign'],
    ['1.', DKK, 'a point without digits'],
    ['.50', DKK, 'no integer digits'],
    ['--1', DKK, 'two signs'],
    ['0x10', JPY, 'hexadecimal'],
    ['NaN', DKK, 'not a number'],
    ['Infinity', DKK, 'infinity'],
  ])('rejects %j in %s (%s)', (text, currency) => {
    expect(tryParseMoney(text, currency)).toBeUndefined();
    expect(thrown(() => parseMoney(text, currency)).code).toBe('money.invalid');
  });

  it('rejects amounts beyond 2^53 minor units and accepts the largest safe one', () => {
    expect(parseMoney('9007199254740991', JPY).minor).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseMoney('90071992547409.91', DKK).minor).toBe(Number.MAX_SAFE_INTEGER);
    expect(tryParseMoney('9007199254740992', JPY)).toBeUndefined();
    expect(tryParseMoney('90071992547409.92', DKK)).toBeUndefined();
    expect(tryParseMoney('-90071992547409.92', DKK)).toBeUndefined();
    expect(tryParseMoney('99999999999999999999', JPY)).toBeUndefined();
  });

  it('adds amounts of one currency', () => {
    expect(addMoney(money(150, DKK), money(-50, DKK))).toEqual(money(100, DKK));
  });

  it('refuses to add amounts in different currencies', () => {
    expect(thrown(() => addMoney(money(100, DKK), money(100, EUR))).code).toBe('money.currency_mismatch');
  });

  it('refuses a sum beyond 2^53 minor units', () => {
    expect(thrown(() => addMoney(money(Number.MAX_SAFE_INTEGER, DKK), money(1, DKK))).code).toBe('money.out_of_range');
  });

  it('knows ISO 4217 codes and nothing else', () => {
    for (const code of ['DKK', 'EUR', 'GBP', 'JPY', 'KWD', 'USD', 'SEK']) expect(isCurrencyCode(code)).toBe(true);
    for (const code of ['dkk', 'Dkk', 'DK', 'DKKK', 'ABC', ' DKK', '', '123']) expect(isCurrencyCode(code)).toBe(false);
  });
});
