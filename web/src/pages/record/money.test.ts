import { describe, expect, it } from 'vitest';
import { parseAmount } from './money.ts';

describe('parseAmount', () => {
  it('reads a decimal comma or a decimal point alike', () => {
    expect(parseAmount('1250,5', 'DKK')).toBe('1250.50');
    expect(parseAmount('1250.50', 'DKK')).toBe('1250.50');
  });

  it('takes the last of two different separators as the decimal mark', () => {
    expect(parseAmount('1.234,56', 'DKK')).toBe('1234.56');
    expect(parseAmount('1,234.56', 'GBP')).toBe('1234.56');
  });

  it('reads a separator that repeats, and spaces, as grouping', () => {
    expect(parseAmount('1.234.567', 'DKK')).toBe('1234567.00');
    expect(parseAmount('1 234,5', 'EUR')).toBe('1234.50');
  });

  it('refuses more decimals than the currency has, and text that is no amount', () => {
    expect(parseAmount('12,345', 'DKK')).toBeUndefined();
    expect(parseAmount('12.5', 'JPY')).toBeUndefined();
    expect(parseAmount('-5', 'DKK')).toBeUndefined();
    expect(parseAmount('abc', 'DKK')).toBeUndefined();
    expect(parseAmount('', 'DKK')).toBeUndefined();
  });

  it('writes whole amounts of a currency without minor units as they are', () => {
    expect(parseAmount('1500', 'JPY')).toBe('1500');
    expect(parseAmount('1.500.000', 'JPY')).toBe('1500000');
  });

  it('reads the page language\'s thousands separator before three digits as grouping', () => {
    expect(parseAmount('1.250', 'DKK', 'da')).toBe('1250.00');
    expect(parseAmount('1,250', 'GBP', 'en')).toBe('1250.00');
    expect(parseAmount('1.250,50', 'DKK', 'da')).toBe('1250.50');
    expect(parseAmount('1,250.50', 'GBP', 'en')).toBe('1250.50');
    expect(parseAmount('850.00', 'DKK', 'da')).toBe('850.00');
    expect(parseAmount('12,5', 'GBP', 'en')).toBe('12.50');
    // Another language's grouping stays a decimal mark, and three decimals are refused.
    expect(parseAmount('1,250', 'DKK', 'da')).toBeUndefined();
  });
});
