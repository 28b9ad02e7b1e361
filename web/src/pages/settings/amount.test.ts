import { describe, expect, it } from 'vitest';
import { normaliseAmount } from './amount.ts';

describe('normaliseAmount', () => {
  it('reads Danish amounts with thousands dots and a decimal comma', () => {
    expect(normaliseAmount('1.250,50', 'da')).toBe('1250.50');
    expect(normaliseAmount('1 250,00', 'da')).toBe('1250.00');
    expect(normaliseAmount('1.250.000', 'da')).toBe('1250000');
  });

  it('reads English amounts with thousands commas and a decimal point', () => {
    expect(normaliseAmount('1,250.50', 'en')).toBe('1250.50');
    expect(normaliseAmount('1,250', 'en')).toBe('1250');
  });

  it('takes a separator followed by fewer than three digits as the decimal one, in either language', () => {
    expect(normaliseAmount('850.00', 'da')).toBe('850.00');
    expect(normaliseAmount('12,5', 'en')).toBe('12.5');
    expect(normaliseAmount('850', 'da')).toBe('850');
  });
});
