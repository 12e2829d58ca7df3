/**
 * Population Gini coefficient (metrics.md): G = Σ_i (2i − n − 1) x_(i) / (n S) over values sorted ascending,
 * with no n/(n − 1) factor (PySAL's definition). Null when there are no values or they sum to 0.
 * The independent implementation that checks queries/distribution.sql and drives the bootstrap.
 */
export function gini(values: ArrayLike<number>): number | null {
  return giniSorted(Float64Array.from(values).sort());
}

/** gini() for values already sorted ascending. */
export function giniSorted(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  let s = 0;
  let num = 0;
  for (let i = 0; i < n; i++) {
    s += sorted[i];
    num += (2 * (i + 1) - n - 1) * sorted[i];
  }
  return n === 0 || s === 0 ? null : num / (n * s);
}

/**
 * Gini of a sample that takes sorted[i] counts[i] times (a bootstrap resample), in one pass without expanding it:
 * the block of value i occupies ranks C+1 … C+c_i (C = counts before i), and Σ over that block of (2j − N − 1)
 * is c_i (2C + c_i − N).
 */
export function giniWeightedSorted(sorted: ArrayLike<number>, counts: ArrayLike<number>): number | null {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  let before = 0;
  let s = 0;
  let num = 0;
  // No branch on c = 0: such terms add 0, and skipping them costs more in mispredictions than it saves.
  for (let i = 0; i < sorted.length; i++) {
    const c = counts[i];
    const x = sorted[i];
    s += c * x;
    num += x * c * (2 * before + c - total);
    before += c;
  }
  return total === 0 || s === 0 ? null : num / (total * s);
}
