/** A straight line y = slope·x + intercept. */
export interface TrendLine {
  readonly slope: number;
  readonly intercept: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * The ordinary least-squares line through the points; null with fewer than two points or
 * when every x is the same (no line is determined).
 * @example leastSquares([{ x: 0, y: 2 }, { x: 1, y: 5 }, { x: 2, y: 8 }]) → { slope: 3, intercept: 2 }
 */
export function leastSquares(points: readonly Point[]): TrendLine | null {
  const n = points.length;
  if (n < 2) return null;
  // Centred sums rather than Σxy − n·x̄·ȳ: the textbook shortcut cancels catastrophically
  // when x or y are large and close together.
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const { x, y } of points) {
    sxx += (x - meanX) * (x - meanX);
    sxy += (x - meanX) * (y - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}
