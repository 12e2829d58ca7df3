// Poisson counts for generated ledgers of both dialects: a day's count of a rule drawn from a uniform u by the inverse
// of the Poisson CDF, so each dialect's SQL draws the same law from its own hash.

/** P(N ≤ k) for k = 0 … 3 at `rate`: u below the k-th bound draws k, above them all 4 (enough at sparse rates). */
export function poissonBounds(rate: number): number[] {
  const cdf: number[] = [];
  let p = Math.exp(-rate);
  let c = 0;
  for (let k = 0; k < 4; k++) {
    c += p;
    cdf.push(c);
    p *= rate / (k + 1);
  }
  return cdf;
}

/** The two sparse rules of the red teams' factory (rule, points, awards a day, hash salt). */
export const SPARSE_RULES = [
  ['F01', 5, 0.08, 1],
  ['F02', 10, 0.04, 2],
] as const;
