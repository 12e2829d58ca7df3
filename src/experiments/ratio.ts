import type { ArmSummary } from '../stats/welch.ts';

/**
 * A ratio-of-sums metric of one arm (Σ y / Σ x over its accounts, e.g. redeemed / issued) reduced to the summary
 * Welch's test takes, by the delta method (Deng et al. 2018, "Applying the Delta Method in Metric Analytics"):
 *   Var(R) ≈ (σ_y² − 2R σ_xy + R² σ_x²) / (n μ_x²),
 * with sample (n − 1) moments. The summary's variance is n·Var(R), so welchTest's variance / n is Var(R) and its
 * delta-method relative lift applies unchanged. Null when the arm's Σ x is 0 (the ratio does not exist).
 */
export function ratioSummary(numerator: ArrayLike<number>, denominator: ArrayLike<number>): ArmSummary | null {
  const n = numerator.length;
  if (n !== denominator.length) throw new RangeError('numerator and denominator need one value per unit each');
  if (n < 2) return null;
  let sy = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    sy += numerator[i]!;
    sx += denominator[i]!;
  }
  if (sx === 0) return null;
  const my = sy / n;
  const mx = sx / n;
  let vy = 0;
  let vx = 0;
  let cxy = 0;
  for (let i = 0; i < n; i++) {
    const dy = numerator[i]! - my;
    const dx = denominator[i]! - mx;
    vy += dy * dy;
    vx += dx * dx;
    cxy += dx * dy;
  }
  vy /= n - 1;
  vx /= n - 1;
  cxy /= n - 1;
  const r = sy / sx;
  const varR = Math.max(0, (vy - 2 * r * cxy + r * r * vx) / (n * mx * mx));
  return { n, mean: r, variance: n * varR };
}
