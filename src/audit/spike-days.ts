import type { Database } from '../db/database.ts';
import { addDays } from '../dates.ts';
import { ruleDrops, type RuleDrop } from './rule-drops.ts';
import { beyondCampaign, campaignOn, ruleSpikes, type RuleSpike } from './rule-spikes.ts';
import { poissonTail } from './binomial.ts';
import {
  bandLookbackDays,
  dailySeries,
  spikeZ,
  weekdayBand,
  weekdayMedians,
  type BandPoint,
  type DailySeries,
} from './series.ts';
import { defaultAuditSettings, type AuditSettings } from './settings.ts';
import { onCalendar, seriesAcrossBreaks, type Break } from './breaks.ts';
import { rollupsCurrent } from '../db/rollups.ts';

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
  /** Rules that paid far less than usual while the other rules paid as usual (rule-drops.ts): flagged. */
  drops: RuleDrop[];
  expected: ExpectedSpike[];
}

/**
 * The one judgement of program and rule spikes, shared by the audit checks and the Health daily chart so both show
 * the same days with the same settings: the weekday bands (series.ts, rule-spikes.ts), then campaigns and
 * experiments. A program day above its band (robust z) is a spike when it reaches (1 + min_excess_ratio) × its
 * expected value with more awards than chance explains (awardsBeyondChance), or when flagged rule spikes make up at
 * least rule_share of its excess: a batch run of one rule that doubles the total is a fault, a quarter-end rise of
 * ordinary challenge awards is not. A spike inside a campaign is expected unless it exceeds even the campaign's multiplier; a rule whose
 * rows carry an experiment_id that day changed by design (its size is the `ab` command's business). Drops of one
 * rule (rule-drops.ts) are flagged; a drop of the whole program is marked on the band (`drop`) but not flagged: a
 * holiday, an outage or a missing export lowers every rule at once, and no one abused anything.
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
  const manyAwards = awardsBeyondChance(series, lookback, s);
  const band = weekdayBand(series.days, series.program, { ...s, min_excess_ratio: 0 })
    .slice(lookback)
    .map((p, i) => {
      // The band was judged without the minimum ratio (for rule-driven spikes); a drop needs its mirror.
      if (p.drop) return { ...p, drop: p.value <= (p.expected as number) / (1 + s.min_excess_ratio) };
      if (!p.spike) return p;
      const e = p.expected as number;
      const driven = (ruleExcess.get(p.day) ?? 0) >= s.rule_share * (p.value - e);
      if (!driven && (p.value < (1 + s.min_excess_ratio) * e || !manyAwards(lookback + i)))
        return { ...p, spike: false };
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
  // A rule whose rows carry an experiment_id that day, or on a day of its baseline, changed by design: an
  // experiment's arm paid less, or the experiment ended and the rule went back to its usual pay.
  const experimentNear = (day: string, rule: string) => {
    for (let k = 0; k <= 7 * s.weeks; k++) {
      const id = series.experiments.get(`${addDays(day, -k)}|${rule}`);
      if (id) return id;
    }
    return null;
  };
  const drops = ruleDrops(series, lookback, s, spikeZ(s)).flatMap((d) => {
    const planned = d.days.filter((x) => experimentNear(x.day, d.rule_id) !== null);
    for (const x of planned) {
      const label = experimentNear(x.day, d.rule_id) as string;
      expected.push({
        day: x.day,
        rule_id: d.rule_id,
        value: x.value,
        expected: x.expected,
        kind: 'experiment',
        label,
      });
    }
    const days = d.days.filter((x) => !planned.includes(x));
    return days.length === 0 ? [] : [{ ...d, days, value: sum(days, 'value'), expected: sum(days, 'expected') }];
  });
  return { band, rules, drops, expected };
}

const sum = (xs: { value: number; expected: number }[], k: 'value' | 'expected') => xs.reduce((a, x) => a + x[k], 0);

/**
 * Whether day i holds more awards (all rules) than chance explains: a Poisson tail at the same-weekday median of the
 * day's award count below alpha / (rules × days judged). A day's points alone can triple by luck when a few large
 * awards fall on a thin day (a weekend of a dozen rows); a batch run or a duplicated import adds awards by the
 * hundred. A spike of larger awards is found through its rule (rule-spikes.ts) and counts as driven.
 */
function awardsBeyondChance(series: DailySeries, lookback: number, s: AuditSettings['program_spike']) {
  let usual: (number | null)[] | null = null;
  let counts: number[] | null = null;
  const tests = Math.max(1, series.rules.size * (series.program.length - lookback));
  return (i: number) => {
    if (!counts) {
      const c = new Array<number>(series.program.length).fill(0);
      for (const rows of series.ruleRows.values()) rows.forEach((n, d) => (c[d] += Number.isFinite(n) ? n : 0));
      counts = c;
      usual = weekdayMedians(c, s.weeks);
    }
    const u = (usual as (number | null)[])[i];
    return u !== null && poissonTail(counts[i], u) < s.alpha / tests;
  };
}

/**
 * The daily series from the band's look-back before `from` to `to`, breaks cut out and the look-back reaching back
 * over them (breaks.ts), with the look-back's length left and the breaks.
 */
export async function spikeSeries(
  db: Database,
  from: string,
  to: string,
  settings: AuditSettings,
  kept: boolean,
): Promise<{ series: DailySeries; lookback: number; breaks: Break[] }> {
  const lookback = bandLookbackDays(settings.program_spike);
  return seriesAcrossBreaks((since) => dailySeries(db, since, to, kept), from, lookback);
}

/**
 * The program's daily issued points over [from, to) with the expected band and the spike days, for the chart of a
 * program-spike flag (the server calls this).
 */
export async function programSeries(
  db: Database,
  from: string,
  to: string,
  settings: AuditSettings = defaultAuditSettings(),
): Promise<BandPoint[]> {
  const s = settings.program_spike;
  const { series, lookback } = await spikeSeries(db, from, to, settings, await rollupsCurrent(db));
  return onCalendar(weekdayBand(series.days, series.program, s).slice(lookback), from, to);
}
