/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013): y' = y − θ (x − x̄) with x the same account's value in the pre-period and
 * θ = cov(x, y) / var(x) estimated on both arms pooled, so the adjustment is the same function in each arm and the
 * difference of means stays unbiased. The variance removed is 1 − var(y') / var(y) = corr(x, y)².
 */
export interface CupedResult {
  adjusted: Float64Array;
  theta: number;
  /** Share of the pooled variance of y removed, in [0, 1]. */
  varianceReduction: number;
}

/** Null when the covariate is constant (no pre-period information) or y has no variance. */
export function cuped(y: ArrayLike<number>, x: ArrayLike<number>): CupedResult | null {
  const n = y.length;
  if (n !== x.length) throw new RangeError('the metric and its covariate need one value per unit each');
  if (n < 3) return null;
  let sy = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    sy += y[i]!;
    sx += x[i]!;
  }
  const my = sy / n;
  const mx = sx / n;
  let vx = 0;
  let vy = 0;
  let cxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    vx += dx * dx;
    vy += dy * dy;
    cxy += dx * dy;
  }
  if (!(vx > 0 && vy > 0)) return null;
  const theta = cxy / vx;
  const adjusted = new Float64Array(n);
  for (let i = 0; i < n; i++) adjusted[i] = y[i]! - theta * (x[i]! - mx);
  return { adjusted, theta, varianceReduction: Math.min(1, Math.max(0, (cxy * cxy) / (vx * vy))) };
}
