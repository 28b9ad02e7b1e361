/** The median of a list of numbers; undefined for an empty list. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The Theil–Sen slope of `ys` over their positions 0, 1, 2, …: the median of the slopes
 * between every pair of points. Robust: one outlier (a single very late payment) cannot
 * turn the trend. Undefined with fewer than two points.
 * @example theilSenSlope([0, 5, 10, 18]) // ≈ 5.75 days later per cycle
 */
export function theilSenSlope(ys: readonly number[]): number | undefined {
  if (ys.length < 2) return undefined;
  const slopes: number[] = [];
  for (let i = 0; i < ys.length; i += 1) {
    for (let j = i + 1; j < ys.length; j += 1) slopes.push(((ys[j] as number) - (ys[i] as number)) / (j - i));
  }
  return median(slopes);
}

export const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
