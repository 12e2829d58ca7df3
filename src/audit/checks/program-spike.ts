import { z } from 'zod';
import { run } from '../../db/run.ts';
import { addDays, type AuditContext, type Check } from '../context.ts';
import { fmt, makeFlag, pct, severityOf } from '../flag.ts';
import { beyondCampaign, campaignOn, ruleSpikes, type RuleSpike } from '../rule-spikes.ts';
import type { Flag } from '../schema.ts';
import { bandLookbackDays, dailySeries, weekdayBand, type BandPoint } from '../series.ts';

const Params = z.object({ day: z.string(), rule_id: z.string() });
const Row = z.object({ event_id: z.string(), account_id: z.string(), points: z.number() });

/** The daily series from the band's look-back before `from`, read once per audit and shared by both spike checks. */
async function seriesOf(ctx: AuditContext) {
  const lookback = bandLookbackDays(ctx.settings.program_spike);
  ctx.series ??= await dailySeries(ctx.db, addDays(ctx.from, -lookback), ctx.to);
  return { series: ctx.series, lookback };
}

/**
 * Days on which the whole program issued far more than its weekday baseline (series.ts), each explained by the
 * rules whose own excess makes up at least `rule_share` of the day's excess; their rows are the evidence and the
 * (day, rule) pairs are handed to account_spike, so the accounts a batch error paid are not flagged one by one. A
 * spike inside a planned campaign is a note ("expected (campaign: label)"), unless it exceeds even the campaign's
 * multiplier.
 */
export const programSpike: Check = {
  name: 'program_spike',
  async run(ctx) {
    const s = ctx.settings.program_spike;
    const { series, lookback } = await seriesOf(ctx);
    const band = weekdayBand(series.start, series.program, s).slice(lookback);
    if (band.every((p) => p.expected === null)) return { flags: [], skipped: `fewer than ${s.weeks} weeks of history before the period: no weekday baseline` };
    const ruleBands = new Map([...series.rules].map(([rule, values]) => [rule, weekdayBand(series.start, values, s).slice(lookback)]));
    const flags: Flag[] = [];
    const notes: string[] = [];
    for (const [i, p] of band.entries()) {
      if (!p.spike) continue;
      const c = campaignOn(ctx.settings.campaigns, p.day);
      if (c && !beyondCampaign(p.value, p.expected as number, c, s)) {
        notes.push(`expected (campaign: ${c.label}): the program issued ${fmt(p.value)} points on ${p.day} against ${fmt(p.expected as number)} usual`);
        continue;
      }
      flags.push(await spikeFlag(ctx, p, i, ruleBands));
    }
    return { flags, notes };
  },
};

/**
 * Days on which one rule paid far more than its own weekday baseline while the program's total may stay within
 * bounds (rule-spikes.ts: a misconfigured rule). Days program_spike already explained by that rule are left to it;
 * a rule whose rows carry an experiment_id that day is a planned change (a note); a campaign as for program_spike.
 */
export const ruleSpike: Check = {
  name: 'rule_spike',
  async run(ctx) {
    const s = ctx.settings.program_spike;
    const { series, lookback } = await seriesOf(ctx);
    const explained = new Set(ctx.programSpikes.map((x) => `${x.day}|${x.rule_id}`));
    const totals = weekdayBand(series.start, series.program, s);
    const flags: Flag[] = [];
    const notes: string[] = [];
    for (const r of ruleSpikes(series, lookback, s)) {
      const key = `${r.day}|${r.rule_id}`;
      if (explained.has(key)) continue;
      const name = r.rule_id || '(no rule)';
      const experiment = series.experiments.get(key);
      if (experiment) {
        notes.push(`expected (experiment: ${experiment}): ${name} paid ${fmt(r.value)} points on ${r.day} against ${fmt(r.expected)} usual`);
        continue;
      }
      const c = campaignOn(ctx.settings.campaigns, r.day, r.rule_id);
      if (c && !beyondCampaign(r.value, r.expected, c, s)) {
        notes.push(`expected (campaign: ${c.label}): ${name} paid ${fmt(r.value)} points on ${r.day} against ${fmt(r.expected)} usual`);
        continue;
      }
      const total = totals[lookback + totals.slice(lookback).findIndex((p) => p.day === r.day)];
      flags.push(await ruleFlag(ctx, r, total));
    }
    return { flags, notes };
  },
};

async function evidence(ctx: AuditContext, day: string, rule: string) {
  ctx.programSpikes.push({ day, rule_id: rule });
  return run(ctx.db, 'audit_rule_day_rows', Params, Row, { day, rule_id: rule });
}

async function spikeFlag(ctx: AuditContext, p: BandPoint, i: number, ruleBands: Map<string, BandPoint[]>): Promise<Flag> {
  const s = ctx.settings.program_spike;
  const expected = p.expected as number;
  const excess = p.value - expected;
  const byRule = [...ruleBands]
    .map(([rule, b]) => ({ rule, excess: b[i].value - (b[i].expected ?? 0) }))
    .sort((a, b) => b.excess - a.excess);
  const causes = byRule.filter((r, k) => k === 0 || r.excess >= s.rule_share * excess);
  const rows = [];
  for (const c of causes) rows.push(...(await evidence(ctx, p.day, c.rule)));
  const score = p.z ?? excess;
  return makeFlag(ctx, {
    check: 'program_spike', severity: p.z === null ? 'high' : severityOf(p.z, s.z), subject: 'program', account_id: null,
    accounts: [...new Set(rows.map((r) => r.account_id))].sort(), rule_id: causes[0]?.rule ?? null,
    from: p.day, to: addDays(p.day, 1), value: p.value, baseline: expected, score, threshold: s.z, threshold_name: 'robust z of the day against its weekday baseline',
    reason_key: 'program_spike',
    reason_vars: { day: p.day, value: p.value, expected, score, threshold: s.z, rule: causes.map((c) => c.rule).join(', '), rule_share: pct(causes.reduce((a, c) => a + c.excess, 0) / excess) },
    event_ids: rows.map((r) => r.event_id),
  });
}

async function ruleFlag(ctx: AuditContext, r: RuleSpike, total: BandPoint): Promise<Flag> {
  const s = ctx.settings.program_spike;
  const rows = await evidence(ctx, r.day, r.rule_id);
  return makeFlag(ctx, {
    check: 'rule_spike', severity: r.z === null ? 'high' : severityOf(r.z, s.z), subject: 'program', account_id: null,
    accounts: [...new Set(rows.map((x) => x.account_id))].sort(), rule_id: r.rule_id,
    from: r.day, to: addDays(r.day, 1), value: r.value, baseline: r.expected, score: r.z, threshold: s.z,
    threshold_name: 'robust z of the rule\'s day on a log scale against its weekday baseline',
    reason_key: 'rule_spike',
    reason_vars: {
      rule: r.rule_id || '(no rule)', day: r.day, value: r.value, expected: r.expected, ratio: r.value / r.expected,
      score: r.z ?? '∞', threshold: s.z, total: total.value, total_expected: total.expected ?? '—',
    },
    event_ids: rows.map((x) => x.event_id),
  });
}
