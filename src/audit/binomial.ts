/**
 * One-sided tails of the binomial and Poisson distributions, summed in log space so large n neither overflows nor
 * loses the tiny tails the audit thresholds live in (1e-6 and below). src/stats has no discrete distribution; the
 * off-hours, round-number and account-spike checks use these; beside them the account-spike check's other chance, how
 * closely k uniform award times cluster.
 */

/** The Lanczos coefficients, made once: a Poisson tail takes ln Γ of every term it sums, for every day and rule judged. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: ~15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const c = LANCZOS;
  const y = x - 1;
  let a = c[0];
  for (let i = 1; i < 9; i++) a += c[i] / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Sum of exp(term(i)) for i = first, first+1, … while terms stay above 1e-17 of the largest (they decrease). */
function decreasingLogSum(first: number, last: number, term: (i: number) => number): number {
  const t0 = term(first);
  let sum = 1;
  for (let i = first + 1; i <= last; i++) {
    const r = Math.exp(term(i) - t0);
    sum += r;
    if (r < 1e-17 * sum) break;
  }
  return Math.min(1, Math.exp(t0 + Math.log(sum)));
}

/** P(X ≥ k) for X ~ Bin(n, p). Beyond the mean the terms fall from k on; below it the tail is 1 − P(X ≤ k − 1). */
export function binomialTail(k: number, n: number, p: number): number {
  checkBinomial(k, n, p);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const lnN = lnGamma(n + 1);
  const term = (i: number) => lnN - lnGamma(i + 1) - lnGamma(n - i + 1) + i * lp + (n - i) * lq;
  if (k >= n * p) return decreasingLogSum(k, n, term);
  // Below the mean: the lower tail's terms fall from k − 1 downward.
  const lower = decreasingLogSum(0, k - 1, (j) => term(k - 1 - j));
  return Math.max(0, 1 - lower);
}

/**
 * P(X ≥ k) for X ~ Hypergeometric: n draws without replacement from N items of which K are marked (Fisher's exact
 * test of a 2×2 table, one-sided). Summed from k upward, where the terms fall once k is past the mean.
 */
export function hypergeometricTail(k: number, N: number, K: number, n: number): number {
  for (const [name, v] of Object.entries({ k, N, K, n }))
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  if (K > N || n > N) throw new RangeError(`K and n must be at most N, got ${K}, ${n} of ${N}`);
  const lo = Math.max(0, n + K - N);
  const hi = Math.min(n, K);
  if (k <= lo) return 1;
  if (k > hi) return 0;
  const lnC = (a: number, b: number) => lnGamma(a + 1) - lnGamma(b + 1) - lnGamma(a - b + 1);
  const term = (i: number) => lnC(K, i) + lnC(N - K, n - i) - lnC(N, n);
  if (k >= (n * K) / N) return decreasingLogSum(k, hi, term);
  const lower = decreasingLogSum(lo, k - 1, (j) => term(k - 1 - (j - lo)));
  return Math.max(0, 1 - lower);
}

/**
 * binomialTail(k, n, p) when it may lie below `limit`, else null: P(X ≥ k) ≥ P(X = k), so a count whose own
 * probability is already at least `limit` cannot pass a test at that level, and its tail (hundreds of terms at
 * large n) is not summed. A test that only keeps p-values below `limit` gets the same answers, far sooner.
 * A count at or below the mean np is null at once when the limit is at most 1/4: P(X ≥ k) ≥ P(X ≥ np) > 1/4 for
 * p > 1/n (Greenberg & Mohri 2014; X is whole, so np rounded up to k changes nothing), and for p ≤ 1/n such a k
 * is 0 or 1 with np about 1, P(X ≥ 1) ≈ 1 − 1/e. The off-hours check asks this of every approver, month and run
 * of night hours (hundreds of thousands of times in a year at 10 M rows), half of them at or below their mean;
 * the others read ln n!, ln k! and ln (n − k)! from a table of lnGamma's own values (the same doubles).
 */
export function binomialTailBelow(k: number, n: number, p: number, limit: number): number | null {
  checkBinomial(k, n, p); // before the shortcut, so bad arguments are refused as binomialTail refuses them
  if (limit <= 0.25 && k <= n * p) return null;
  if (k > 0 && k <= n && p > 0 && p < 1) {
    const pmf = lnFactorial(n) - lnFactorial(k) - lnFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    if (Math.exp(pmf) >= limit) return null;
  }
  return binomialTail(k, n, p);
}

/**
 * lnGamma(i + 1) for whole i ≥ 0, each computed once by lnGamma and kept: the table grows to the largest i asked,
 * up to a million (8 MB); beyond, or for any other i, lnGamma itself.
 */
let lnFactorials = new Float64Array(0);
let lnFactorialsKnown = 0;
function lnFactorial(i: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= 1_000_000) return lnGamma(i + 1);
  if (i >= lnFactorialsKnown) {
    if (i >= lnFactorials.length) {
      const grown = new Float64Array(Math.min(1_000_000, Math.max(1024, 2 * (i + 1))));
      grown.set(lnFactorials.subarray(0, lnFactorialsKnown));
      lnFactorials = grown;
    }
    for (let j = lnFactorialsKnown; j <= i; j++) lnFactorials[j] = lnGamma(j + 1);
    lnFactorialsKnown = i + 1;
  }
  return lnFactorials[i];
}

function checkBinomial(k: number, n: number, p: number): void {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0)
    throw new RangeError(`k and n must be integers, got ${k}, ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
}

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonTail(k: number, lambda: number): number {
  if (!Number.isInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  if (!(lambda >= 0)) throw new RangeError(`lambda must be ≥ 0, got ${lambda}`);
  if (k <= 0) return 1;
  if (lambda === 0) return 0;
  const ll = Math.log(lambda);
  const term = (i: number) => i * ll - lambda - lnGamma(i + 1);
  if (k >= lambda) return decreasingLogSum(k, k + 100_000, term);
  return Math.max(0, 1 - decreasingLogSum(0, k - 1, (j) => term(k - 1 - j)));
}

/**
 * P(N ≥ k) for a count with this mean and variance: a negative binomial (a Poisson count whose rate differs between
 * people or days) when the variance exceeds the mean, else a Poisson count.
 */
export function dispersedTail(k: number, mean: number, variance: number): number {
  if (!Number.isInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  if (k <= 0) return 1;
  if (!(mean > 0)) return 0;
  if (!(variance > mean)) return poissonTail(k, mean);
  const r = (mean * mean) / (variance - mean);
  const lq = Math.log(mean / (r + mean));
  const lp = Math.log(r / (r + mean));
  if (k === 1) return -Math.expm1(r * lp);
  const term = (i: number) => lnGamma(i + r) - lnGamma(r) - lnGamma(i + 1) + r * lp + i * lq;
  const mode = r > 1 ? Math.floor(((r - 1) * mean) / r) : 0;
  const tail =
    k > mode ? decreasingLogSum(k, k + 100_000, term) : 1 - decreasingLogSum(0, k - 1, (j) => term(k - 1 - j));
  return Math.min(1, Math.max(0, tail));
}

/**
 * P(N ≥ k | N ≥ 1) for such a count: how rare k awards of a rule are on a day the rule is paid at all, with the
 * dispersion the ledger's own counts show.
 */
export function dispersedTailGivenPaid(k: number, mean: number, variance: number): number {
  if (k <= 1) return 1;
  const paid = dispersedTail(1, mean, variance);
  return paid > 0 ? Math.min(1, dispersedTail(k, mean, variance) / paid) : 0;
}

/** P(X ≤ k) for X ~ Poisson(lambda): the tail of a drop. Below the mean the terms fall from k down to 0. */
export function poissonBelow(k: number, lambda: number): number {
  if (!Number.isInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  if (!(lambda >= 0)) throw new RangeError(`lambda must be ≥ 0, got ${lambda}`);
  if (k < 0) return 0;
  if (lambda === 0) return 1;
  const ll = Math.log(lambda);
  const term = (i: number) => i * ll - lambda - lnGamma(i + 1);
  if (k <= lambda) return decreasingLogSum(0, k, (j) => term(k - j));
  return Math.max(0, 1 - poissonTail(k + 1, lambda));
}

/**
 * P(N ≤ k) for N ~ Poisson(mu), summed from the terms (no 1 − tail, which loses tiny values). At k ≥ mu it is about
 * a half or more, never a finding: 1 is returned without summing thousands of terms for an ordinary count level.
 */
export function poissonAtMost(k: number, mu: number): number {
  if (mu <= 0 || k >= mu) return 1;
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(i * Math.log(mu) - mu - lnGamma(i + 1));
  return Math.min(1, sum);
}

/**
 * P(range of k independent uniform times ≤ r) = k·r^(k−1) − (k−1)·r^k, r as a share of the working day: how likely
 * k awards fall within so short a span if they were spread over the day as usual.
 */
export function rangeCdf(k: number, r: number): number {
  if (r >= 1) return 1;
  return Math.min(1, k * r ** (k - 1) - (k - 1) * r ** k);
}
