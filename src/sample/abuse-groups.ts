import { award } from './abuse-accounts.ts';
import { intent } from './intent.ts';
import type { Injector } from './injector.ts';
import { DEPARTMENTS, JOB_ROLES } from './org.ts';
import { ruleIndex, RULES, SPIKE_RULE } from './rules.ts';

/** Injected abuse that involves several accounts or an approver: ring, program spike, night approvals, round adjustments. */

/**
 * One ring of four colleagues passing the same amount round a cycle (A→B→C→D→A), in the evening, once a week for
 * eight weeks, the direction alternating so every pair is also reciprocal within about a week. Members are chosen on
 * the first day among the best-funded staff of one department, so the first giver can pay.
 */
export function injectRing(inj: Injector) {
  const { rng, roster, balances } = inj;
  const start = inj.workdayAt(0.45 + 0.25 * rng.next());
  const weeks = Math.max(2, Math.min(8, Math.floor((inj.cal.days.length - start) / 7) - 1));
  const days = [
    ...new Set(Array.from({ length: weeks }, (_, w) => inj.workdays(start + 7 * w + rng.int(0, 2), 1)).flat()),
  ];
  const end = days[days.length - 1];
  const c = inj.addCase({
    check: 'ring',
    subject: 'ring',
    accounts: [],
    from: inj.date(days[0]),
    to: inj.dateAfter(end),
    note: '',
  });
  let members: number[] = [];
  let amount = 0;
  days.forEach((d, k) => {
    inj.at(d, (_day, out) => {
      if (k === 0) {
        const byDept = DEPARTMENTS.map((_, dept) =>
          inj.candidates(start, end, (x) => roster.accounts[x].dept === dept && inj.isStaff(x)),
        );
        const roomy = byDept.filter((list) => list.length >= 8);
        const pool = roomy.length ? rng.pick(roomy) : byDept.reduce((x, y) => (y.length > x.length ? y : x));
        if (pool.length < 3) return;
        members = pool.sort((x, y) => balances.balance[y] - balances.balance[x] || x - y).slice(0, 4);
        members.forEach((m) => inj.reserve(m));
        amount = Math.max(
          200,
          Math.min(800, Math.floor((balances.balance[members[members.length - 1]] * 0.8) / 10_000) * 100),
        );
        c.accounts = members.map((m) => inj.id(m));
        c.note = `${members.length} accounts pass ${amount} points round a cycle, alternating direction`;
      }
      if (members.length === 0) return;
      const order = k % 2 === 0 ? members : [...members].reverse();
      let t = rng.int(20 * 3600, 21 * 3600);
      for (let i = 0; i < order.length; i++, t += rng.int(120, 600)) {
        const cp = order[(i + 1) % order.length];
        out.push(
          intent({
            kind: 'transfer',
            a: order[i],
            cp,
            t,
            cents: amount * 100,
            reason: '项目配合',
            category: '转赠',
            label: c,
          }),
        );
      }
    });
  });
}

/**
 * A misconfigured rule: one morning the no-cap activity rule pays ten times its points to about 12 % of the active
 * earners in one batch. Every account that got it is listed; they also look like account spikes that day.
 */
export function injectProgramSpike(inj: Injector) {
  const { rng, roster, experiment } = inj;
  let d = inj.workdayAt(0.6 + 0.3 * rng.next());
  if (experiment.inWindow(d)) d = inj.workdayAt(0.35 + 0.2 * rng.next());
  const rule = ruleIndex(SPIKE_RULE);
  const admin = roster.accounts.find(
    (a) => a.role === JOB_ROLES.director && DEPARTMENTS[a.dept].name === '行政部',
  )!.idx;
  const c = inj.addCase({
    check: 'program_spike',
    subject: 'program',
    accounts: [],
    from: inj.date(d),
    to: inj.dateAfter(d),
    note: `${RULES[rule].id} configured at ${RULES[rule].points * 10} instead of ${RULES[rule].points} points for one batch run`,
  });
  inj.at(d, (day, out) => {
    let t = 10 * 3600;
    for (let a = 0; a < roster.accounts.length; a++) {
      if (roster.earn[a] === 0 || inj.isUsed(a) || day.index < roster.joinDay[a] || day.index >= roster.leaveDay[a])
        continue;
      if (!rng.chance(0.12)) continue;
      out.push(award(inj, a, rule, Math.min(t, 12 * 3600), c, admin, RULES[rule].points * 1000));
      c.accounts.push(inj.id(a));
      t += 1;
    }
  });
}

/** One manager approving team awards between 01:00 and 04:00, every other working day for a month. */
export function injectOffHours(inj: Injector) {
  const { rng, roster } = inj;
  const days = inj.workdays(inj.workdayAt(0.2 + 0.65 * rng.next()), 10, 2);
  const first = days[0];
  const last = days[days.length - 1];
  const teams = new Map<number, number[]>();
  for (const x of inj.candidates(first, last, (x) => inj.isStaff(x)))
    teams.set(roster.approver[x], [...(teams.get(roster.approver[x]) ?? []), x]);
  const managers = inj.candidates(first, last, (x) => roster.accounts[x].role === JOB_ROLES.manager);
  const m = inj.take(managers.filter((x) => (teams.get(x)?.length ?? 0) >= 2));
  if (m === null) return;
  const team = teams.get(m)!;
  const c = inj.addCase({
    check: 'off_hours_approval',
    subject: 'approver',
    accounts: [inj.id(m)],
    from: inj.date(first),
    to: inj.dateAfter(last),
    note: 'approver signs team awards between 01:00 and 04:00',
  });
  for (const d of days) {
    inj.at(d, (_day, out) => {
      for (let k = rng.int(1, 2); k > 0; k--) {
        const a = rng.pick(team);
        const rule = inj.freeRule(out, a);
        if (rule >= 0) out.push(award(inj, a, rule, rng.int(3600, 4 * 3600 - 1), c, m));
      }
    });
  }
}

/** One points administrator keying round manual credits (500/1000/2000) to the same few accounts. */
export function injectRoundAdjustments(inj: Injector) {
  const { rng } = inj;
  const h = inj.take(inj.roster.adjusters);
  if (h === null) return;
  const days = inj.workdays(inj.workdayAt(0.25 + 0.6 * rng.next()), 7, 4);
  const friends = [0, 1, 2]
    .map(() => inj.takeOne(days[0], days[days.length - 1], (x) => inj.isStaff(x)))
    .filter((x) => x !== null);
  if (friends.length === 0) return;
  const c = inj.addCase({
    check: 'round_adjustment',
    subject: 'approver',
    accounts: [inj.id(h)],
    from: inj.date(days[0]),
    to: inj.dateAfter(days[days.length - 1]),
    note: `round manual credits to ${friends.map((f) => inj.id(f)).join(', ')}`,
  });
  for (const d of days) {
    inj.at(d, (_day, out) => {
      const cents = rng.pick([500, 1000, 1000, 2000]) * 100;
      out.push(
        intent({
          kind: 'adjust',
          a: rng.pick(friends),
          t: rng.int(9 * 3600, 18 * 3600),
          cents,
          approver: h,
          reason: '手工补录',
          category: '调整',
          label: c,
        }),
      );
    });
  }
}
