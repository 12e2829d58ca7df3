import { normalCdf } from '../stats/distributions.ts';
import { MODIFIED_Z_FACTOR } from '../stats/robust-z.ts';

/**
 * Whether the mean award of a rule's day i is further below (side −1) or above (side 1) its usual award than chance
 * explains: a rule spike's "larger awards" and a rule drop's "smaller awards" (a changed rule value). A day of one
 * small award of a rule whose awards vary with the deal once read as a rule paying a third (red team A, D7).
 *
 * Model: the day's n awards are drawn from the rule's usual awards, of mean `usual` (its weekday median points over
 * its weekday median count) and spread σ, so their mean is about normal with sd σ / √n. σ comes from the rule's own
 * trailing days (the band's `7 · weeks`): each paid day j gives (v_j − c_j · usual) / √c_j, of sd σ under the model;
 * their median absolute value / 0.6745 is σ, robust to a past spike day. A rule of one value has σ 0, and any other
 * mean is a changed value. With fewer paid days than `weeks` there is no spread to judge by: not beyond chance. The
 * p value must be below `limit` (alpha / (rules × days), Bonferroni, as the count test's).
 */
export function awardMeanBeyondChance(
  values: readonly number[],
  counts: readonly number[],
  i: number,
  usual: number,
  weeks: number,
  side: 1 | -1,
  limit: number,
): boolean {
  const n = counts[i];
  if (!(n > 0) || !(usual > 0)) return false;
  const residuals: number[] = [];
  for (let j = Math.max(0, i - 7 * weeks); j < i; j++) {
    const c = counts[j];
    if (c > 0 && Number.isFinite(values[j])) residuals.push(Math.abs(values[j] - c * usual) / Math.sqrt(c));
  }
  if (residuals.length < weeks) return false;
  residuals.sort((a, b) => a - b);
  const h = residuals.length >> 1;
  const mid = residuals.length % 2 === 1 ? residuals[h] : (residuals[h - 1] + residuals[h]) / 2;
  const sigma = mid / MODIFIED_Z_FACTOR;
  const gap = side * (values[i] / n - usual);
  if (sigma === 0) return gap > 0;
  return normalCdf((-gap * Math.sqrt(n)) / sigma) < limit;
}
