import type { ScenarioInjector } from './injector.ts';
import { row } from './row.ts';
import { perDay } from './rules.ts';

/** Abuse by one account: spikes and farming bursts, self-approval, near-duplicates, cap breaches, burst then cash-out. */

/**
 * A day 3×, 8× or 20× the account's usual active day: half the cases a farming burst (awards of one small rule
 * seconds apart within minutes), half no-cap awards of the largest rule that fits, hours apart.
 */
export function planAccountSpikes(inj: ScenarioInjector) {
  const multiple = inj.pick([3, 8, 20]);
  for (let i = 0; i < inj.count; i++) {
    const d = inj.spikeDay();
    const a = inj.take();
    const burst = i % 2 === 0;
    const target = multiple * inj.usualDay(a);
    const rule = burst ? inj.uncapped('base')[0] : spreadRule(inj, inj.usualDay(a));
    const n = Math.max(2, Math.ceil(target / rule.points));
    const c = inj.addCase(
      'account_spike',
      d,
      d,
      [a],
      `${burst ? 'farming burst' : 'awards hours apart'}: ${n} × ${rule.id} (${n * rule.points} points), ${multiple}× a usual day of ~${Math.round(inj.usualDay(a))}`,
    );
    // Awards hours apart start in the morning and fit the working day however many the strength asks for.
    const step = Math.min(5400, Math.floor((13 * 3600) / n));
    inj.at(d, (_day, out) => {
      let t = burst ? inj.workTime() : inj.rowRng.int(8 * 3600, 9 * 3600);
      const approver = inj.roster.approvers[inj.roster.accounts[a].team][0];
      for (let k = 0; k < n; k++, t += burst ? inj.rowRng.int(20, 80) : inj.rowRng.int(step >> 1, step))
        out.push(inj.award(a, rule, Math.min(t, 86399), c, approver));
    });
  }
}

/**
 * The rule of a spike of awards hours apart, the same at every strength: the largest uncapped rule paying at most two
 * usual days, so that the strength sets the count (two or more at 3×, four or more at 8×, ten or more at 20×) and
 * the day lands within two usual days of its multiple on any points scale and rule mix. It was the ledger's largest
 * rule, twice at the least: that rule alone can be six usual days or more, so weak, medium and strong were one case
 * on most shapes (two top awards), a day no larger than one award of a larger capped rule that the ledger pays by
 * the thousand, and a pair that a rare rule's own rate makes by chance.
 */
function spreadRule(inj: ScenarioInjector, usual: number) {
  const bySize = inj.uncapped().sort((x, y) => y.points - x.points);
  return bySize.find((r) => r.points <= 2 * usual) ?? bySize[bySize.length - 1];
}

/** A manager signing their own awards: 1, 3 or 8 rows over six weeks. */
export function planSelfApproval(inj: ScenarioInjector) {
  const rows = inj.pick([1, 3, 8]);
  for (let i = 0; i < inj.count; i++) {
    const start = inj.plainDay(0.1, 0.8);
    const m = inj.take((a) => inj.roster.accounts[a].role === '经理');
    const rule = inj.uncapped('base')[0];
    const days = Array.from({ length: rows }, (_, k) => start + Math.floor((42 * k) / rows));
    const c = inj.addCase(
      'self_approval',
      start,
      days[days.length - 1],
      [m],
      `${rows} awards approved by the recipient`,
    );
    for (const d of days) inj.at(d, (_day, out) => out.push(inj.award(m, rule, inj.workTime(), c, m)));
  }
}

/** One award keyed twice under a new id: 7–9.5 minutes apart (weak), 2–5 minutes (medium), seconds (strong). */
export function planNearDuplicates(inj: ScenarioInjector) {
  const [lo, hi] = inj.pick([
    [420, 570],
    [120, 300],
    [5, 60],
  ] as const);
  for (let i = 0; i < inj.count; i++) {
    const d = inj.plainDay();
    const a = inj.take();
    const rule = inj.uncapped('base')[i % inj.uncapped('base').length];
    const c = inj.addCase('near_duplicate', d, d, [a], `${rule.id} entered twice ${lo}–${hi} s apart`);
    inj.at(d, (_day, out) => {
      const t = inj.workTime();
      const approver = inj.roster.approvers[inj.roster.accounts[a].team][0];
      out.push(inj.award(a, rule, t, c, approver), inj.award(a, rule, t + inj.rowRng.int(lo, hi), c, approver));
    });
  }
}

/** A capped rule awarded one past its cap (weak), two past (medium) or twice the cap and more (strong), hours apart. */
export function planCapBreaches(inj: ScenarioInjector) {
  const capped = inj.rules.rules.filter((r) => r.cap !== null);
  if (capped.length === 0) return;
  for (let i = 0; i < inj.count; i++) {
    const d = inj.plainDay();
    const a = inj.take();
    const rule = capped[Math.floor(inj.rng.next() * capped.length)];
    const n = inj.pick([perDay(rule) + 1, perDay(rule) + 2, 2 * perDay(rule) + 2]);
    const c = inj.addCase(
      'cap_breach',
      d,
      d,
      [a],
      `${n} × ${rule.id} (${rule.points}) against a daily cap of ${rule.cap}`,
      rule.id,
    );
    inj.at(d, (_day, out) => {
      // The account's normal awards of that rule today are replaced, so the case's rows alone make the breach.
      for (let k = out.length - 1; k >= 0; k--) if (out[k].a === a && out[k].rule === rule.id) out.splice(k, 1);
      const approver = inj.roster.approvers[inj.roster.accounts[a].team][0];
      for (let k = 0, t = inj.rowRng.int(8 * 3600, 9 * 3600); k < n; k++, t += inj.rowRng.int(1200, 3000))
        out.push(inj.award(a, rule, t, c, approver));
    });
  }
}

/**
 * A dormant account (no activity for 100–150 days) that earns 2×, 5× or 12× its usual month within three days in
 * large awards, then redeems nine tenths of it within a week.
 */
export function planBurstRedeem(inj: ScenarioInjector) {
  const multiple = inj.pick([2, 5, 12]);
  for (let i = 0; i < inj.count; i++) {
    const d = inj.plainDay(0.45, 0.85);
    const a = inj.take();
    const idle = 100 + Math.floor(inj.rng.next() * 50);
    inj.normal.addQuiet(a, d - idle, d);
    const rule = inj.uncapped().sort((x, y) => y.points - x.points)[0];
    const burst = multiple * inj.usualDay(a) * 21 * Math.min(1, inj.roster.accounts[a].rate);
    const n = Math.max(2, Math.ceil(burst / rule.points));
    const c = inj.addCase(
      'burst_redeem',
      d,
      d + 9,
      [a],
      `idle ${idle} days, then ${n} × ${rule.id} = ${n * rule.points} points in 3 days, 90 % redeemed`,
    );
    const approver = inj.roster.approvers[inj.roster.accounts[a].team][0];
    for (let k = 0; k < 3; k++) {
      const share = Math.ceil(n / 3);
      inj.at(d + k, (_day, out) => {
        for (let j = 0; j < Math.min(share, n - k * share); j++)
          out.push(inj.award(a, rule, inj.workTime(), c, approver));
      });
    }
    const redeem = Math.floor(0.9 * n * rule.points);
    inj.at(d + 5, (_day, out) => {
      out.push(
        row({
          t: inj.workTime(),
          a,
          type: 'redeem',
          points: -Math.ceil(redeem / 2),
          rule: 'ITEM',
          reason: '兑换商品',
          label: c,
        }),
      );
      out.push(
        row({
          t: inj.workTime(),
          a,
          type: 'redeem',
          points: -Math.floor(redeem / 2),
          rule: 'ITEM',
          reason: '兑换商品',
          label: c,
        }),
      );
    });
  }
}
