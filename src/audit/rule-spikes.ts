import { poissonTail } from './binomial.ts';
import { addDays } from '../dates.ts';
import { robustZ } from '../stats/robust-z.ts';
import { residualStats, residuals, weekdayMedians, type DailySeries } from './series.ts';
import type { AuditSettings, Campaign } from './settings.ts';

type SpikeSettings = AuditSettings['program_spike'];

export interface RuleSpike {
  day: string;
  rule_id: string;
  value: number;
  /** The rule's same-weekday median over the previous `weeks` weeks. */
  expected: number;
  /** Robust z of the day on a log scale; null when the rule's history is constant (unusual without bound). */
  z: number | null;
}

/**
 * Days on which one rule paid far more than its own same-weekday baseline, whatever the program's total did: each
 * rule's series on a log scale (ln(1 + points)) goes through the same weekday-median band as the program total, so
 * a rule is scored against its own relative day-to-day spread (a rule paying 20× its usual is 3 natural-log units
 * up however small it is), and must also reach (1 + min_excess_ratio) × its usual value in points. The log scale
 * keeps a small, noisy rule from flagging each busy day: its log spread is wide; and the day must be more than
 * chance: more awards than a Poisson count at the rule's usual count explains (p < alpha / (rules × days), Bonferroni),
 * or a mean award grown by the spike ratio (the rule's value changed).
 * `series` starts `lookback` days before the first day judged.
 */
export function ruleSpikes(series: DailySeries, lookback: number, s: SpikeSettings): RuleSpike[] {
  const out: RuleSpike[] = [];
  const tests = Math.max(1, series.rules.size * (series.program.length - lookback));
  for (const [rule, values] of series.rules) {
    // The cheap test first (the ratio against the weekday median); the log band only for the few days that pass.
    const expected = weekdayMedians(values, s.weeks);
    let log: { values: number[]; expected: (number | null)[]; residual: number[] } | null = null;
    let usualCounts: (number | null)[] | null = null;
    const counts = series.ruleRows.get(rule)!;
    for (let i = lookback; i < values.length; i++) {
      const e = expected[i];
      if (e === null || !(e > 0) || !(values[i] >= (1 + s.min_excess_ratio) * e)) continue;
      if (!log) {
        const lv = values.map((v) => Math.log1p(v));
        const le = weekdayMedians(lv, s.weeks);
        log = { values: lv, expected: le, residual: residuals(lv, le) };
      }
      const le = log.expected[i];
      const stats = residualStats(log.residual, i, s.weeks);
      if (le === null || stats === null) continue;
      const z = robustZ(log.values[i] - le, stats);
      if (!(z === null ? log.values[i] > le + stats.median : z > s.z)) continue;
      // More than chance: more awards than a Poisson count explains, or a larger award than usual (a changed value).
      usualCounts ??= weekdayMedians(counts, s.weeks);
      const usualCount = usualCounts[i];
      if (!usualCount) continue;
      const manyAwards = poissonTail(counts[i], usualCount) < s.alpha / tests;
      const largerAwards = values[i] / counts[i] >= (1 + s.min_excess_ratio) * (e / usualCount);
      if (manyAwards || largerAwards)
        out.push({ day: addDays(series.start, i), rule_id: rule, value: values[i], expected: e, z });
    }
  }
  return out.sort((a, b) => a.day.localeCompare(b.day) || a.rule_id.localeCompare(b.rule_id));
}

/** The campaign that covers `day` (and `rule`, when given) with the largest multiplier, if any. */
export function campaignOn(campaigns: readonly Campaign[], day: string, rule?: string): Campaign | null {
  let best: Campaign | null = null;
  for (const c of campaigns) {
    if (day < c.from || day > c.to) continue;
    if (rule !== undefined && c.rule !== null && c.rule !== rule) continue;
    if (!best || c.multiplier > best.multiplier) best = c;
  }
  return best;
}

/** Still a spike inside a campaign: above even the campaign's multiplier times the least a spike must reach. */
export const beyondCampaign = (value: number, expected: number, c: Campaign, s: SpikeSettings) =>
  value >= c.multiplier * (1 + s.min_excess_ratio) * expected;
