import type { Database } from '../db/database.ts';
import { addDays } from '../dates.ts';
import { beyondCampaign, campaignOn, ruleSpikes, type RuleSpike } from './rule-spikes.ts';
import { bandLookbackDays, dailySeries, weekdayBand, type BandPoint, type DailySeries } from './series.ts';
import type { AuditSettings } from './settings.ts';

/** A spike that a planned campaign or an experiment explains: reported, not flagged. */
export interface ExpectedSpike {
  day: string;
  /** null = the program's total. */
  rule_id: string | null;
  value: number;
  expected: number;
  kind: 'campaign' | 'experiment';
  label: string;
}

export interface SpikeDays {
  /** The period's days with the weekday band; `spike` is true only for a program spike that is flagged. */
  band: BandPoint[];
  /** Rule spikes that are flagged. */
  rules: RuleSpike[];
  expected: ExpectedSpike[];
}

/**
 * The one judgement of program and rule spikes, shared by the audit checks and the Health daily chart so both show
 * the same days with the same settings: the weekday bands (series.ts, rule-spikes.ts), then campaigns and
 * experiments. A program day above its band (robust z) is a spike when it reaches (1 + min_excess_ratio) × its
 * expected value, or when flagged rule spikes make up at least rule_share of its excess: a batch run of one rule
 * that doubles the total is a fault, a quarter-end rise of ordinary challenge awards is not. A spike inside a campaign is expected unless it exceeds even the campaign's multiplier; a rule whose
 * rows carry an experiment_id that day changed by design (its size is the `ab` command's business).
 * `series` starts `lookback` days before the period.
 */
export function judgeSpikes(series: DailySeries, lookback: number, settings: AuditSettings): SpikeDays {
  const s = settings.program_spike;
  const expected: ExpectedSpike[] = [];
  const rules = ruleSpikes(series, lookback, s).filter((r) => {
    const experiment = series.experiments.get(`${r.day}|${r.rule_id}`);
    const c = experiment ? null : campaignOn(settings.campaigns, r.day, r.rule_id);
    const label = experiment ?? (c && !beyondCampaign(r.value, r.expected, c, s) ? c.label : null);
    if (label === null) return true;
    expected.push({
      day: r.day,
      rule_id: r.rule_id,
      value: r.value,
      expected: r.expected,
      kind: experiment ? 'experiment' : 'campaign',
      label,
    });
    return false;
  });
  // The flagged rule spikes' excess per day: a total driven by anomalous rules is a spike below the 3× minimum too.
  const ruleExcess = new Map<string, number>();
  for (const r of rules) ruleExcess.set(r.day, (ruleExcess.get(r.day) ?? 0) + r.value - r.expected);
  const band = weekdayBand(series.start, series.program, { ...s, min_excess_ratio: 0 })
    .slice(lookback)
    .map((p) => {
      if (!p.spike) return p;
      const e = p.expected as number;
      const driven = (ruleExcess.get(p.day) ?? 0) >= s.rule_share * (p.value - e);
      if (p.value < (1 + s.min_excess_ratio) * e && !driven) return { ...p, spike: false };
      const c = campaignOn(settings.campaigns, p.day);
      if (!c || beyondCampaign(p.value, p.expected as number, c, s)) return p;
      expected.push({
        day: p.day,
        rule_id: null,
        value: p.value,
        expected: p.expected as number,
        kind: 'campaign',
        label: c.label,
      });
      return { ...p, spike: false };
    });
  return { band, rules, expected };
}

/** The daily series from the band's look-back before `from` to `to`, with the look-back's length. */
export async function spikeSeries(
  db: Database,
  from: string,
  to: string,
  settings: AuditSettings,
  kept: boolean,
): Promise<{ series: DailySeries; lookback: number }> {
  const lookback = bandLookbackDays(settings.program_spike);
  return { series: await dailySeries(db, addDays(from, -lookback), to, kept), lookback };
}
