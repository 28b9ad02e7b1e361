import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../money.ts';
import { amountToMoney, parseAmount, type DecimalSeparator } from './parse-amount.ts';

const DKK = 'DKK' as CurrencyCode;
const JPY = 'JPY' as CurrencyCode;
const KWD = 'KWD' as CurrencyCode;

/** Minor units of a text in a currency, or the reason it is refused. */
function minorOf(text: string, currency: CurrencyCode = DKK, decimal?: DecimalSeparator): number | string {
  const parsed = parseAmount(text, decimal);
  if (!parsed.ok) return parsed.reason;
  const money = amountToMoney(parsed.amount, currency, text);
  return money.ok ? money.money.minor : money.reason;
}

describe('parseAmount', () => {
  it.each([
    ['1234.50', 123450], ['1234,50', 123450], ['1.234,50', 123450], ['1,234.50', 123450],
    ['1 234,50', 123450], ['1\u00A0234,50', 123450], ['1\u202F234.50', 123450], ['1234', 123400],
    ['1234,5', 123450], ['0,05', 5], ['1.234.567,89', 123456789], ['1,234,567.89', 123456789],
    ['1.234.567', 123456700], ['1,234,567', 123456700], ['1 234', 123400], ['  42  ', 4200],
    ['12,34', 1234], ['1234567', 123456700], ['-12,50', -1250],
  ])('reads %s as %i øre', (text, minor) => {
    expect(minorOf(text)).toBe(minor);
  });

  it.each(['1,234', '1.234', '12.345', '999,999', '-1,234', '1.500'])('refuses %s as ambiguous rather than guess', (text) => {
    expect(minorOf(text)).toMatch(/is ambiguous/);
  });

  it('suggests how to write an ambiguous amount in the file\'s own style', () => {
    expect(parseAmount('1.500')).toEqual({ ok: false, reason: "'1.500' is ambiguous: is '.' a thousands separator or a decimal one? Write the decimals too (1.500,00) or no separator (1500)" });
  });

  it('reads three digits after a lone separator as decimals when grouping is impossible', () => {
    expect(minorOf('0,125', KWD)).toBe(125);
    expect(minorOf('1234.567', KWD)).toBe(1234567);
  });

  it('settles an ambiguous amount by the decimal separator the user names', () => {
    expect(minorOf('1.500', DKK, ',')).toBe(150000);
    expect(minorOf('1,500', DKK, '.')).toBe(150000);
    expect(minorOf('1,5', DKK, ',')).toBe(150);
    expect(minorOf('1.5', DKK, ',')).toMatch(/group the digits by three/);
    expect(minorOf('1,234.50', DKK, ',')).toMatch(/decimal separator ',' must come once/);
  });

  it.each([
    '', '   ', 'abc', '12,3x', '1e5', '+5', '--5', ',50', '.5', '5.', '5,', '1..5', '1,,000', '0x10', '5 kr', 'DKK 5',
    '\u0661\u0662', '1_000', "1'234.50", '(5)', '5-', '1 234 5', '1.234,5.0',
  ])('refuses %j as not an amount', (text) => {
    expect(parseAmount(text).ok).toBe(false);
  });

  it.each(['12.34,50', '1.2345,00', '1,234,5', '1.234.56', '1 234.567,00', '01.234,00', '1.234 567,00', '1,234,567,8'])('refuses %s with misplaced separators', (text) => {
    expect(parseAmount(text).ok).toBe(false);
  });

  it('refuses more decimals than the currency has, instead of rounding', () => {
    expect(minorOf('1234,567')).toBe("'1234,567' has 3 decimals; DKK has 2");
    expect(minorOf('0.125')).toBe("'0.125' has 3 decimals; DKK has 2");
    expect(minorOf('1234,5', JPY)).toBe("'1234,5' has 1 decimal; JPY has 0");
    expect(minorOf('1.234', JPY)).toMatch(/ambiguous/);
    expect(minorOf('1.234.000', JPY)).toBe(1234000);
  });

  it('refuses an amount too large to hold exactly', () => {
    expect(minorOf('99999999999999999999')).toMatch(/too large/);
  });
});

// ---- properties -------------------------------------------------------------------------

const currencies = fc.constantFrom({ code: DKK, digits: 2 }, { code: JPY, digits: 0 }, { code: KWD, digits: 3 });
const styles = fc.constantFrom(
  { decimal: '.' as const, group: '' }, { decimal: '.' as const, group: ',' }, { decimal: '.' as const, group: ' ' },
  { decimal: ',' as const, group: '' }, { decimal: ',' as const, group: '.' }, { decimal: ',' as const, group: ' ' },
  { decimal: ',' as const, group: '\u00A0' }, { decimal: ',' as const, group: '\u202F' },
);

/** How a spreadsheet would print `minor` in that style. */
function format(minor: number, digits: number, style: { decimal: string; group: string }, trimZeros: boolean): string {
  const text = String(minor).padStart(digits + 1, '0');
  const units = text.slice(0, text.length - digits);
  let decimals = text.slice(text.length - digits);
  if (trimZeros) decimals = decimals.replace(/0+$/, '');
  const grouped = units.replace(/\B(?=(\d{3})+$)/g, style.group || '');
  return decimals ? `${grouped}${style.decimal}${decimals}` : grouped;
}

/** A lone `.` or `,` followed by exactly three digits, after one to three: readable both ways. */
const AMBIGUOUS = /^[1-9]\d{0,2}[.,]\d{3}$/;

/** Large and small amounts, and round ones (whose decimals a spreadsheet may leave out). */
const minors = fc.oneof(fc.integer({ min: 0, max: 1e13 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e7 }).map((n) => n * 1000));

describe('parseAmount, for any amount', () => {
  it('reads back every amount printed with a point or a comma and either style of thousands separator', () => {
    fc.assert(fc.property(minors, currencies, styles, fc.boolean(), (minor, currency, style, trimZeros) => {
      const text = format(minor, currency.digits, style, trimZeros);
      // Told the convention, every printed amount reads back.
      expect(minorOf(text, currency.code, style.decimal)).toBe(minor);
      // Not told it, only an amount readable two ways is refused, never read the wrong way.
      expect(minorOf(text, currency.code)).toEqual(AMBIGUOUS.test(text) ? expect.stringMatching(/ambiguous/) : minor);
    }), { numRuns: 2000 });
  });

  it('never reads text one way when it can be read another: two readings are refused', () => {
    const alphabet = fc.constantFrom('0', '1', '2', '5', '9', '.', ',', ' ', '-');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join('')), (text) => {
      const asComma = parseAmount(text, ',');
      const asPoint = parseAmount(text, '.');
      const guessed = parseAmount(text);
      const value = (r: typeof guessed) => (r.ok ? `${r.amount.negative}:${r.amount.units.replace(/^0+/, '')}.${r.amount.decimals.replace(/0+$/, '')}` : undefined);
      if (asComma.ok && asPoint.ok && value(asComma) !== value(asPoint)) expect(guessed.ok).toBe(false);
      if (guessed.ok) expect([value(asComma), value(asPoint)]).toContain(value(guessed));
    }), { numRuns: 5000 });
  });

  it('keeps every digit it reads and invents none', () => {
    fc.assert(fc.property(fc.string({ maxLength: 14 }), (text) => {
      const parsed = parseAmount(text);
      if (parsed.ok) expect(parsed.amount.units + parsed.amount.decimals).toBe(text.replace(/\D/g, ''));
    }), { numRuns: 5000 });
  });

  it('refuses an amount with any other character slipped in', () => {
    const foreign = fc.constantFrom('x', 'e', '+', '$', 'kr', '\'', '/', '_', '(', '\u2212', 'O', 'l');
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e10 }), styles, foreign, fc.nat(), (minor, style, char, at) => {
      const text = format(minor, 2, style, false);
      const i = at % (text.length + 1);
      expect(parseAmount(text.slice(0, i) + char + text.slice(i)).ok).toBe(false);
    }), { numRuns: 2000 });
  });
});
