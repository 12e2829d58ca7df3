/**
 * Theil's T index: (1/n) Σ (x_i/μ) ln(x_i/μ), with 0·ln 0 = 0 (PySAL replaces zeros by a tiny value, which has
 * the same limit). Null when there are no values or they sum to 0. Values must not be negative.
 */
export function theil(values: ArrayLike<number>): number | null {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  if (n === 0 || s === 0) return null;
  const mu = s / n;
  let t = 0;
  for (let i = 0; i < n; i++) t += xlnx(values[i] / mu);
  return t / n;
}

export interface TheilDecomposition {
  theil: number | null;
  /** T_b = Σ_g (S_g / S) ln(μ_g / μ) (PySAL TheilD `bg`). */
  between: number | null;
  /** T − T_b. */
  within: number | null;
  /** T_b / T, the share explained by the grouping; null when T = 0. */
  betweenShare: number | null;
}

/** Splits Theil T into between-group and within-group parts; groups[i] is the group of values[i]. */
export function theilDecomposition(values: ArrayLike<number>, groups: ArrayLike<unknown>): TheilDecomposition {
  if (values.length !== groups.length) throw new RangeError('values and groups must have the same length');
  const t = theil(values);
  if (t === null) return { theil: null, between: null, within: null, betweenShare: null };
  const sums = new Map<unknown, { n: number; s: number }>();
  let n = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const g = sums.get(groups[i]) ?? { n: 0, s: 0 };
    g.n += 1;
    g.s += values[i];
    sums.set(groups[i], g);
    n += 1;
    s += values[i];
  }
  let between = 0;
  for (const g of sums.values()) between += (g.n / n) * xlnx(g.s / g.n / (s / n));
  return { theil: t, between, within: t - between, betweenShare: t === 0 ? null : between / t };
}

function xlnx(r: number): number {
  return r > 0 ? r * Math.log(r) : 0;
}
