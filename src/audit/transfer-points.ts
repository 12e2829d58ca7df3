/**
 * The chance that one receiver's points from a giver reach `top` when each of the giver's transfers goes to one of
 * the giver's receivers at random (to this one with chance q): the points form of audit.md's share rule, where a few
 * large gifts beside many small ones make the share though the receiver's count of transfers is ordinary.
 */

/** Up to this many transfers the tail is summed exactly (on a grid of the giver's total); beyond, a Chernoff bound. */
export const EXACT_MAX_TRANSFERS = 200;
/** Grid steps over the giver's total: each amount is rounded up to a step, at 200 transfers at most 1 % of the total. */
const GRID = 20_000;

/**
 * P(S ≥ top), S = Σ aᵢ·Bᵢ with Bᵢ ~ Bernoulli(q) independent: `amounts` in whole cents with their `counts`, `top` in
 * cents. Never below the true chance (amounts rounded up on the grid; the Chernoff bound is an upper bound), so the
 * error errs towards fewer flags.
 */
export function pointsTail(amounts: number[], counts: number[], top: number, q: number): number {
  if (amounts.length !== counts.length) throw new RangeError('amounts and counts must have the same length');
  for (const v of [...amounts, ...counts, top])
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`amounts, counts and top must be whole cents, got ${v}`);
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be in (0, 1), got ${q}`);
  if (top <= 0) return 1;
  const n = counts.reduce((s, m) => s + m, 0);
  const total = amounts.reduce((s, a, i) => s + a * counts[i], 0);
  if (top > total) return 0;
  if (top === total) return q ** n;
  return n <= EXACT_MAX_TRANSFERS ? exactTail(amounts, counts, top, total, q) : chernoffTail(amounts, counts, top, q);
}

/**
 * The receiver's points distribution by dynamic programming over the transfers, in grid steps u (a cent when the
 * total has at most GRID cents): every sum at or past the target is one absorbing cell, so the work is n × GRID.
 */
function exactTail(amounts: number[], counts: number[], top: number, total: number, q: number): number {
  const u = Math.max(1, Math.ceil(total / GRID));
  const t = Math.ceil(top / u);
  const dist = new Float64Array(t + 1);
  dist[0] = 1;
  for (let j = 0; j < amounts.length; j++) {
    const a = Math.ceil(amounts[j] / u);
    for (let m = 0; m < counts[j]; m++)
      // Downward, so a cell moved into this round (above v) is not moved again.
      for (let v = t - 1; v >= 0; v--) {
        const x = dist[v];
        if (x === 0) continue;
        dist[v] = x * (1 - q);
        dist[Math.min(t, v + a)] += x * q;
      }
  }
  return Math.min(1, dist[t]);
}

/** ln E[e^(θ·a·B)] = ln(1 − q + q·e^y), y = θ·a ≥ 0, without overflow at large y. */
const logMgf = (y: number, q: number) =>
  y < 30 ? Math.log1p(q * Math.expm1(y)) : y + Math.log(q + (1 - q) * Math.exp(-y));

/**
 * Chernoff: P(S ≥ top) ≤ min over θ ≥ 0 of exp(−θ·top) · Π E[e^(θ·aᵢ·Bᵢ)], amounts scaled by top. The exponent is
 * convex in θ; its slope is found zero by bisection.
 */
function chernoffTail(amounts: number[], counts: number[], top: number, q: number): number {
  const x = amounts.map((a) => a / top);
  const f = (th: number) => x.reduce((s, xi, i) => s + counts[i] * logMgf(th * xi, q), -th);
  const slope = (th: number) =>
    x.reduce((s, xi, i) => s + (counts[i] * xi) / (1 + ((1 - q) / q) * Math.exp(-th * xi)), -1);
  if (slope(0) >= 0) return 1;
  let hi = 1;
  while (slope(hi) < 0 && hi < 1e6) hi *= 2;
  let lo = 0;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    if (slope(mid) < 0) lo = mid;
    else hi = mid;
  }
  return Math.min(1, Math.exp(f(hi)));
}
