import { z } from 'zod';
import { run } from '../../db/run.ts';
import { addDays, type AuditContext, type Check } from '../context.ts';
import { makeFlag, pct, severityOf } from '../flag.ts';
import type { Flag } from '../schema.ts';
import { bandLookbackDays, dailySeries, weekdayBand, type BandPoint } from '../series.ts';

const Params = z.object({ day: z.string(), rule_id: z.string() });
const Row = z.object({ event_id: z.string(), account_id: z.string(), points: z.number() });

/**
 * Days on which the whole program issued far more than its weekday baseline (series.ts), each explained by the
 * rules whose own excess makes up at least `rule_share` of the day's excess; their rows are the evidence and the
 * (day, rule) pairs are handed to account_spike, so the accounts a batch error paid are not flagged one by one.
 */
export const programSpike: Check = {
  name: 'program_spike',
  async run(ctx) {
    const s = ctx.settings.program_spike;
    const lookback = bandLookbackDays(s);
    const since = addDays(ctx.from, -lookback);
    const series = await dailySeries(ctx.db, since, ctx.to);
    const band = weekdayBand(since, series.program, s).slice(lookback);
    if (band.every((p) => p.expected === null)) return { flags: [], skipped: `fewer than ${s.weeks} weeks of history before the period: no weekday baseline` };
    const ruleBands = new Map([...series.rules].map(([rule, values]) => [rule, weekdayBand(since, values, s).slice(lookback)]));
    const flags: Flag[] = [];
    for (const [i, p] of band.entries()) if (p.spike) flags.push(await spikeFlag(ctx, p, i, ruleBands));
    return { flags };
  },
};

async function spikeFlag(ctx: AuditContext, p: BandPoint, i: number, ruleBands: Map<string, BandPoint[]>): Promise<Flag> {
  const s = ctx.settings.program_spike;
  const expected = p.expected as number;
  const excess = p.value - expected;
  const byRule = [...ruleBands]
    .map(([rule, b]) => ({ rule, excess: b[i].value - (b[i].expected ?? 0) }))
    .sort((a, b) => b.excess - a.excess);
  const causes = byRule.filter((r, k) => k === 0 || r.excess >= s.rule_share * excess);
  const rows = [];
  for (const c of causes) {
    ctx.programSpikes.push({ day: p.day, rule_id: c.rule });
    rows.push(...(await run(ctx.db, 'audit_rule_day_rows', Params, Row, { day: p.day, rule_id: c.rule })));
  }
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
