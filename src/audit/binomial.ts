/**
 * One-sided binomial tail P(X ≥ k) for X ~ Bin(n, p), summed in log space so large n neither overflows nor loses
 * the tiny tails the audit thresholds live in (1e-4 and below). src/stats has no discrete distribution; the
 * off-hours and round-number checks are its only users.
 */
export function binomialTail(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0) throw new RangeError(`k and n must be integers, got ${k}, ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const lnFact = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) lnFact[i] = lnFact[i - 1] + Math.log(i);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const terms: number[] = [];
  for (let i = k; i <= n; i++) terms.push(lnFact[n] - lnFact[i] - lnFact[n - i] + i * lp + (n - i) * lq);
  const max = Math.max(...terms);
  const sum = terms.reduce((a, t) => a + Math.exp(t - max), 0);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}
