export interface LorenzPoint {
  /** k: how many of the smallest values are counted. */
  k: number;
  /** k / n, the population share. */
  p: number;
  /** Σ of the k smallest / S, their share of the total. */
  l: number;
}

/**
 * The Lorenz curve (k/n, Σ_{i≤k} x_(i) / S) for k = 0..n, values sorted ascending. Empty when there are no
 * values or they sum to 0 (the curve is undefined).
 */
export function lorenz(values: ArrayLike<number>): LorenzPoint[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const s = sorted.reduce((a, b) => a + b, 0);
  if (n === 0 || s === 0) return [];
  const out: LorenzPoint[] = [{ k: 0, p: 0, l: 0 }];
  let cum = 0;
  for (let k = 1; k <= n; k++) {
    cum += sorted[k - 1];
    out.push({ k, p: k / n, l: cum / s });
  }
  return out;
}

/**
 * Thins a curve for drawing as queries/lorenz.sql does: keeps k = 0, every step-th k and k = n, with
 * step = ⌈n / maxPoints⌉. Kept points stay exactly on the curve; statistics never use the thinned curve.
 */
export function thinLorenz(points: LorenzPoint[], maxPoints: number): LorenzPoint[] {
  if (points.length === 0) return [];
  const n = points[points.length - 1].k;
  const step = Math.max(1, Math.ceil(n / Math.max(1, maxPoints)));
  return points.filter((pt) => pt.k === 0 || pt.k % step === 0 || pt.k === n);
}
