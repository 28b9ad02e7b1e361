import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leastSquares } from './trend.ts';

const close = (a: number, b: number, scale = 1) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(scale));

describe('leastSquares', () => {
  it('draws the line through days late that grow by the same amount every cycle', () => {
    expect(leastSquares([0, 5, 10, 15].map((y, x) => ({ x, y })))).toEqual({ slope: 5, intercept: 0 });
  });

  it('fits the middle of points scattered around a line', () => {
    // (0,1) (1,1) (2,3) (3,3): slope 0.8, intercept 0.8
    const line = leastSquares([{ x: 0, y: 1 }, { x: 1, y: 1 }, { x: 2, y: 3 }, { x: 3, y: 3 }]);
    expect(line?.slope).toBeCloseTo(0.8, 12);
    expect(line?.intercept).toBeCloseTo(0.8, 12);
  });

  it('has no line for fewer than two points, or when every x is the same', () => {
    expect(leastSquares([])).toBeNull();
    expect(leastSquares([{ x: 0, y: 4 }])).toBeNull();
    expect(leastSquares([{ x: 2, y: 4 }, { x: 2, y: 9 }])).toBeNull();
  });

  it('recovers any line from points lying on it', () => fc.assert(fc.property(
    fc.integer({ min: -100, max: 100 }), fc.integer({ min: -1000, max: 1000 }),
    fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 2, maxLength: 40 }),
    (slope, intercept, xs) => {
      const line = leastSquares(xs.map((x) => ({ x, y: slope * x + intercept })));
      expect(line).not.toBeNull();
      expect(close(line!.slope, slope, slope)).toBe(true);
      expect(close(line!.intercept, intercept, Math.abs(slope) * 500 + Math.abs(intercept))).toBe(true);
    })));

  it('leaves residuals that sum to zero and are uncorrelated with x (the normal equations)', () => fc.assert(fc.property(
    fc.array(fc.record({ x: fc.integer({ min: 0, max: 60 }), y: fc.integer({ min: -60, max: 120 }) }), { minLength: 2, maxLength: 40 })
      .filter((points) => new Set(points.map((p) => p.x)).size > 1),
    (points) => {
      const line = leastSquares(points)!;
      const residuals = points.map((p) => p.y - (line.slope * p.x + line.intercept));
      const sum = residuals.reduce((s, r) => s + r, 0);
      const weighted = residuals.reduce((s, r, i) => s + r * points[i]!.x, 0);
      expect(Math.abs(sum)).toBeLessThan(1e-6 * points.length * 120);
      expect(Math.abs(weighted)).toBeLessThan(1e-6 * points.length * 120 * 60);
    })));

  it('does not depend on the order of the points', () => fc.assert(fc.property(
    fc.array(fc.record({ x: fc.integer({ min: 0, max: 60 }), y: fc.integer({ min: -60, max: 120 }) }), { minLength: 2, maxLength: 20 })
      .filter((points) => new Set(points.map((p) => p.x)).size > 1),
    (points) => {
      const a = leastSquares(points)!;
      const b = leastSquares([...points].reverse())!;
      expect(close(a.slope, b.slope, a.slope)).toBe(true);
      expect(close(a.intercept, b.intercept, a.intercept)).toBe(true);
    })));
});
