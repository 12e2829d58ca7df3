/**
 * Mann–Whitney U test, matching scipy.stats.mannwhitneyu: U is the statistic of the FIRST sample
 * (U1 = R1 − n1(n1+1)/2 with average ranks for ties); 'less' means the first sample is stochastically smaller.
 * The asymptotic p uses the tie-corrected variance and an optional continuity correction; the exact p (no ties only)
 * counts the null distribution of U with the Gaussian binomial coefficient.
 */
import { normalCdf } from './distributions.ts';

export type MwuAlternative = 'two-sided' | 'less' | 'greater';
export type MwuMethod = 'auto' | 'asymptotic' | 'exact';

export interface MwuOptions {
  alternative?: MwuAlternative;
  /** 'auto' (SciPy's rule): exact when a sample has at most 8 values and there are no ties. */
  method?: MwuMethod;
  /** Continuity correction of the asymptotic p; SciPy's default is true. */
  continuity?: boolean;
}

export interface MwuResult {
  /** U of the first sample. */
  u: number;
  pValue: number;
  method: 'asymptotic' | 'exact';
}

const EXACT_MAX_SMALLER = 8;

export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, options: MwuOptions = {}): MwuResult {
  const alternative = options.alternative ?? 'two-sided';
  const continuity = options.continuity ?? true;
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('both samples need at least one value');
  const { rankSumFirst, tieTerm } = rankFirst(x, y);
  const u1 = rankSumFirst - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;

  let method = options.method ?? 'auto';
  if (method === 'auto') method = Math.min(n1, n2) <= EXACT_MAX_SMALLER && tieTerm === 0 ? 'exact' : 'asymptotic';
  if (method === 'exact' && tieTerm !== 0) throw new RangeError('the exact Mann–Whitney p needs samples without ties');

  // Every alternative becomes an upper-tail question about one U, as in SciPy.
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  let p: number;
  if (method === 'exact') {
    p = exactUpperTail(u, n1, n2);
  } else {
    const n = n1 + n2;
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (u - (n1 * n2) / 2 - (continuity ? 0.5 : 0)) / sigma;
    p = sigma > 0 ? normalCdf(-z) : 1;
  }
  if (alternative === 'two-sided') p *= 2;
  return { u: u1, pValue: Math.min(1, Math.max(0, p)), method };
}

/** Rank sum of the first sample among all values (average ranks) and Σ(t³ − t) over tie groups. */
function rankFirst(x: ArrayLike<number>, y: ArrayLike<number>): { rankSumFirst: number; tieTerm: number } {
  const n1 = x.length;
  const values = Float64Array.from({ length: n1 + y.length }, (_, i) => (i < n1 ? x[i]! : y[i - n1]!));
  for (const v of values) if (Number.isNaN(v)) throw new RangeError('samples must not contain NaN');
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
  let rankSumFirst = 0;
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const t = end - start;
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) if (order[k]! < n1) rankSumFirst += averageRank;
    tieTerm += t ** 3 - t;
    start = end;
  }
  return { rankSumFirst, tieTerm };
}

/** P(U ≥ u) under H0 without ties. */
function exactUpperTail(u: number, n1: number, n2: number): number {
  const counts = uCounts(n1, n2);
  let total = 0;
  let tail = 0;
  for (let k = 0; k < counts.length; k++) {
    total += counts[k]!;
    if (k >= u) tail += counts[k]!;
  }
  return tail / total;
}

/**
 * Number of orderings giving each U = 0..n1·n2: the coefficients of the Gaussian binomial [n1+n2 choose k]_q,
 * built as ∏_{i=1..k} (1 − q^{m+i}) / (1 − q^i) with k = min(n1, n2), m = max(n1, n2). After step i the polynomial
 * is [m+i choose i]_q, so every intermediate is a polynomial with non-negative integer coefficients.
 */
function uCounts(n1: number, n2: number): Float64Array {
  const k = Math.min(n1, n2);
  const m = Math.max(n1, n2);
  // Room for the product before each division: degree (i − 1)·m + m + i, at most k·m + k.
  const poly = new Float64Array(k * m + k + 1);
  poly[0] = 1;
  let degree = 0;
  for (let i = 1; i <= k; i++) {
    const shift = m + i;
    const productDegree = degree + shift;
    for (let d = productDegree; d >= shift; d--) poly[d] = poly[d]! - poly[d - shift]!;
    degree = productDegree - i;
    // Dividing by (1 − q^i) is a running sum with stride i; the division is exact, so the top i terms vanish.
    for (let d = i; d <= degree; d++) poly[d] = poly[d]! + poly[d - i]!;
    poly.fill(0, degree + 1, productDegree + 1);
  }
  return poly.subarray(0, k * m + 1);
}
