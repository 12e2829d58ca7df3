/**
 * Holm's step-down correction for a family of p-values: the k-th smallest (0-based) is multiplied by (m − k), then a
 * running maximum keeps the adjusted values monotone in the original order of significance, capped at 1. It controls
 * the family-wise error rate under any dependence, which suits metrics computed on the same accounts.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must be in [0, 1], got ${p}`);
  }
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, k) => {
    running = Math.max(running, Math.min(1, (m - k) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}
