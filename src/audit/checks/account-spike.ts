import { z } from 'zod';
import { run } from '../../db/run.ts';
import { robustStats, robustZ } from '../../stats/robust-z.ts';
import { addDays, daysBetween, type AuditContext, type Check } from '../context.ts';
import { makeFlag, severityOf } from '../flag.ts';
import type { Flag } from '../schema.ts';

const Params = z.object({ from: z.string(), to: z.string(), window_days: z.number().int(), floor_factor: z.number(), floor_quantile: z.number(), skip_days: z.string() });
const Row = z.object({
  account_id: z.string(), day: z.string(), issued: z.number(), department: z.string(), floor: z.number(),
  history: z.array(z.number()), peer_median: z.number(), peer_mad: z.number(),
  evidence: z.array(z.object({ event_id: z.string(), rule_id: z.string().nullable(), points: z.number() })),
});

interface SpikeDay {
  day: string;
  issued: number;
  floor: number;
  score: number;
  ownMedian: number;
  peerMedian: number;
  eventIds: string[];
}

/**
 * A day an account earned far more than its own trailing days (zeros included) and its department's account-days,
 * and above the absolute floor (settings.ts). Rows of a (day, rule) that program_spike explained are taken out
 * first: a batch error is the program's flag, not hundreds of account flags. Flagged days of one account close
 * together form one flag; its score is the smaller of the two modified z (both must exceed the threshold).
 */
export const accountSpike: Check = {
  name: 'account_spike',
  async run(ctx) {
    const s = ctx.settings.account_spike;
    const rows = await run(ctx.db, 'audit_account_spike', Params, Row, {
      from: ctx.from, to: ctx.to, window_days: s.window_days, floor_factor: s.floor_factor, floor_quantile: s.floor_quantile,
      skip_days: [...new Set(ctx.programSpikes.map((p) => p.day))].join(','),
    });
    const explained = new Set(ctx.programSpikes.map((p) => `${p.day}|${p.rule_id}`));
    const byAccount = new Map<string, SpikeDay[]>();
    for (const r of rows) {
      const kept = r.evidence.filter((e) => !explained.has(`${r.day}|${e.rule_id ?? ''}`));
      const issued = kept.reduce((a, e) => a + e.points, 0);
      if (issued < r.floor) continue;
      const own = robustStats([...r.history, ...new Array<number>(Math.max(0, s.window_days - r.history.length)).fill(0)]);
      const zOwn = own ? robustZ(issued, own) : null;
      const zPeer = robustZ(issued, { count: 1, median: r.peer_median, mad: r.peer_mad, meanAbsDev: r.peer_mad });
      // A null z means a constant baseline that the day departs from: unusual without bound, so it passes.
      const score = Math.min(zOwn ?? Infinity, zPeer ?? Infinity);
      if (score <= s.z) continue;
      const list = byAccount.get(r.account_id) ?? [];
      list.push({ day: r.day, issued, floor: r.floor, score, ownMedian: own?.median ?? 0, peerMedian: r.peer_median, eventIds: kept.map((e) => e.event_id) });
      byAccount.set(r.account_id, list);
    }
    const flags: Flag[] = [];
    for (const [account, days] of byAccount) for (const run of mergeRuns(days, s.merge_gap_days)) flags.push(spikeFlag(ctx, account, run));
    return { flags };
  },
};

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
  return makeFlag(ctx, {
    check: 'account_spike', severity: score === null || top.issued >= 2 * top.floor ? 'high' : severityOf(score, s.z),
    subject: 'account', account_id: account, from: days[0].day, to: addDays(days.at(-1)!.day, 1),
    value: top.issued, baseline: top.peerMedian, score, threshold: s.z, threshold_name: 'modified z against own history and peers',
    reason_key: 'account_spike',
    reason_vars: {
      account, value: top.issued, day: top.day, ratio: top.issued / top.floor, floor: top.floor,
      own_median: top.ownMedian, peer_median: top.peerMedian, score: score ?? '∞', threshold: s.z,
    },
    event_ids: days.flatMap((d) => d.eventIds),
  });
}
