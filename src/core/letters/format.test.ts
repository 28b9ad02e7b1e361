import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates.ts';
import type { CurrencyCode } from '../money.ts';
import { formatDate, formatMoney } from './format.ts';

describe('letter formatting', () => {
  it('writes every amount exactly, in either language', () => {
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.constantFrom('DKK', 'EUR', 'GBP'), (minor, currency) => {
      const amount = Math.abs(minor);
      const expected = `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
      const en = formatMoney({ minor, currency: currency as CurrencyCode }, 'en').replace(/[^\d.]/g, '');
      const da = formatMoney({ minor, currency: currency as CurrencyCode }, 'da').replace(/[^\d,]/g, '').replace(',', '.');
      expect(en).toBe(expected);
      expect(da).toBe(expected);
    }));
  });

  it('writes the currency the language\'s way, and dates in full', () => {
    expect(formatMoney({ minor: 145_000, currency: 'DKK' as CurrencyCode }, 'da')).toBe('1.450,00\u00a0DKK');
    expect(formatMoney({ minor: 4_000, currency: 'GBP' as CurrencyCode }, 'en')).toBe('£40.00');
    expect(formatMoney({ minor: 5, currency: 'JPY' as CurrencyCode }, 'en')).toBe('JP¥5');
    expect(formatDate('2025-05-31' as IsoDate, 'da')).toBe('31. maj 2025');
    expect(formatDate('2025-05-31' as IsoDate, 'en')).toBe('31 May 2025');
  });
});
