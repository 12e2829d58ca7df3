import { z } from 'zod';
import { run } from '../../db/run.ts';
import type { Check } from '../context.ts';
import { addDays } from '../../dates.ts';
import { makeFlag, pct } from '../flag.ts';
import { PeriodParams } from '../../db/query-types.ts';
import { binomialTail, poissonTail } from '../binomial.ts';
import { fmt } from '../../i18n/audit-reasons-en.ts';

const Params = PeriodParams.extend({ window_minutes: z.number(), kept: z.boolean() });

/**
 * The others' routine rate as its one-sided lower confidence bound at the test's own level (Clopper–Pearson: the
 * rate at which k or more repeats in n chances has that probability). A rule's few planted duplicates in other
 * accounts are a rate too (one in 30 same-day chances of a prize): the point estimate let two of them hide each
 * other, while a rule repeated by routine has so many repeats that the bound is close to its share. Memoised.
 */
function rateFloor(level: number): (k: number, n: number) => number {
  const known = new Map<string, number>();
  return (k, n) => {
    if (k <= 0 || n <= 0) return 0;
    const key = `${k}/${n}`;
    let lo = known.get(key) ?? -1;
    if (lo < 0) {
      // binomialTail(k, n, ·) rises with the rate; at k / n it is about a half, far above the level.
      let hi = k / n;
      lo = 0;
      for (let i = 0; i < 40; i++) {
        const mid = (lo + hi) / 2;
        if (binomialTail(k, n, mid) < level) lo = mid;
        else hi = mid;
      }
      known.set(key, lo);
    }
    return lo;
  };
}

type Pace = { b: number; repeats: number; chances: number };

/**
 * The repeats an account's chances would take at the other accounts' routine rate, pace by pace: a pace's rate is
 * its floor (above), raised to the highest floor of any slower pace, since a busier day's rows lie no further apart.
 * A pace no other account reaches is judged at the slower ones, not as a rate of 0.
 */
function expectedRepeats(own: Pace[], rule: Pace[], floor: (k: number, n: number) => number, left: Pace[] = []) {
  const mine = new Map(own.map((p) => [p.b, p]));
  const out = new Map(left.map((p) => [p.b, p]));
  const rate = new Map<number, number>();
  let highest = 0;
  let [k, n] = [0, 0];
  for (const p of rule) {
    const [o, x] = [mine.get(p.b), out.get(p.b)];
    const others = p.repeats - (o?.repeats ?? 0) - (x?.repeats ?? 0);
    const chances = p.chances - (o?.chances ?? 0) - (x?.chances ?? 0);
    highest = Math.max(highest, floor(others, chances));
    rate.set(p.b, highest);
    k += others;
    n += chances;
  }
  const expected = own.reduce((sum, p) => sum + p.chances * (rate.get(p.b) ?? 0), 0);
  return { expected, share: k > 0 ? k / n : 0 };
}

const total = (paces: Pace[], field: 'repeats' | 'chances') => paces.reduce((sum, p) => sum + p[field], 0);

/**
 * The same account, type, points, rule and reason again within `window_minutes`: one flag per repeated row, unless
 * the ledger repeats the rule within minutes by routine. A rule's *chances* are rows whose key the account already
 * had that day; the other accounts' share of chances taken within the window, per pace (the day's rows of the key)
 * and at its lower confidence bound, is the rule's routine rate: 0 for a rule never repeated within minutes, whose
 * every repeat stays a flag. An account's repeats of a routine rule are flagged when that many is beyond chance
 * (Poisson at the repeats its chances would take at those rates, p below alpha / account-rules with a repeat,
 * Bonferroni). The others' rate, not the whole rule's: an account whose every entry is doubled cannot raise the rate
 * it is judged by.
 */
export const nearDuplicate: Check = {
  name: 'near_duplicate',
  async run(ctx) {
    const { window_minutes: windowMinutes, alpha } = ctx.settings.near_duplicate;
    const rows = await run(ctx.db, 'audit_near_duplicate', Params, {
      from: ctx.from,
      to: ctx.to,
      window_minutes: windowMinutes,
      kept: ctx.kept,
    });
    const tests = new Set(rows.map((r) => JSON.stringify([r.account_id, r.rule_id, r.event_type]))).size;
    const level = alpha / tests;
    const floor = rateFloor(level);
    const judge = (left: (r: (typeof rows)[number]) => Pace[]) =>
      rows.map((r) => {
        const { expected, share } = expectedRepeats(r.paces, r.rule_paces, floor, left(r));
        const repeats = total(r.paces, 'repeats');
        return { r, share, expected, repeats, chances: total(r.paces, 'chances'), p: poissonTail(repeats, expected) };
      });
    // A second pass leaves the accounts the first flagged out of the others' rate: a few planted cases on one rule
    // (an approver's favourite paid twice a day, a duplicate elsewhere) no longer hide a duplicate of that rule.
    const first = judge(() => []);
    const rule = (r: (typeof rows)[number]) => JSON.stringify([r.rule_id, r.event_type]);
    const flagged = new Map<string, Map<string, Pace[]>>();
    for (const j of first)
      if (j.p < level) {
        const byAccount = flagged.get(rule(j.r)) ?? new Map<string, Pace[]>();
        byAccount.set(j.r.account_id, j.r.paces);
        flagged.set(rule(j.r), byAccount);
      }
    const judged = judge((r) => {
      const left = new Map<number, Pace>();
      for (const [account, paces] of flagged.get(rule(r)) ?? [])
        if (account !== r.account_id)
          for (const p of paces) {
            const sum = left.get(p.b) ?? { b: p.b, repeats: 0, chances: 0 };
            left.set(p.b, { b: p.b, repeats: sum.repeats + p.repeats, chances: sum.chances + p.chances });
          }
      return [...left.values()];
    });
    return {
      flags: judged
        .filter((j) => j.p < level)
        .map(({ r, share, expected, repeats, chances, p }) => {
          const day = r.first_at.slice(0, 10);
          const routine = share > 0;
          return makeFlag(ctx, {
            check: 'near_duplicate',
            severity: r.seconds <= 60 ? 'high' : 'medium',
            subject: 'account',
            account_id: r.account_id,
            rule_id: r.rule_id,
            from: day,
            to: addDays(day, 1),
            value: r.seconds,
            baseline: null,
            score: routine ? p : null,
            threshold: windowMinutes * 60,
            threshold_name: 'seconds between the entries',
            reason_key: routine ? 'near_duplicate_routine' : 'near_duplicate',
            reason_vars: {
              account: r.account_id,
              rule: r.rule_id ?? '(no rule)',
              points: r.points,
              seconds: r.seconds,
              first: r.first_id,
              second: r.second_id,
              ...(routine
                ? {
                    repeats,
                    chances,
                    window: windowMinutes,
                    rate: pct(share),
                    expected: fmt(expected),
                    p: Number(p.toPrecision(2)),
                  }
                : {}),
            },
            event_ids: [r.first_id, r.second_id],
          });
        }),
    };
  },
};
