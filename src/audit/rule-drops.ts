import { judgeAt, phaseMedians, prepareBand, type PreparedBand } from '../stats/robust-band.ts';
import { awardMeanBeyondChance } from './award-mean.ts';
import { poissonBelow } from './binomial.ts';
import type { AuditSettings } from './settings.ts';

type SpikeSettings = AuditSettings['program_spike'];

/** What a drop reads of the daily series (series.ts DailySeries), named here so this file stays out of its cycle. */
interface RuleSeries {
  /** The day of each position (breaks.ts may have cut some out). */
  days: readonly string[];
  program: number[];
  rules: Map<string, number[]>;
  ruleRows: Map<string, number[]>;
}

const weekdayMedians = (values: readonly number[], weeks: number) => phaseMedians(values, 7, weeks);

/** A rule that paid far less than its own baseline while the other rules paid as usual: days less than a week apart. */
export interface RuleDrop {
  rule_id: string;
  /** The days judged a drop, in order, with the rule's points and its same-weekday median that day. */
  days: { day: string; value: number; expected: number }[];
  /** Points the rule paid on those days, and its same-weekday medians summed over them. */
  value: number;
  expected: number;
  /** The other rules' awards on those days as a share of their usual (median over rules, mean over days). */
  level: number;
  /** The lowest robust z of those days (log scale); null when the rule's history was constant. */
  z: number | null;
}

/** Days of one rule's drop this close or closer are one drop: a week, so an office rule's weekends do not split it. */
const MERGE_DAYS = 7;

/**
 * The mirror of a rule spike (rule-spikes.ts), for a rule that stops paying or pays too little (a misconfiguration
 * or a rule switched off by mistake). A day of a rule is a drop when all of these hold:
 *  - its log-scale robust z is below minus `threshold` (src/stats/robust-band.ts, its own weekday band);
 *  - the day's level explains it not: the other rules' awards that day, as a share of their own usual counts (their
 *    median), say how busy the day was, and the rule paid at most that level / (1 + min_excess_ratio) of its usual
 *    points. A holiday (the Spring Festival week) lowers every rule together and is no drop of one;
 *  - it is more than chance: fewer awards than a Poisson count at its usual count × the level explains
 *    (p < alpha / (rules × days), Bonferroni), or a mean award shrunk by the spike ratio (the rule's value changed)
 *    further than the rule's own spread of awards explains at the same p (award-mean.ts).
 * A program of one rule has no other rules to tell a holiday from a fault: its drops are the program total's, which
 * the chart marks and the audit does not flag.
 */
export function ruleDrops(series: RuleSeries, lookback: number, s: SpikeSettings, threshold: number): RuleDrop[] {
  const tests = Math.max(1, series.rules.size * (series.program.length - lookback));
  const ratio = 1 + s.min_excess_ratio;
  const rules = [...series.rules.keys()];
  const usual = new Map(rules.map((r) => [r, weekdayMedians(series.ruleRows.get(r)!, s.weeks)]));
  // Per day, the rules' award ratios (awards / usual awards, rules with a usual count) in order, so the median of
  // the others is an index away.
  // The rules' series looked up once, not twice per rule and day.
  const awards = rules.map((r) => series.ruleRows.get(r)!);
  const usuals = rules.map((r) => usual.get(r)!);
  const ratios = series.program.map((_, i) => {
    const xs: number[] = [];
    for (let k = 0; k < rules.length; k++) {
      const u = usuals[k][i] ?? 0;
      if (u > 0) xs.push(awards[k][i] / u);
    }
    return xs.sort((a, b) => a - b);
  });
  const out: RuleDrop[] = [];
  for (const [rule, values] of series.rules) {
    const expected = weekdayMedians(values, s.weeks);
    const counts = series.ruleRows.get(rule)!;
    const usualCounts = usual.get(rule)!;
    let band: PreparedBand | null = null;
    const days: { i: number; level: number; z: number | null }[] = [];
    for (let i = lookback; i < values.length; i++) {
      const e = expected[i];
      const uc = usualCounts[i];
      // The cheap test first: below its usual value at all.
      if (e === null || !(e > 0) || !uc || !(values[i] < e)) continue;
      const level = medianWithout(ratios[i], counts[i] / uc);
      if (level === null || !(values[i] <= (level * e) / ratio)) continue;
      // The chance test before the band: it is cheaper, and most thin days fail it.
      const fewAwards = poissonBelow(counts[i], uc * level) < s.alpha / tests;
      const smallerAwards =
        counts[i] > 0 &&
        values[i] / counts[i] <= e / uc / ratio &&
        awardMeanBeyondChance(values, counts, i, e / uc, s.weeks, -1, s.alpha / tests);
      if (!fewAwards && !smallerAwards) continue;
      band ??= prepareBand(values, { period: 7, periods: s.weeks });
      const judged = judgeAt(band, i, threshold);
      if (judged.beyond === -1) days.push({ i, level, z: judged.z });
    }
    for (const group of runs(days)) {
      const zs = group.map((d) => d.z);
      out.push({
        rule_id: rule,
        days: group.map((d) => ({
          day: series.days[d.i],
          value: values[d.i],
          expected: expected[d.i] as number,
        })),
        value: group.reduce((a, d) => a + values[d.i], 0),
        expected: group.reduce((a, d) => a + (expected[d.i] as number), 0),
        level: group.reduce((a, d) => a + d.level, 0) / group.length,
        z: zs.includes(null) ? null : Math.min(...(zs as number[])),
      });
    }
  }
  return out.sort((a, b) => a.days[0].day.localeCompare(b.days[0].day) || a.rule_id.localeCompare(b.rule_id));
}

/** The median of sorted `xs` without one occurrence of `x` (which it holds); null when nothing is left. */
export function medianWithout(xs: readonly number[], x: number): number | null {
  const m = xs.length - 1;
  if (m < 1) return null;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  // Indexes past the removed one shift by one. No closure for it: this runs for every rule and day judged, and
  // each closure made here was named at run time (a property definition per call under the TypeScript loader).
  const a = m % 2 === 1 ? m >> 1 : m / 2 - 1;
  const lower = a < lo ? xs[a] : xs[a + 1];
  if (m % 2 === 1) return lower;
  const b = a + 1;
  return (lower + (b < lo ? xs[b] : xs[b + 1])) / 2;
}

/** Consecutive drop days of one rule grouped while each is within MERGE_DAYS of the one before. */
function runs<T extends { i: number }>(days: T[]): T[][] {
  const out: T[][] = [];
  for (const d of days) {
    const last = out.at(-1);
    if (last && d.i - (last.at(-1) as T).i <= MERGE_DAYS) last.push(d);
    else out.push([d]);
  }
  return out;
}
