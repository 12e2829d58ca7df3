import { z } from 'zod';
import { run } from '../../db/run.ts';
import { robustStats, robustZ } from '../../stats/robust-z.ts';
import { poissonTail } from '../binomial.ts';
import { addDays, daysBetween, type AuditContext, type Check } from '../context.ts';
import { makeFlag, severityOf } from '../flag.ts';
import type { Flag } from '../schema.ts';

const Params = z.object({
  from: z.string(), to: z.string(), window_days: z.number().int(), award_min_days: z.number().int(), top_awards: z.number(), skip_days: z.string(),
});
const Row = z.object({
  account_id: z.string(), day: z.string(), issued: z.number(), department: z.string(), top_floor: z.number(), award: z.number(),
  burst_rule: z.string().nullable(), burst_n: z.number().int().nullable(), burst_usual: z.number().nullable(), tests: z.number().int(),
  history: z.array(z.number()), peer_median: z.number(), peer_mad: z.number(),
  evidence: z.array(z.object({ event_id: z.string(), rule_id: z.string().nullable(), points: z.number(), at: z.number() })),
});
type Row = z.infer<typeof Row>;

interface Burst { rule: string; n: number; usual: number; minutes: number; dense: number }
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
 * of one rule (more awards that day than a Poisson count at the rule's mean per account-day explains, Bonferroni over
 * the period's account-rule-days) or more points than `top_awards` of the ledger's largest ordinary awards (the
 * largest median award of a rule paid about monthly or more often). Neither is a floor in points: both are read off this
 * ledger. Rows of a (day, rule) that program_spike explained are taken out first, unless the account had a burst
 * of its own: a batch error is the program's flag, not hundreds of account flags. Flagged days of one account close together form one flag.
 */
export const accountSpike: Check = {
  name: 'account_spike',
  async run(ctx) {
    const s = ctx.settings.account_spike;
    const rows = await run(ctx.db, 'audit_account_spike', Params, Row, {
      from: ctx.from, to: ctx.to, window_days: s.window_days, top_awards: s.top_awards,
      // An ordinary rule is paid about monthly or more often: a rule seen a handful of times says nothing of pay.
      award_min_days: Math.ceil((daysBetween(ctx.from, ctx.to) + s.window_days) / 30),
      skip_days: [...new Set(ctx.programSpikes.map((p) => p.day))].join(','),
    });
    const explained = new Set(ctx.programSpikes.map((p) => `${p.day}|${p.rule_id}`));
    const byAccount = new Map<string, SpikeDay[]>();
    for (const r of rows) {
      // A burst is the account's own doing even when it lifted its rule's day total into a rule spike: it keeps all
      // its rows. Otherwise rows of explained (day, rule) pairs are taken out.
      const burst = r.burst_rule !== null && poissonTail(r.burst_n as number, r.burst_usual as number) < s.burst_alpha / Math.max(1, r.tests) ? burstOf(r) : null;
      const kept = burst ? r.evidence : r.evidence.filter((e) => !explained.has(`${r.day}|${e.rule_id ?? ''}`));
      const issued = kept.reduce((a, e) => a + e.points, 0);
      if (!burst && issued < r.top_floor) continue;
      const own = robustStats([...r.history, ...new Array<number>(Math.max(0, s.window_days - r.history.length)).fill(0)]);
      const zOwn = own ? robustZ(issued, own) : null;
      const zPeer = robustZ(issued, { count: 1, median: r.peer_median, mad: r.peer_mad, meanAbsDev: r.peer_mad });
      // A null z means a constant baseline that the day departs from: unusual without bound, so it passes.
      const score = Math.min(zOwn ?? Infinity, zPeer ?? Infinity);
      if (score <= s.z) continue;
      const list = byAccount.get(r.account_id) ?? [];
      list.push({ day: r.day, issued, score, ownMedian: own?.median ?? 0, peerMedian: r.peer_median, burst, award: r.award, eventIds: kept.map((e) => e.event_id) });
      byAccount.set(r.account_id, list);
    }
    const flags: Flag[] = [];
    for (const [account, days] of byAccount) for (const run of mergeRuns(days, s.merge_gap_days)) flags.push(spikeFlag(ctx, account, run));
    return { flags };
  },
};

/** The burst rule's awards that day: all n, and the shortest span holding the n − usual of them beyond the usual. */
function burstOf(r: Row): Burst {
  const times = r.evidence.filter((e) => (e.rule_id ?? '') === r.burst_rule).map((e) => e.at).sort((a, b) => a - b);
  const usual = Math.round(r.burst_usual ?? 0);
  const dense = Math.max(2, times.length - usual);
  let span = Infinity;
  for (let i = 0; i + dense - 1 < times.length; i++) span = Math.min(span, times[i + dense - 1] - times[i]);
  return { rule: r.burst_rule as string, n: times.length, usual, dense, minutes: Number.isFinite(span) ? Math.round(span / 60) : 0 };
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
    account, value: top.issued, day: top.day, own_median: top.ownMedian, peer_median: top.peerMedian, score: score ?? '∞', threshold: s.z,
  };
  return makeFlag(ctx, {
    check: 'account_spike', severity: score === null ? 'high' : severityOf(score, s.z),
    subject: 'account', account_id: account, from: days[0].day, to: addDays(days.at(-1)!.day, 1),
    value: top.issued, baseline: top.peerMedian, score, threshold: s.z, threshold_name: 'modified z against own history and peers',
    reason_key: burst ? 'account_spike_burst' : 'account_spike',
    reason_vars: burst
      ? { ...common, n: burst.n, rule: burst.rule, usual: burst.usual, dense: burst.dense, minutes: burst.minutes }
      : { ...common, award: top.award, top_awards: s.top_awards, ratio: top.issued / top.award },
    event_ids: days.flatMap((d) => d.eventIds),
  });
}
