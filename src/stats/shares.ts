/**
 * Share of the total received by the ⌈fraction · n⌉ largest values (top-10 % share for fraction 0.1).
 * Null when there are no values or they sum to 0.
 */
export function topShare(values: ArrayLike<number>, fraction = 0.1): number | null {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const s = sorted.reduce((a, b) => a + b, 0);
  if (n === 0 || s === 0) return null;
  const k = Math.ceil(fraction * n);
  let top = 0;
  for (let i = n - k; i < n; i++) top += sorted[i];
  return top / s;
}

/** Share of values equal to 0; null when there are none. */
export function zeroShare(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let z = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === 0) z += 1;
  return z / values.length;
}
