import { poissonTail } from './binomial.ts';
import { judgeAt, prepareBand, type PreparedBand } from '../stats/robust-band.ts';
import { spikeZ, weekdayMedians, type DailySeries } from './series.ts';
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
 * rule's series goes through the two-sided robust band on a log scale (src/stats/robust-band.ts, ln(x + its
 * smallest paying day)), so a rule is scored against its own relative day-to-day spread (a rule paying 20× its usual
 * is 3 natural-log units up however small it is), and must also reach (1 + min_excess_ratio) × its usual value in
 * points. The log scale keeps a small, noisy rule from flagging each busy day: its log spread is wide; and the day
 * must be more than chance: more awards than a Poisson count at the rule's usual count explains
 * (p < alpha / (rules × days), Bonferroni), or a mean award grown by the spike ratio (the rule's value changed).
 * `series` starts `lookback` days before the first day judged.
 */
export function ruleSpikes(series: DailySeries, lookback: number, s: SpikeSettings): RuleSpike[] {
  const out: RuleSpike[] = [];
  const tests = Math.max(1, series.rules.size * (series.program.length - lookback));
  const threshold = spikeZ(s);
  for (const [rule, values] of series.rules) {
    // The cheap tests first (the ratio against the weekday median, then chance); the log band for the few that pass.
    const expected = weekdayMedians(values, s.weeks);
    let band: PreparedBand | null = null;
    let usualCounts: (number | null)[] | null = null;
    const counts = series.ruleRows.get(rule)!;
    for (let i = lookback; i < values.length; i++) {
      const e = expected[i];
      if (e === null || !(e > 0) || !(values[i] >= (1 + s.min_excess_ratio) * e)) continue;
      // More than chance: more awards than a Poisson count explains, or a larger award than usual (a changed value).
      usualCounts ??= weekdayMedians(counts, s.weeks);
      const usualCount = usualCounts[i];
      if (!usualCount) continue;
      const manyAwards = poissonTail(counts[i], usualCount) < s.alpha / tests;
      const largerAwards = values[i] / counts[i] >= (1 + s.min_excess_ratio) * (e / usualCount);
      if (!manyAwards && !largerAwards) continue;
      band ??= prepareBand(values, { period: 7, periods: s.weeks });
      const judged = judgeAt(band, i, threshold);
      if (judged.beyond === 1)
        out.push({ day: series.days[i], rule_id: rule, value: values[i], expected: e, z: judged.z });
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
