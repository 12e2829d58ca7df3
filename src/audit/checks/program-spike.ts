import { run } from '../../db/run.ts';
import type { AuditContext, Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { fmt } from '../../i18n/audit-reasons-en.ts';
import { makeFlag, pct, severityOf } from '../flag.ts';
import type { RuleSpike } from '../rule-spikes.ts';
import type { Flag } from '../schema.ts';
import { spikeZ, weekdayMedians, type BandPoint } from '../series.ts';
import { dropFlag } from './rule-drop-flag.ts';
import { breakNote } from '../breaks.ts';
import { judgeSpikes, spikeSeries, type ExpectedSpike } from '../spike-days.ts';

/** The daily series and its judgement, computed once per audit and shared by both spike checks. */
async function judged(ctx: AuditContext) {
  if (!ctx.spikes) {
    const { series, lookback, breaks } = await spikeSeries(ctx.db, ctx.from, ctx.to, ctx.settings, ctx.kept);
    ctx.spikes = { series, lookback, breaks, ...judgeSpikes(series, lookback, ctx.settings) };
  }
  return ctx.spikes;
}

const note = (e: ExpectedSpike) =>
  `expected (${e.kind}: ${e.label}): ${e.rule_id === null ? 'the program issued' : `${e.rule_id || '(no rule)'} paid`} ${fmt(e.value)} points on ${e.day} against ${fmt(e.expected)} usual`;

/**
 * Days on which the whole program issued far more than its weekday baseline (series.ts), each explained by the
 * rules whose own excess makes up at least `rule_share` of the day's excess; their rows are the evidence and the
 * (day, rule) pairs are handed to account_spike, so the accounts a batch error paid are not flagged one by one. A
 * spike inside a planned campaign is a note ("expected (campaign: label)"), unless it exceeds even the campaign's
 * multiplier (spike-days.ts).
 */
export const programSpike: Check = {
  name: 'program_spike',
  async run(ctx) {
    const s = ctx.settings.program_spike;
    const { series, lookback, band, expected, breaks } = await judged(ctx);
    // A period inside a break has no day left to judge (breaks.ts): it ran, and its note says why nothing was judged.
    if (band.length > 0 && band.every((p) => p.expected === null))
      return { flags: [], skipped: `fewer than ${s.weeks} weeks of history before the period: no weekday baseline` };
    // Each rule's weekday median, for naming the rules behind a spike (cheap: no spread needed).
    const ruleExpected = new Map(
      [...series.rules].map(([rule, values]) => [
        rule,
        { values: values.slice(lookback), expected: weekdayMedians(values, s.weeks).slice(lookback) },
      ]),
    );
    const flags: Flag[] = [];
    for (const [i, p] of band.entries()) if (p.spike) flags.push(await spikeFlag(ctx, p, i, ruleExpected));
    // A whole program far below its band is a holiday, an outage or a missing export, not abuse: a note.
    const drops = band
      .filter((p) => p.drop)
      .map(
        (p) =>
          `below the band: the program issued ${fmt(p.value)} points on ${p.day} against ${fmt(p.expected as number)} expected (a holiday, an outage or a missing export?)`,
      );
    const quiet = breaks.filter((b) => b.to >= ctx.from && b.from < ctx.to).map(breakNote);
    return { flags, notes: [...expected.filter((e) => e.rule_id === null).map(note), ...drops, ...quiet] };
  },
};

/**
 * Days on which one rule paid far more than its own weekday baseline, whether or not the program's total left its
 * band (rule-spikes.ts: a misconfigured rule): the flag names the rule, its usual and its actual value beside the
 * day's total. Campaign and experiment days are notes (spike-days.ts). A rule that paid far less than its own
 * baseline while the others paid as usual is flagged too, read "rule_drop" (rule-drop-flag.ts).
 */
export const ruleSpike: Check = {
  name: 'rule_spike',
  async run(ctx) {
    const { band, rules, drops, expected } = await judged(ctx);
    const totals = new Map(band.map((p) => [p.day, p]));
    const flags: Flag[] = [];
    for (const r of rules) flags.push(await ruleFlag(ctx, r, totals.get(r.day)!));
    for (const d of drops) flags.push(dropFlag(ctx, d));
    return { flags, notes: expected.filter((e) => e.rule_id !== null).map(note) };
  },
};

async function evidence(ctx: AuditContext, day: string, rule: string) {
  ctx.programSpikes.push({ day, rule_id: rule });
  return run(ctx.db, 'audit_rule_day_rows', { day, rule_id: rule });
}

async function spikeFlag(
  ctx: AuditContext,
  p: BandPoint,
  i: number,
  ruleExpected: Map<string, { values: number[]; expected: (number | null)[] }>,
): Promise<Flag> {
  const s = ctx.settings.program_spike;
  const expected = p.expected as number;
  const excess = p.value - expected;
  const byRule = [...ruleExpected]
    .map(([rule, b]) => ({ rule, excess: b.values[i] - (b.expected[i] ?? 0) }))
    .sort((a, b) => b.excess - a.excess);
  const causes = byRule.filter((r, k) => k === 0 || r.excess >= s.rule_share * excess);
  const rows = [];
  for (const c of causes) rows.push(...(await evidence(ctx, p.day, c.rule)));
  const score = p.z ?? excess;
  return makeFlag(ctx, {
    check: 'program_spike',
    severity: p.z === null ? 'high' : severityOf(p.z, spikeZ(s)),
    subject: 'program',
    account_id: null,
    accounts: [...new Set(rows.map((r) => r.account_id))].sort(),
    rule_id: causes[0]?.rule ?? null,
    from: p.day,
    to: addDays(p.day, 1),
    value: p.value,
    baseline: expected,
    score,
    threshold: spikeZ(s),
    threshold_name: 'robust z of the day against its weekday baseline',
    reason_key: 'program_spike',
    reason_vars: {
      day: p.day,
      value: p.value,
      expected,
      score,
      threshold: spikeZ(s),
      rule: causes.map((c) => c.rule).join(', '),
      rule_share: pct(causes.reduce((a, c) => a + c.excess, 0) / excess),
    },
    event_ids: rows.map((r) => r.event_id),
  });
}

async function ruleFlag(ctx: AuditContext, r: RuleSpike, total: BandPoint): Promise<Flag> {
  const s = ctx.settings.program_spike;
  const rows = await evidence(ctx, r.day, r.rule_id);
  return makeFlag(ctx, {
    check: 'rule_spike',
    severity: r.z === null ? 'high' : severityOf(r.z, spikeZ(s)),
    subject: 'program',
    account_id: null,
    accounts: [...new Set(rows.map((x) => x.account_id))].sort(),
    rule_id: r.rule_id,
    from: r.day,
    to: addDays(r.day, 1),
    value: r.value,
    baseline: r.expected,
    score: r.z,
    threshold: spikeZ(s),
    threshold_name: "robust z of the rule's day on a log scale against its weekday baseline",
    reason_key: 'rule_spike',
    reason_vars: {
      rule: r.rule_id || '(no rule)',
      day: r.day,
      value: r.value,
      expected: r.expected,
      ratio: r.value / r.expected,
      score: r.z ?? '∞',
      threshold: spikeZ(s),
      total: total.value,
      total_expected: total.expected ?? '—',
    },
    event_ids: rows.map((x) => x.event_id),
  });
}
