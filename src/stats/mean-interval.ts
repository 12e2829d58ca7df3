import { tQuantile } from './student-t.ts';

/**
 * Confidence interval for a mean from summary statistics: mean ± t_{(1+level)/2, n−1} · sd / √n (Student t,
 * so small groups get honest, wide intervals). Null when n < 2 or sd is unknown.
 */
export function meanInterval(n: number, mean: number | null, sd: number | null, level = 0.95): [number, number] | null {
  if (n < 2 || mean === null || sd === null || !Number.isFinite(sd)) return null;
  const half = tQuantile((1 + level) / 2, n - 1) * (sd / Math.sqrt(n));
  return [mean - half, mean + half];
}
