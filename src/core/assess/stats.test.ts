import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, theilSenSlope } from './stats.ts';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});

describe('the Theil–Sen slope', () => {
  it('finds the days added per cycle of a steadily later payer', () => {
    expect(theilSenSlope([0, 6, 15, 21, 29, 36, 45])).toBeCloseTo(7.4, 0);
  });

  it('is not turned by one outlier', () => {
    expect(theilSenSlope([0, 0, 0, 60, 0, 0, 0])).toBe(0);
  });

  it('is exact on a straight line and unchanged by a shift', () => fc.assert(fc.property(
    fc.integer({ min: -20, max: 20 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 2, max: 15 }), (slope, shift, n) => {
      const ys = Array.from({ length: n }, (_, i) => slope * i);
      expect(theilSenSlope(ys)).toBe(slope);
      expect(theilSenSlope(ys.map((y) => y + shift))).toBe(slope);
    })));
});
