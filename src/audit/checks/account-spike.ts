import { run } from '../../db/run.ts';
import { workWindow } from '../../db/work-window.ts';
import { robustStats, robustZ } from '../../stats/robust-z.ts';
import { dispersedTailGivenPaid, poissonAtMost, poissonTail, rangeCdf } from '../binomial.ts';
import { type Big, largeAwards } from './account-spike-large.ts';
import { expectedNext, othersAtLeast, type Repeat, type SpikeRow, selfCount, shareAt } from './account-spike-levels.ts';
import type { AuditContext, Check } from '../context.ts';
import { addDays, daysBetween } from '../../dates.ts';
import { makeFlag, severityOf } from '../flag.ts';
import { campaignOn } from '../rule-spikes.ts';
import type { Flag } from '../schema.ts';

interface Burst {
  /** 'burst': more awards, or more closely packed, than chance; 'beyond': more than the ledger ever pays the rule a day. */
  kind: 'burst' | 'beyond';
  rule: string;
  /** The rule's ordinary daily maximum (kind 'beyond'; n − 1 for a burst). */
  most: number;
  /** Other account-days of the ledger with at least `most` awards of the rule, and with more (kind 'beyond'). */
  below: number;
  beyond: number;
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
  /** The large awards' evidence on a day without a burst: the large rule paid beyond its routine count, if any. */
  large: Big | null;
  /** Kept on its burst's count alone (standsAlone), the day's points not above the account's and its peers'. */
  alone: boolean;
  award: number;
  eventIds: string[];
}

/**
 * A day an account earned far more than its own trailing days (zeros included) and its department's account-days
 * (modified z above `z` against both: scale-free), with evidence beyond what the ledger's own pay explains, read off
 * this ledger and never a floor in points: a burst of one rule (more awards that day, or more closely packed in
 * time, than a Poisson count at the rule's mean per account-day spread over the working day explains, Bonferroni
 * over the period's account-rule-days); more awards of a rule than the ledger pays it in a day where it had every
 * chance to (beyondDay); or the points of `top_awards` large awards, one large rule among them paid beyond its
 * routine count (big). On a campaign day a rule's points count
 * divided by the campaign's multiplier. Rows of a (day, rule) that program_spike explained are taken out first,
 * unless the account had a burst of its own: a batch error is the program's flag, not hundreds of account flags.
 * Flagged days of one account close together form one flag. Two exceptions to "above z against both": a burst whose
 * count alone is beyond chance (standsAlone) is flagged though the day's points are ordinary, and one large award by
 * itself counts only for an account active on half of its window's days, counted from its first earn day when it is
 * new (a sparse member's zero days have no scale).
 */
export const accountSpike: Check = {
  name: 'account_spike',
  async run(ctx) {
    const s = ctx.settings.account_spike;
    const rows = await run(ctx.db, 'audit_account_spike', {
      from: ctx.from,
      to: ctx.to,
      window_days: s.window_days,
      top_awards: s.top_awards,
      z: s.z,
      burst_alpha: s.burst_alpha,
      // An ordinary rule is paid about monthly or more often: a rule seen a handful of times says nothing of pay.
      award_min_days: Math.ceil((daysBetween(ctx.from, ctx.to) + s.window_days) / 30),
      skip_days: [...new Set(ctx.programSpikes.map((p) => p.day))].join(','),
      campaigns: campaignDays(ctx),
      kept: ctx.kept,
    });
    const explained = new Set(ctx.programSpikes.map((p) => `${p.day}|${p.rule_id}`));
    const byAccount = new Map<string, SpikeDay[]>();
    for (const r of rows) {
      const own = robustStats([
        ...r.history,
        ...new Array<number>(Math.max(0, s.window_days - r.history.length)).fill(0),
      ]);
      const peer = { count: 1, median: r.peer_median, mad: r.peer_mad, meanAbsDev: r.peer_mad };
      // Modified z against the account's own days and against its peers' account-days, the smaller; a null z means a
      // constant baseline that the amount departs from: above it, unusual without bound; below it, not at all.
      const zOf = (x: number, b: { median: number } & Parameters<typeof robustZ>[1]) =>
        robustZ(x, b) ?? (x > b.median ? Infinity : -Infinity);
      const scoreOf = (x: number) => Math.min(own ? zOf(x, own) : Infinity, zOf(x, peer));
      // Any rule paid twice or more that day may be the evidence: a count beyond its maximum first, else a burst.
      const repeats = r.repeats ?? [];
      const threshold = s.burst_alpha / Math.max(1, r.tests);
      const burst =
        repeats.reduce<Burst | null>((b, q) => b ?? beyondDay(ctx, r, q, explained, scoreOf), null) ??
        repeats.reduce<Burst | null>(
          (b, q) => b ?? significantBurst(r, q, selfCount(ctx, r), workMinutes(ctx), threshold),
          null,
        );
      // audit.md: bursts inside a day are evidence of their own. A count far beyond the rule's own rate needs no help
      // from the day's points: 25 check-ins of 5 points in half an hour stay below a peer's ordinary purchase day.
      const aloneRule = repeats.find((q) => standsAlone(q, selfCount(ctx, r), threshold / 2));
      const alone = aloneRule ? burstOf(r, aloneRule, 'burst', aloneRule.n - 1, 0, 0) : null;
      // A burst is the account's own doing even when it lifted its rule's day total into a rule spike: it keeps all
      // its rows. Otherwise rows of explained (day, rule) pairs are taken out.
      const kept = burst ? r.evidence : r.evidence.filter((e) => !explained.has(`${r.day}|${e.rule_id ?? ''}`));
      // A planned campaign raises pay by design: its rows count divided by its multiplier (a burst is counted in awards,
      // which a campaign does not multiply).
      const multiplier = (e: { rule_id: string | null }) =>
        burst ? 1 : (campaignOn(ctx.settings.campaigns, r.day, e.rule_id ?? '')?.multiplier ?? 1);
      const issued = kept.reduce((a, e) => a + e.points / multiplier(e), 0);
      const large = burst ? null : largeAwards(ctx, r, kept, multiplier);
      if (!burst && !large) continue;
      // One large award counts only on an account active on at least half of its window's days: a sparse member's
      // history of zero days has no scale to be far above, and the modified z that the mean absolute deviation of a
      // few days gives is large for any purchase (a loyalty ledger paid per yuan). Not MAD > 0: an account paid the
      // same every day has MAD 0 and is as active as any.
      if (!burst && large?.rule === null && !activeOnHalf(r.history.length, r.since, s.window_days)) continue;
      const score = scoreOf(issued);
      if (score <= s.z && !alone) continue;
      const list = byAccount.get(r.account_id) ?? [];
      list.push({
        day: r.day,
        issued,
        score,
        ownMedian: own?.median ?? 0,
        peerMedian: r.peer_median,
        burst: score > s.z ? burst : alone,
        large,
        alone: score <= s.z,
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

/**
 * Active on at least half of the days of the account's window, counted from its first earn day in the whole ledger
 * (`since` days before the day) when that lies inside the window: ten daily check-ins since an account joined are a
 * dense history. Activity before the window keeps it whole, so a dormant member's purchase yesterday does not make
 * its weeks of silence dense (counted from its first active day in the window, 115 plain flags on the red team's
 * clean loyalty twin). An account with no earlier day, or less than a week of it, has no history to be dense in.
 */
function activeOnHalf(active: number, since: number, windowDays: number): boolean {
  return active > 0 && since >= Math.min(windowDays, WEEK) && 2 * active >= Math.min(windowDays, since);
}

/**
 * The least history a new account needs to be dense: one whole week, the cycle every ledger's rhythm repeats. A day
 * or two of history (one check-in yesterday) has no spread to be far above, and a review's new accounts of one or two
 * days before a 1,500 award were flagged at z in the thousands.
 */
const WEEK = 7;

/** Every planned campaign day as day|rule|multiplier (rule '' = every rule), for the rules' mean award. */
function campaignDays(ctx: AuditContext): string {
  const out: string[] = [];
  for (const c of ctx.settings.campaigns)
    for (let d = c.from; d <= c.to; d = addDays(d, 1)) out.push(`${d}|${c.rule ?? ''}|${c.multiplier}`);
  return out.join(',');
}

/**
 * Minutes of the working day (`work_hours`, a night shift's wrapping past midnight): the span over which a day's
 * awards spread when nothing clusters them.
 */
function workMinutes(ctx: AuditContext): number {
  return workWindow(ctx.config.work_hours.start, ctx.config.work_hours.end).span;
}

/**
 * A count beyond the rule's daily maximum (beyondMaximum) whose awards beyond it (n − maximum of them), by themselves (campaign rows divided by
 * the multiplier), would be an unusual day for the account and its peers: one more small award on a quiet account's
 * day is not a spike, however rare the count. Not on a (day, rule) a program spike explained: that batch's doing;
 * nor above the rule's declared daily cap: cap_breach flags that day.
 */
function beyondDay(
  ctx: AuditContext,
  r: SpikeRow,
  q: Repeat,
  explained: Set<string>,
  scoreOf: (x: number) => number,
): Burst | null {
  const s = ctx.settings.account_spike;
  const rule = q.rule_id;
  if (explained.has(`${r.day}|${rule}`)) return null;
  // Beyond the rule's declared daily cap it is cap_breach's flag (the same rows, said more plainly).
  const points = r.evidence.filter((e) => (e.rule_id ?? '') === rule).reduce((a, e) => a + e.points, 0);
  if (q.cap !== null && points > q.cap) return null;
  const b = beyondMaximum(r, q, selfCount(ctx, r), s.beyond_share, s.burst_alpha / Math.max(1, r.rules));
  if (!b) return null;
  // The awards beyond the ordinary maximum (n − most of them), at the rule's mean award that day.
  const award = points / b.n;
  const excess = (award * (b.n - b.most)) / (campaignOn(ctx.settings.campaigns, r.day, rule)?.multiplier ?? 1);
  return scoreOf(excess) > s.z ? b : null;
}

/**
 * More awards of one rule than the ledger pays it in a day, where it had every chance to pay more. The rule's
 * ordinary daily maximum is the lowest level m whose next level is a collapse: if the rule were a Poisson count at
 * its daily rate (awards per account-day from each account's first active day of the span, on the days the ledger
 * paid anyone: not per active day of the account, which
 * a sparse rule's own awards select, so that a rule paid on a day in twenty-five looked paid on a day in four and
 * every chance pair of it was "beyond"), each of the `below` other account-days with at least m awards would go on to
 * m + 1 with probability P(N ≥ m + 1) / P(N ≥ m), so about below × that would; `beyond` of them do. Fewer than
 * `share` of that many, or than the rule's own pace into level m when that is higher (shareAt), (Poisson lower tail
 * below alpha / rules, Bonferroni, and over the levels scanned) means the rule is paid at most m a day in this
 * ledger, declared or not, and the few days beyond are exceptions to it — other abuse of the same rule among them (an account paid it eight times a day for three days
 * does not make three an ordinary count). Award counts are over-dispersed (people differ), so a Poisson count at the
 * rule's mean rate is their floor: the ordinary levels of the scenario ledgers reach half of it or more, an
 * undeclared cap's exceptions a tenth or less. A rule paid once a day on thousands of account-days is paid twice
 * here: kept. A rare rule paid twice by chance is not: its few single days make a second award unremarkable, and a
 * rule that often reaches n is no exception.
 */
function beyondMaximum(r: SpikeRow, q: Repeat, self: number, share: number, threshold: number): Burst | null {
  const { n, daily: rate } = q;
  if (!(rate > 0)) return null;
  const atLeast = othersAtLeast(q, self);
  for (let m = 1; m < n; m++) {
    const below = atLeast(m);
    if (below <= 0) break;
    const beyond = atLeast(m + 1);
    const expected = shareAt(atLeast, m, rate, share) * expectedNext(below, m, rate);
    if (poissonAtMost(beyond, expected) < threshold / (n - 1)) return burstOf(r, q, 'beyond', m, below, beyond);
  }
  return null;
}

/**
 * A burst is kept when its count and its clustering together are beyond chance: the chance of n awards of the rule on
 * a day it is paid, times the chance that n awards spread over the working day fall within their observed span,
 * below alpha / tests (Bonferroni over the period's account-rule-days, and over the two count models). The count's
 * chance is the smaller of two models read off this ledger: a Poisson count at the rule's mean per account-day paid
 * (a rule paid several times a day), and a count at its rate per active account-day with the dispersion of its other
 * account-days (countGivenPaid: a rule paid once on a day in twenty-five is not paid five times by chance, however few
 * days a small ledger holds to show its daily maximum). Many awards of one rule, or fewer within minutes (a farmer
 * logging seven in five minutes), both count.
 */
function significantBurst(r: SpikeRow, q: Repeat, self: number, dayMinutes: number, threshold: number): Burst | null {
  const b = burstOf(r, q, 'burst', q.n - 1, 0, 0);
  const count = Math.min(poissonTail(b.n, q.usual), countGivenPaid(q, self));
  const p = count * rangeCdf(b.n, b.spanMinutes / dayMinutes);
  return p < threshold / 2 ? b : null;
}

/**
 * A burst whose count alone is beyond chance under both count models of significantBurst, below `threshold` each (a
 * Poisson count at the rule's mean per account-day paid, and its count on an active day with the dispersion of its
 * other account-days), however spread over the day: the count is the evidence, not the day's points. The SQL keeps
 * such a day a candidate whatever its points (audit_account_spike.sql's alone, on the Poisson point probability).
 */
function standsAlone(q: Repeat, self: number, threshold: number): boolean {
  return q.n > q.usual && poissonTail(q.n, q.usual) < threshold && countGivenPaid(q, self) < threshold;
}

/**
 * P(N ≥ n | N ≥ 1) for the rule's count on an account-day, from its other account-days: their mean and variance per
 * active account-day (the levels hold the days it was paid, the rate gives how many active days there were; the day
 * itself left out), a negative binomial when people differ more than a Poisson count allows.
 */
function countGivenPaid(q: Repeat, self: number): number {
  if (!(q.rate > 0)) return 1;
  const s1 = q.levels.reduce((a, l) => a + l.n * l.c, 0);
  const s2 = q.levels.reduce((a, l) => a + l.n * l.n * l.c, 0);
  const days = s1 / q.rate - self;
  if (!(days > 0)) return 1;
  const mean = (s1 - self * q.n) / days;
  const variance = (s2 - self * q.n * q.n) / days - mean * mean;
  return dispersedTailGivenPaid(q.n, mean, variance);
}

/** The burst rule's awards that day: all n and their span, and the shortest span holding the n − usual beyond the usual. */
function burstOf(r: SpikeRow, q: Repeat, kind: Burst['kind'], most: number, below: number, beyond: number): Burst {
  const times = r.evidence
    .filter((e) => (e.rule_id ?? '') === q.rule_id)
    .map((e) => e.at)
    .sort((a, b) => a - b);
  const usual = Math.round(q.usual);
  const dense = Math.max(2, times.length - usual);
  let span = Infinity;
  for (let i = 0; i + dense - 1 < times.length; i++) span = Math.min(span, times[i + dense - 1] - times[i]);
  const spanMinutes = times.length > 1 ? (times.at(-1)! - times[0]) / 60 : 0;
  return {
    kind,
    most,
    below,
    beyond,
    rule: q.rule_id,
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

/**
 * The day whose points, score and reason a flag of several days reports: the one with most points among the days that
 * passed z when any did, else among all. A day kept on its burst alone is judged on its count, its points ordinary:
 * beside a day beyond z it would report "medium" and a score below z for a group whose other day is the stronger case.
 */
export function flagTop<T extends { issued: number; alone: boolean }>(days: T[]): T {
  const judged = days.some((d) => !d.alone) ? days.filter((d) => !d.alone) : days;
  return judged.reduce((a, b) => (b.issued > a.issued ? b : a));
}

function spikeFlag(ctx: AuditContext, account: string, days: SpikeDay[]): Flag {
  const s = ctx.settings.account_spike;
  const top = flagTop(days);
  const score = Number.isFinite(top.score) ? top.score : null;
  const burst = (top.alone ? top.burst : null) ?? days.find((d) => d.burst)?.burst ?? null;
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
    // A burst kept on its count alone: the rule's abuse is proven, the points at stake are an ordinary day's.
    severity: top.alone ? 'medium' : score === null ? 'high' : severityOf(score, s.z),
    subject: 'account',
    account_id: account,
    from: days[0].day,
    to: addDays(days.at(-1)!.day, 1),
    value: top.issued,
    baseline: top.peerMedian,
    score,
    threshold: s.z,
    threshold_name: top.alone
      ? 'a count of one rule beyond chance on its own (the day’s modified z is not the test)'
      : 'modified z against own history and peers',
    reason_key: top.alone
      ? 'account_spike_burst_alone'
      : burst
        ? burst.kind === 'beyond'
          ? 'account_spike_beyond'
          : 'account_spike_burst'
        : top.large?.rule
          ? 'account_spike_big'
          : 'account_spike',
    reason_vars: burst
      ? burst.kind === 'beyond'
        ? { ...common, n: burst.n, rule: burst.rule, most: burst.most, below: burst.below, beyond: burst.beyond }
        : { ...common, n: burst.n, rule: burst.rule, usual: burst.usual, dense: burst.dense, minutes: burst.minutes }
      : {
          ...common,
          award: top.award,
          top_awards: s.top_awards,
          ratio: top.issued / top.award,
          // Every day of a run without a burst is a large-award day: the top day names its repeated rule.
          ...(top.large?.rule ? { rule: top.large.rule, n: top.large.n, usual: top.large.usual } : {}),
        },
    event_ids: days.flatMap((d) => d.eventIds),
  });
}
