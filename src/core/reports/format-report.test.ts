import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates.ts';
import { formatHours, formatMonth, formatNumber, formatShare, formatShortDate } from './format-report.ts';

describe('report formatting', () => {
  it('writes dates, months, hours and shares the language\'s way', () => {
    expect(formatShortDate('2026-03-03' as IsoDate, 'en')).toBe('03/03/2026');
    expect(formatShortDate('2026-03-03' as IsoDate, 'da')).toBe('03.03.2026');
    expect(formatMonth('2026-03', 'da')).toBe('marts 2026');
    expect(formatMonth('2026-03', 'en')).toBe('March 2026');
    expect(formatHours(90, 'da')).toBe('1,5');
    expect(formatHours(8_070, 'en')).toBe('134.5');
    expect(formatNumber(2, 'en')).toBe('2');
    expect(formatNumber(2.5, 'da')).toBe('2,5');
    expect(formatShare(0.256, 'en')).toBe('26%');
  });

  it('gives the same text from the cached formatter on every call', () => {
    expect([1, 2, 3].map(() => formatShortDate('2026-12-31' as IsoDate, 'da'))).toEqual(['31.12.2026', '31.12.2026', '31.12.2026']);
  });
});
