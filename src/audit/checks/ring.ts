import { type RowOf, run } from '../../db/run.ts';
import type { AuditContext, Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { makeFlag, pct } from '../flag.ts';
import type { Flag } from '../schema.ts';
import { PeriodParams } from '../../db/query-types.ts';
import { mergeGroups, roundTrips, simpleCycles } from './graph.ts';

type Edge = RowOf<'audit_transfer_edges'>;

const edgesOf = (ctx: AuditContext) =>
  run(ctx.db, 'audit_transfer_edges', PeriodParams, { from: ctx.from, to: ctx.to });
const day = (d: Date) => d.toISOString().slice(0, 10);

interface Ring {
  members: string[];
  cycle: string[];
  internal: Edge[];
  share: number;
  /** First and last transfer of the cycle's repeated edges: the weeks the ring ran. */
  span: [Date, Date];
}

/** Points that arrived on an edge between lo and hi (epoch ms, both included). */
const arrived = (e: Edge, lo: number, hi: number) =>
  e.times.reduce((a, t, i) => (t.getTime() >= lo && t.getTime() <= hi ? a + e.amounts[i] : a), 0);

/**
 * Cycles of 3..max_length accounts in the transfer graph whose every edge repeats (min_edge_transfers), grouped
 * when they share members, kept when most of what the members received while the cycle ran came from inside the
 * group. While it ran, not over the audited period: a ring of three weeks judged over a year of ordinary gifts to
 * its members (a busy member's above all) was missed by the year's audit and found by the quarter's.
 */
function findRings(edges: Edge[], s: AuditContext['settings']['ring']): Ring[] {
  const repeats = (e: Edge) => e.transfers >= s.min_edge_transfers;
  const strong = edges.filter(repeats).map((e) => [e.giver, e.receiver] as [string, string]);
  const into = new Map<string, Edge[]>();
  for (const e of edges) into.set(e.receiver, [...(into.get(e.receiver) ?? []), e]);
  const rings: Ring[] = [];
  for (const g of mergeGroups(simpleCycles(strong, 3, s.max_length))) {
    const inside = new Set(g.members);
    const internal = edges.filter((e) => inside.has(e.giver) && inside.has(e.receiver));
    const ran = internal.filter(repeats).flatMap((e) => e.times.map((t) => t.getTime()));
    const [lo, hi] = [Math.min(...ran), Math.max(...ran)];
    const internalIn = internal.reduce((a, e) => a + arrived(e, lo, hi), 0);
    const totalIn = g.members.flatMap((m) => into.get(m) ?? []).reduce((a, e) => a + arrived(e, lo, hi), 0);
    const share = totalIn > 0 ? internalIn / totalIn : 0;
    if (share >= s.min_internal_share)
      rings.push({
        members: g.members,
        cycle: g.cycles.sort((a, b) => b.length - a.length)[0],
        internal,
        share,
        span: [new Date(lo), new Date(hi)],
      });
  }
  return rings;
}

export const ring: Check = {
  name: 'ring',
  async run(ctx) {
    const s = ctx.settings.ring;
    const edges = await edgesOf(ctx);
    if (edges.length === 0) return { flags: [], skipped: 'no transfers in the period' };
    return {
      flags: findRings(edges, s).map((r) => {
        const times = r.internal.flatMap((e) => e.times).sort((a, b) => a.getTime() - b.getTime());
        const transfers = r.internal.reduce((a, e) => a + e.transfers, 0);
        const points = r.internal.reduce((a, e) => a + e.points, 0);
        return makeFlag(ctx, {
          check: 'ring',
          severity: 'high',
          subject: 'group',
          account_id: null,
          accounts: r.members,
          from: day(times[0]),
          to: addDays(day(times.at(-1)!), 1),
          value: r.share,
          baseline: null,
          score: transfers,
          threshold: s.min_internal_share,
          threshold_name: "share of the members' receipts from inside the cycle while it ran",
          reason_key: 'ring',
          reason_vars: {
            members: r.members.length,
            cycle: [...r.cycle, r.cycle[0]].join(' → '),
            transfers,
            points,
            share: pct(r.share),
            span_from: day(r.span[0]),
            span_to: day(r.span[1]),
          },
          event_ids: r.internal.flatMap((e) => e.event_ids),
        });
      }),
    };
  },
};

/** A → B then B → A within pair_days, repeatedly; pairs already inside a ring are the ring's flag. */
export const reciprocalPair: Check = {
  name: 'reciprocal_pair',
  async run(ctx) {
    const s = ctx.settings.ring;
    const edges = await edgesOf(ctx);
    if (edges.length === 0) return { flags: [], skipped: 'no transfers in the period' };
    const inRing = new Set(findRings(edges, s).flatMap((r) => r.members));
    const byPair = new Map(edges.map((e) => [`${e.giver}\u0000${e.receiver}`, e]));
    const flags: Flag[] = [];
    for (const e of edges) {
      const back = byPair.get(`${e.receiver}\u0000${e.giver}`);
      if (!back || e.giver > e.receiver || (inRing.has(e.giver) && inRing.has(e.receiver))) continue;
      // Counted from either side as initiator, not summed: A→B→A→B would otherwise count each reply twice.
      const trips = Math.max(
        roundTrips(e.times, back.times, s.pair_days),
        roundTrips(back.times, e.times, s.pair_days),
      );
      if (trips < s.pair_min_round_trips) continue;
      const times = [...e.times, ...back.times].sort((a, b) => a.getTime() - b.getTime());
      flags.push(
        makeFlag(ctx, {
          check: 'reciprocal_pair',
          severity: 'low',
          subject: 'group',
          account_id: e.giver,
          accounts: [e.giver, e.receiver],
          from: day(times[0]),
          to: addDays(day(times.at(-1)!), 1),
          value: trips,
          baseline: null,
          score: null,
          threshold: s.pair_min_round_trips,
          threshold_name: 'round trips within the pair window',
          reason_key: 'reciprocal_pair',
          reason_vars: { account: e.giver, other: e.receiver, round_trips: trips, days: s.pair_days },
          event_ids: [...e.event_ids, ...back.event_ids],
        }),
      );
    }
    return { flags };
  },
};
