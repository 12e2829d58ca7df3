import { quantileSorted } from '../stats/quantile.ts';

export const QUANTILE_LEVELS = [0.1, 0.25, 0.5, 0.75, 0.9, 0.99] as const;
export const MAX_BINS = 40;

export interface ArmHistogramInput {
  variant: string;
  values: ArrayLike<number>;
}

/**
 * What the page draws of each arm's issued-per-account distribution: quantiles, and counts over bin edges shared by
 * every arm (equal width from the pooled minimum to the pooled maximum, at most MAX_BINS bins; the last bin is
 * closed so the maximum is counted). One bin when every value is equal.
 */
export function armDistributions(arms: ArmHistogramInput[], maxBins = MAX_BINS) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const arm of arms) {
    for (let i = 0; i < arm.values.length; i++) {
      lo = Math.min(lo, arm.values[i]!);
      hi = Math.max(hi, arm.values[i]!);
    }
  }
  if (!Number.isFinite(lo))
    return { bins: [], arms: arms.map((a) => ({ variant: a.variant, quantiles: [], counts: [] })) };
  const binCount = hi > lo ? maxBins : 1;
  const width = hi > lo ? (hi - lo) / binCount : 1;
  const bins = Array.from({ length: binCount + 1 }, (_, k) =>
    k === binCount ? (hi > lo ? hi : lo + 1) : lo + k * width,
  );
  return {
    bins,
    arms: arms.map((arm) => {
      const counts = new Array<number>(binCount).fill(0);
      for (let i = 0; i < arm.values.length; i++) {
        counts[Math.min(binCount - 1, Math.floor((arm.values[i]! - lo) / width))]! += 1;
      }
      const sorted = Float64Array.from(arm.values).sort();
      const quantiles = sorted.length ? QUANTILE_LEVELS.map((p) => ({ p, value: quantileSorted(sorted, p)! })) : [];
      return { variant: arm.variant, quantiles, counts };
    }),
  };
}
