import { z } from 'zod';
import { run } from '../../db/run.ts';
import { robustStats, robustZ } from '../../stats/robust-z.ts';
import { poissonTail } from '../binomial.ts';
import { addDays, daysBetween, type AuditContext, type Check } from '../context.ts';
import { makeFlag, severityOf } from '../flag.ts';
import { campaignOn } from '../rule-spikes.ts';
import type { Flag } from '../schema.ts';

const Params = z.object({
  from: z.string(),
  to: z.string(),
  window_days: z.number().int(),
  award_min_days: z.number().int(),
  top_awards: z.number(),
  z: z.number(),
  skip_days: z.string(),
});
const Row = z.object({
  account_id: z.string(),
  day: z.string(),
  issued: z.number(),
  department: z.string(),
  top_floor: z.number(),
  award: z.number(),
  burst_rule: z.string().nullable(),
  burst_n: z.number().int().nullable(),
  burst_usual: z.number().nullable(),
  tests: z.number().int(),
  history: z.array(z.number()),
  peer_median: z.number(),
  peer_mad: z.number(),
  evidence: z.array(
    z.object({ event_id: z.string(), rule_id: z.string().nullable(), points: z.number(), at: z.number() }),
  ),
});
type Row = z.infer<typeof Row>;

interface Burst {
  rule: string;
  n: number;
  usual: number;
  minutes: number;
  dense: number;
  spanMinutes: number;
}
interface SpikeDay {
  day: string;
  issued: number;
  score: number;
  ownMedian: number;
  peerMedian: number;
  burst: Burst | null;
  award: number;
  eventIds: string[];
}

/**
 * A day an account earned far more than its own trailing days (zeros included) and its department's account-days
 * (modified z above `z` against both: scale-free), with evidence beyond what the ledger's own pay explains: a burst
 * of one rule (more awards that day, or more closely packed in time, than a Poisson count at the rule's mean per
 * account-day spread over the working day explains, Bonferroni over the period's account-rule-days) or more points than `top_awards` of the ledger's largest ordinary awards (the
 * largest mean award of a rule paid about monthly or more often). On a campaign day a rule's points count divided
 * by the campaign's multiplier. Neither is a floor in points: both are read off this
 * ledger. Rows of a (day, rule) that program_spike explained are taken out first, unless the account had a burst
 * of its own: a batch error is the program's flag, not hundreds of account flags. Flagged days of one account close together form one flag.
 */
export const accountSpike: Check = {
  name: 'account_spike',
  async run(ctx) {
    const s = ctx.settings.account_spike;
    const rows = await run(ctx.db, 'audit_account_spike', Params, Row, {
      from: ctx.from,
      to: ctx.to,
      window_days: s.window_days,
      top_awards: s.top_awards,
      z: s.z,
      // An ordinary rule is paid about monthly or more often: a rule seen a handful of times says nothing of pay.
      award_min_days: Math.ceil((daysBetween(ctx.from, ctx.to) + s.window_days) / 30),
      skip_days: [...new Set(ctx.programSpikes.map((p) => p.day))].join(','),
    });
    const explained = new Set(ctx.programSpikes.map((p) => `${p.day}|${p.rule_id}`));
    const byAccount = new Map<string, SpikeDay[]>();
    for (const r of rows) {
      // A burst is the account's own doing even when it lifted its rule's day total into a rule spike: it keeps all
      // its rows. Otherwise rows of explained (day, rule) pairs are taken out.
      const burst =
        r.burst_rule !== null ? significantBurst(r, workMinutes(ctx), s.burst_alpha / Math.max(1, r.tests)) : null;
      const kept = burst ? r.evidence : r.evidence.filter((e) => !explained.has(`${r.day}|${e.rule_id ?? ''}`));
      // A planned campaign raises pay by design: its rows count divided by its multiplier (a burst is counted in awards,
      // which a campaign does not multiply).
      const multiplier = (e: { rule_id: string | null }) =>
        burst ? 1 : (campaignOn(ctx.settings.campaigns, r.day, e.rule_id ?? '')?.multiplier ?? 1);
      const issued = kept.reduce((a, e) => a + e.points / multiplier(e), 0);
      if (!burst && issued < r.top_floor) continue;
      const own = robustStats([
        ...r.history,
        ...new Array<number>(Math.max(0, s.window_days - r.history.length)).fill(0),
      ]);
      const zOwn = own ? robustZ(issued, own) : null;
      const zPeer = robustZ(issued, { count: 1, median: r.peer_median, mad: r.peer_mad, meanAbsDev: r.peer_mad });
      // A null z means a constant baseline that the day departs from: unusual without bound, so it passes.
      const score = Math.min(zOwn ?? Infinity, zPeer ?? Infinity);
      if (score <= s.z) continue;
      const list = byAccount.get(r.account_id) ?? [];
      list.push({
        day: r.day,
        issued,
        score,
        ownMedian: own?.median ?? 0,
        peerMedian: r.peer_median,
        burst,
        award: r.award,
        eventIds: kept.map((e) => e.event_id),
      });
      byAccount.set(r.account_id, list);
    }
    const flags: Flag[] = [];
    for (const [account, days] of byAccount)
      for (const run of mergeRuns(days, s.merge_gap_days)) flags.push(spikeFlag(ctx, account, run));
    return { flags };
  },
};

/** Minutes of the working day (`work_hours`): the span over which a day's awards spread when nothing clusters them. */
function workMinutes(ctx: AuditContext): number {
  const min = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const span = min(ctx.config.work_hours.end) - min(ctx.config.work_hours.start);
  return span > 0 ? span : 24 * 60;
}

/**
 * P(range of k independent uniform times ≤ r) = k·r^(k−1) − (k−1)·r^k, r as a share of the working day: how likely
 * k awards fall within so short a span if they were spread over the day as usual.
 */
export function rangeCdf(k: number, r: number): number {
  if (r >= 1) return 1;
  return Math.min(1, k * r ** (k - 1) - (k - 1) * r ** k);
}

/**
 * A burst is kept when its count and its clustering together are beyond chance: the Poisson tail of n awards at the
 * rule's mean per account-day times the chance that n awards spread over the working day fall within their observed
 * span, below alpha / tests (Bonferroni over the period's account-rule-days). Many awards of one rule, or fewer
 * within minutes (a farmer logging seven in five minutes), both count.
 */
function significantBurst(r: Row, dayMinutes: number, threshold: number): Burst | null {
  const b = burstOf(r);
  const p = poissonTail(b.n, r.burst_usual as number) * rangeCdf(b.n, b.spanMinutes / dayMinutes);
  return p < threshold ? b : null;
}

/** The burst rule's awards that day: all n and their span, and the shortest span holding the n − usual beyond the usual. */
function burstOf(r: Row): Burst {
  const times = r.evidence
    .filter((e) => (e.rule_id ?? '') === r.burst_rule)
    .map((e) => e.at)
    .sort((a, b) => a - b);
  const usual = Math.round(r.burst_usual ?? 0);
  const dense = Math.max(2, times.length - usual);
  let span = Infinity;
  for (let i = 0; i + dense - 1 < times.length; i++) span = Math.min(span, times[i + dense - 1] - times[i]);
  const spanMinutes = times.length > 1 ? (times.at(-1)! - times[0]) / 60 : 0;
  return {
    rule: r.burst_rule as string,
    n: times.length,
    usual,
    dense,
    minutes: Number.isFinite(span) ? Math.round(span / 60) : 0,
    spanMinutes,
  };
}

function mergeRuns(days: SpikeDay[], gap: number): SpikeDay[][] {
  const runs: SpikeDay[][] = [];
  for (const d of days) {
    const last = runs.at(-1);
    if (last && daysBetween(last.at(-1)!.day, d.day) <= gap) last.push(d);
    else runs.push([d]);
  }
  return runs;
}

function spikeFlag(ctx: AuditContext, account: string, days: SpikeDay[]): Flag {
  const s = ctx.settings.account_spike;
  const top = days.reduce((a, b) => (b.issued > a.issued ? b : a));
  const score = Number.isFinite(top.score) ? top.score : null;
  const burst = days.find((d) => d.burst)?.burst ?? null;
  const common = {
    account,
    value: top.issued,
    day: top.day,
    own_median: top.ownMedian,
    peer_median: top.peerMedian,
    score: score ?? '∞',
    threshold: s.z,
  };
  return makeFlag(ctx, {
    check: 'account_spike',
    severity: score === null ? 'high' : severityOf(score, s.z),
    subject: 'account',
    account_id: account,
    from: days[0].day,
    to: addDays(days.at(-1)!.day, 1),
    value: top.issued,
    baseline: top.peerMedian,
    score,
    threshold: s.z,
    threshold_name: 'modified z against own history and peers',
    reason_key: burst ? 'account_spike_burst' : 'account_spike',
    reason_vars: burst
      ? { ...common, n: burst.n, rule: burst.rule, usual: burst.usual, dense: burst.dense, minutes: burst.minutes }
      : { ...common, award: top.award, top_awards: s.top_awards, ratio: top.issued / top.award },
    event_ids: days.flatMap((d) => d.eventIds),
  });
}
