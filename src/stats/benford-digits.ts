/**
 * Benford's law: expected digit probabilities and leading-digit extraction.
 *
 * Digit extraction decision: digits are read from the decimal string of the value's shortest round-trip
 * representation (`Number.prototype.toExponential()` without an argument), not computed as R's
 * benford.analysis does with `trunc(10^(k-1-floor(log10 x)) * x)`. Ledger amounts are decimals (DECIMAL(18,2)
 * cast to DOUBLE), so the shortest round-trip string is exactly the amount a person typed: 0.29 has first digits
 * 2, 9, while the floating-point product 0.29 * 100 = 28.999999999999996 truncates to 28 in R. A fraud test must
 * not invent digits the data never had. On the reference data this changes nothing for amounts ≥ 10 (the product
 * there only scales down) and, for all positives, keeps the MAD (0.0023366142) while χ² moves from 32094 to 32100.9
 * (see ../shared/reference/README.md §4). Sign is ignored (a deduction of −250 has first digit 2); zero,
 * non-finite values and (by the analysis' own filter) small values are skipped by the caller.
 */

export type DigitTest = 'first' | 'firstTwo';

/** Number of leading digits each test reads. */
export const DIGIT_COUNT: Record<DigitTest, 1 | 2> = { first: 1, firstTwo: 2 };

/** The digit values a test has bins for: 1–9 for the first digit, 10–99 for the first two. */
export function digitBins(test: DigitTest): number[] {
  const lo = test === 'first' ? 1 : 10;
  const hi = test === 'first' ? 9 : 99;
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** Benford probability that a number starts with the digit string d (d ≥ 1): log10(1 + 1/d). */
export function benfordProbability(d: number): number {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`leading digits must be a positive integer, got ${d}`);
  return Math.log10(1 + 1 / d);
}

/** Expected proportions for every bin of a test, in the order of `digitBins(test)`; they sum to 1. */
export function benfordExpected(test: DigitTest): number[] {
  return digitBins(test).map(benfordProbability);
}

/**
 * The first k significant digits of |x| as an integer (k = 1 → 1–9, k = 2 → 10–99), or null for 0 and non-finite
 * values. A value with fewer significant digits than k is padded with zeros (5 → 50), as trunc(10^k·x) would.
 */
export function leadingDigits(x: number, k: number): number | null {
  if (!Number.isFinite(x) || x === 0) return null;
  if (!Number.isInteger(k) || k < 1 || k > 15) throw new RangeError(`digit count must be 1–15, got ${k}`);
  const mantissa = Math.abs(x).toExponential().split('e')[0].replace('.', '');
  return Number(mantissa.slice(0, k).padEnd(k, '0'));
}
