/**
 * Benford first-digit and first-two-digits tests (Nigrini 2012): counts, observed proportions, MAD with the
 * conformity bands, χ² and per-bin z. Pure: the audit check picks the amount-like values and says when skipped.
 */
import { benfordExpected, digitBins, DIGIT_COUNT, type DigitTest, leadingDigits } from './benford-digits.ts';

export type Conformity = 'close' | 'acceptable' | 'marginal' | 'nonconformity';

/** Nigrini's (2012) MAD cut-offs: below t1 close, below t2 acceptable, below t3 marginally acceptable, else none. */
export const MAD_BANDS: Record<DigitTest, readonly [number, number, number]> = {
  first: [0.006, 0.012, 0.015],
  firstTwo: [0.0012, 0.0018, 0.0022],
};

/**
 * Default minimum number of usable values. MAD grows like 1/√n even on data that follow Benford exactly:
 * E|p̂ − p| ≈ √(2/π)·√(p(1−p)/n), averaged over the bins (`expectedMadUnderBenford`). With 500 values a perfect
 * first-digit sample expects MAD ≈ 0.0105 (inside "acceptable", well under the 0.015 nonconformity bar); for the
 * first two digits 1,000 values would expect 0.0025 — already "nonconformity" — so the default is 2,000 (≈ 0.0018).
 */
export const DEFAULT_MIN_N: Record<DigitTest, number> = { first: 500, firstTwo: 2000 };

/**
 * Values below this are left out by default: a number under 10 has no second digit of its own (5 would read
 * as 50), so the first-two test skips it, as benford.analysis users do with `x[x >= 10]`; the first-digit test
 * keeps every non-zero value.
 */
export const DEFAULT_MIN_ABS: Record<DigitTest, number> = { first: 0, firstTwo: 10 };

/** Fabricated amounts are meaningful only over a spread of magnitudes: max/min ≥ 10^2 by default (audit.md). */
export const DEFAULT_MIN_ORDERS_OF_MAGNITUDE = 2;

export interface BenfordOptions {
  minN?: number;
  minAbs?: number;
  minOrdersOfMagnitude?: number;
}

export interface BenfordBin {
  digits: number;
  count: number;
  observed: number;
  expected: number;
  /** Nigrini's z with the 1/(2n) continuity correction (applied only when smaller than |observed − expected|). */
  z: number;
}

export interface BenfordResult {
  test: DigitTest;
  n: number;
  bins: BenfordBin[];
  mad: number;
  conformity: Conformity;
  chiSquare: number;
  df: number;
  /** MAD a sample of this size drawn from Benford's law would show on average (sampling noise alone). */
  expectedMad: number;
}

export type BenfordOutcome = BenfordResult | { test: DigitTest; n: number; skipped: string };

/** Conformity label for a MAD (R findInterval semantics: a value equal to a cut-off falls in the band above). */
export function conformity(test: DigitTest, mad: number): Conformity {
  const [t1, t2, t3] = MAD_BANDS[test];
  if (mad < t1) return 'close';
  if (mad < t2) return 'acceptable';
  if (mad < t3) return 'marginal';
  return 'nonconformity';
}

/** Mean absolute deviation between two equally long proportion vectors. */
export function meanAbsoluteDeviation(observed: readonly number[], expected: readonly number[]): number {
  if (observed.length !== expected.length || observed.length === 0) {
    throw new RangeError(
      `MAD needs two non-empty vectors of equal length, got ${observed.length} and ${expected.length}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < observed.length; i++) sum += Math.abs(observed[i] - expected[i]);
  return sum / observed.length;
}

/** Pearson χ² of counts against expected proportions: Σ (count − n·p)² / (n·p). */
export function chiSquare(counts: readonly number[], expected: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const e = n * expected[i];
    sum += ((counts[i] - e) * (counts[i] - e)) / e;
  }
  return sum;
}

/** Nigrini's z for one bin: (|po − pe| − 1/(2n)) / √(pe(1−pe)/n), the correction dropped when it exceeds |po − pe|. */
export function binZ(observed: number, expected: number, n: number): number {
  const diff = Math.abs(observed - expected);
  const correction = 1 / (2 * n);
  const numerator = correction < diff ? diff - correction : diff;
  return numerator / Math.sqrt((expected * (1 - expected)) / n);
}

/** Average MAD of an n-value sample that follows Benford exactly (normal approximation to each bin). */
export function expectedMadUnderBenford(test: DigitTest, n: number): number {
  const p = benfordExpected(test);
  const meanSd = p.reduce((s, q) => s + Math.sqrt(q * (1 - q)), 0) / p.length;
  return (Math.sqrt(2 / Math.PI) * meanSd) / Math.sqrt(n);
}

/** Counts per bin of the leading digits of the values kept (non-zero, finite, |x| ≥ minAbs). */
export function digitCounts(values: Iterable<number>, test: DigitTest, minAbs = DEFAULT_MIN_ABS[test]): number[] {
  const bins = digitBins(test);
  const counts = new Array<number>(bins.length).fill(0);
  for (const x of values) {
    if (!(Math.abs(x) >= minAbs)) continue;
    const d = leadingDigits(x, DIGIT_COUNT[test]);
    if (d !== null) counts[d - bins[0]]++;
  }
  return counts;
}

/** The full test on counts already tallied (in `digitBins(test)` order), without the size guards. */
export function benfordFromCounts(test: DigitTest, counts: readonly number[]): BenfordResult {
  const bins = digitBins(test);
  if (counts.length !== bins.length) throw new RangeError(`${test} needs ${bins.length} counts, got ${counts.length}`);
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) throw new RangeError('Benford test on zero values');
  const expected = benfordExpected(test);
  const observed = counts.map((c) => c / n);
  const mad = meanAbsoluteDeviation(observed, expected);
  return {
    test,
    n,
    bins: bins.map((digits, i) => ({
      digits,
      count: counts[i],
      observed: observed[i],
      expected: expected[i],
      z: binZ(observed[i], expected[i], n),
    })),
    mad,
    conformity: conformity(test, mad),
    chiSquare: chiSquare(counts, expected),
    df: bins.length - 1,
    expectedMad: expectedMadUnderBenford(test, n),
  };
}

/**
 * Run a Benford test on raw amounts, or say why not: too few usable values, or too narrow a range of magnitudes
 * (fixed awards such as +5/+10 never follow Benford and must not be judged by it).
 */
export function benford(values: readonly number[], test: DigitTest, options: BenfordOptions = {}): BenfordOutcome {
  const minN = options.minN ?? DEFAULT_MIN_N[test];
  const minAbs = options.minAbs ?? DEFAULT_MIN_ABS[test];
  const minOrders = options.minOrdersOfMagnitude ?? DEFAULT_MIN_ORDERS_OF_MAGNITUDE;
  const counts = digitCounts(values, test, minAbs);
  const n = counts.reduce((a, b) => a + b, 0);
  if (n < minN) return { test, n, skipped: `only ${n} usable values (need at least ${minN})` };
  let lo = Infinity;
  let hi = 0;
  for (const x of values) {
    const a = Math.abs(x);
    if (a >= minAbs && a > 0 && Number.isFinite(a)) {
      lo = Math.min(lo, a);
      hi = Math.max(hi, a);
    }
  }
  const orders = Math.log10(hi / lo);
  if (orders < minOrders) {
    return { test, n, skipped: `values span ${orders.toFixed(2)} orders of magnitude (need at least ${minOrders})` };
  }
  return benfordFromCounts(test, counts);
}
