import type { CalendarDay } from './calendar.ts';
import { intent, type Case, type Intent } from './intent.ts';
import type { Injector } from './injector.ts';
import { DEPARTMENTS, JOB_ROLES } from './org.ts';
import { ruleIndex, RULES } from './rules.ts';

/** Injected abuse by single accounts: spikes, self-approval, cap breaches, near-duplicates. */

export function award(
  inj: Injector,
  a: number,
  rule: number,
  t: number,
  label: Case,
  approver = inj.roster.approver[a],
  cents = RULES[rule].points * 100,
): Intent {
  return intent({ kind: 'earn', a, t, rule, cents, approver, category: RULES[rule].category, label });
}

/** Mean points of one normal award in a department: the yardstick for "10× its normal daily points". */
function meanAward(dept: number): number {
  const name = DEPARTMENTS[dept].name;
  let w = 0;
  let p = 0;
  for (const r of RULES) {
    const x = r.weight * (r.affinity ? (r.affinity.depts[name] ?? r.affinity.others) : 1);
    w += x;
    p += x * r.points;
  }
  return p / w;
}

const BIG_AWARDS = ['R15', 'R16'].map(ruleIndex);

/** An account suddenly paid 15–30× a normal award per day for 1–3 days, in big no-cap awards hours apart. */
export function injectSpikes(inj: Injector) {
  const { rng, roster } = inj;
  for (let i = 0; i < 4 * inj.scale; i++) {
    const days = inj.workdays(inj.workdayAt(0.3 + 0.65 * rng.next()), rng.int(1, 3));
    const first = days[0];
    const last = days[days.length - 1];
    const a = inj.takeOne(first, last, (x) => inj.isStaff(x) && roster.earn[x] >= 0.03);
    if (a === null) return;
    const target = Math.round(meanAward(roster.accounts[a].dept) * rng.int(15, 30));
    const c = inj.addCase({
      check: 'account_spike',
      subject: 'account',
      accounts: [inj.id(a)],
      from: inj.date(first),
      to: inj.dateAfter(last),
      note: `about ${target} points a day for ${days.length} day(s) in no-cap reward awards; a normal award here is ~${Math.round(meanAward(roster.accounts[a].dept))}`,
    });
    for (const d of days) {
      inj.at(d, (_day, out) => {
        let sum = 0;
        for (let t = 9 * 3600 + rng.int(0, 3600); sum < target && t < 20 * 3600; t += rng.int(2400, 6000)) {
          const rule = rng.pick(BIG_AWARDS);
          out.push(award(inj, a, rule, t, c));
          sum += RULES[rule].points;
        }
      });
    }
  }
}

/** A manager approving their own awards (approver_id = account_id) on a few days over six weeks. */
export function injectSelfApproval(inj: Injector) {
  const { rng } = inj;
  for (let i = 0; i < 2 * inj.scale; i++) {
    const days = inj.workdays(inj.workdayAt(0.2 + 0.7 * rng.next()), rng.int(3, 5), 6);
    const a = inj.takeOne(days[0], days[days.length - 1], (x) => inj.roster.accounts[x].role === JOB_ROLES.manager);
    if (a === null) return;
    const c = inj.addCase({
      check: 'self_approval',
      subject: 'account',
      accounts: [inj.id(a)],
      from: inj.date(days[0]),
      to: inj.dateAfter(days[days.length - 1]),
      note: 'manager approved own awards',
    });
    for (const d of days) {
      inj.at(d, (_day: CalendarDay, out) => {
        const rule = inj.freeRule(out, a);
        if (rule >= 0) out.push(award(inj, a, rule, rng.int(9 * 3600, 18 * 3600), c, a));
      });
    }
  }
}

/** Several awards of one capped rule on one day, hours apart, adding up to more than the rule's daily cap. */
export function injectCapBreaches(inj: Injector) {
  const { rng } = inj;
  const capped = ['R08', 'R05', 'R03', 'R04'];
  for (let i = 0; i < 3 * inj.scale; i++) {
    const d = inj.workdayAt(0.15 + 0.8 * rng.next());
    const a = inj.takeOne(d, d, (x) => inj.isStaff(x));
    if (a === null) return;
    const c = inj.addCase({
      check: 'cap_breach',
      subject: 'account',
      accounts: [inj.id(a)],
      from: inj.date(d),
      to: inj.dateAfter(d),
      note: '',
    });
    inj.at(d, (_day, out) => {
      const rule = inj.freeRule(out, a, capped);
      if (rule < 0) return;
      const r = RULES[rule];
      const n = Math.floor((r.cap ?? 0) / r.points) + rng.int(1, 2);
      for (let k = 0, t = 9 * 3600 + rng.int(0, 1800); k < n; k++, t += rng.int(3600, 7200))
        out.push(award(inj, a, rule, t, c));
      c.note = `${n} × ${r.id} (${r.points} points) = ${n * r.points} against a daily cap of ${r.cap}`;
    });
  }
}

/** The same award keyed twice a few minutes apart under a new event_id (both rows are labelled; the second is the copy). */
export function injectNearDuplicates(inj: Injector) {
  const { rng } = inj;
  for (let i = 0; i < 6 * inj.scale; i++) {
    const d = inj.workdayAt(0.1 + 0.85 * rng.next());
    const a = inj.takeOne(d, d, (x) => inj.isStaff(x));
    if (a === null) return;
    const c = inj.addCase({
      check: 'near_duplicate',
      subject: 'account',
      accounts: [inj.id(a)],
      from: inj.date(d),
      to: inj.dateAfter(d),
      note: '',
    });
    inj.at(d, (_day, out) => {
      const rule = inj.freeRule(out, a);
      if (rule < 0) return;
      const t = rng.int(9 * 3600, 17 * 3600);
      const gap = rng.int(60, 480);
      out.push(award(inj, a, rule, t, c), award(inj, a, rule, t + gap, c));
      c.note = `${RULES[rule].id} entered twice ${gap} s apart; the first row is the original`;
    });
  }
}
