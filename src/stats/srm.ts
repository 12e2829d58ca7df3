/**
 * Sample-ratio mismatch: a chi-square goodness-of-fit test of observed arm sizes against the designed split, with
 * GrowthBook's semantics (packages/back-end/src/util/stats.ts, checkSrm): arms whose designed weight is 0 or missing
 * are left out, weights are renormalised over the arms kept, and with fewer than two arms or no units at all the
 * test cannot say anything, so p = 1.
 */
import { chiSquareSurvival } from './distributions.ts';

export interface SrmResult {
  chiSquare: number;
  /** Number of arms kept − 1; 0 when the test was not applicable. */
  df: number;
  pValue: number;
  /** Indices (into the input) of the arms that took part. */
  arms: number[];
}

/**
 * @param users observed units per arm
 * @param weights designed share per arm (any positive scale); default equal shares
 */
export function sampleRatioMismatch(users: readonly number[], weights?: readonly number[]): SrmResult {
  for (const u of users) {
    if (!(Number.isFinite(u) && u >= 0)) throw new RangeError(`arm sizes must be non-negative numbers, got ${u}`);
  }
  const w = weights ?? users.map(() => 1);
  for (const x of w) {
    if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`weights must be non-negative numbers, got ${x}`);
  }
  const arms = users.map((_, i) => i).filter((i) => (w[i] ?? 0) > 0);
  const total = arms.reduce((s, i) => s + users[i]!, 0);
  if (arms.length < 2 || total === 0) return { chiSquare: 0, df: 0, pValue: 1, arms };

  const weightSum = arms.reduce((s, i) => s + w[i]!, 0);
  let chiSquare = 0;
  for (const i of arms) {
    const expected = (w[i]! / weightSum) * total;
    chiSquare += (users[i]! - expected) ** 2 / expected;
  }
  const df = arms.length - 1;
  return { chiSquare, df, pValue: chiSquareSurvival(chiSquare, df), arms };
}
