import { quantileSorted } from '../stats/quantile.ts';

/** The percentile winsorisation caps at (experiments.md): the 99.9th. */
export const WINSOR_LEVEL = 0.999;

/**
 * The cap for winsorising: the pooled (both arms together, so both get the same cap) 99.9th percentile, type 7.
 * Null when there are no values.
 */
export function winsorCap(values: ArrayLike<number>, level = WINSOR_LEVEL): number | null {
  return quantileSorted(Float64Array.from(values).sort(), level);
}

/** The values with everything above `cap` set to `cap` (points are never negative, so only the top is cut). */
export function capAt(values: ArrayLike<number>, cap: number): Float64Array {
  return Float64Array.from(values, (v) => Math.min(v, cap));
}
