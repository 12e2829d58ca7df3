import type { ScenarioInjector } from './injector.ts';
import { row } from './row.ts';

/** Abuse that involves a rule, the whole program, an approver or several accounts. */

/**
 * A misconfigured rule: for one day every award of a frequent no-cap rule pays 3×, 8× or 20× its points. The
 * rule's day total rises by that factor while the program's rises far less.
 */
export function planRuleSpikes(inj: ScenarioInjector) {
  const candidates = inj.uncapped();
  for (let i = 0; i < 3; i++) {
    const d = inj.spikeDay();
    const rule = candidates[i % Math.min(2, candidates.length)];
    const multiple = inj.pick([3, 8, 20]);
    const c = inj.addCase(
      'rule_spike',
      d,
      d,
      [],
      `${rule.id} paid ${multiple}× its ${rule.points} points for a day`,
      rule.id,
    );
    inj.at(d, (_day, out) => {
      for (const r of out) {
        if (r.rule !== rule.id || r.type !== 'earn' || r.label) continue;
        r.points *= multiple;
        r.label = c;
      }
    });
  }
}

/** A batch run that adds 0.8×, 2× or 5× a usual day's total points in one rule, signed by one director. */
export function planProgramSpikes(inj: ScenarioInjector) {
  const admin = inj.roster.directors.get('行政部') as number;
  const rule = inj.uncapped('base').at(-1) ?? inj.uncapped()[0];
  for (let i = 0; i < 2; i++) {
    const d = inj.spikeDay();
    const extra = inj.pick([0.8, 2, 5]);
    const c = inj.addCase(
      'program_spike',
      d,
      d,
      [],
      `batch run of ${rule.id}: ${extra}× a usual day's total on top`,
      rule.id,
    );
    inj.at(d, (_day, out) => {
      const usual = out.reduce((s, r) => s + (r.type === 'earn' ? r.points : 0), 0);
      const staff = inj.roster.accounts.flatMap((acc, a) => (acc.role === '员工' && !inj.isUsed(a) ? [a] : []));
      const each = Math.max(rule.points, Math.ceil((extra * usual) / staff.length / rule.points) * rule.points);
      const n = Math.ceil((extra * usual) / each);
      for (let k = 0; k < n; k++) out.push(inj.award(staff[k % staff.length], rule, 10 * 3600 + k, c, admin, each));
    });
  }
}

/**
 * An approver who signs awards at night (23:00–04:00), 1, 3 or 8 a month from February to December, in a program
 * where night rows are otherwise a few late batch jobs spread over everyone.
 */
export function planNightApprovals(inj: ScenarioInjector) {
  const perMonth = inj.pick([1, 3, 8]);
  const cases = Math.max(2, inj.count / 2);
  for (let i = 0; i < cases; i++) {
    const m = inj.take((a) => inj.roster.accounts[a].role === '经理');
    const team = inj.roster.accounts.flatMap((acc, a) =>
      acc.team === inj.roster.accounts[m].team && acc.role === '员工' ? [a] : [],
    );
    const rule = inj.uncapped('base')[0];
    const audited = inj.days.filter((d) => d.date >= '2025-02-01');
    const first = audited[0].index;
    const last = audited[audited.length - 1].index;
    const c = inj.addCase(
      'off_hours_approval',
      first,
      last,
      [m],
      `${perMonth} awards a month signed between 23:00 and 04:00`,
    );
    for (let month = 2; month <= 12; month++) {
      const inMonth = audited.filter((d) => Number(d.date.slice(5, 7)) === month);
      for (let k = 0; k < perMonth; k++) {
        const d = inMonth[Math.floor(((k + 0.5) / perMonth) * inMonth.length)];
        inj.at(d.index, (_day, out) => {
          const t = (23 * 3600 + inj.rowRng.int(0, 5 * 3600 - 1)) % 86400;
          // Never a member on leave: a dormant case's account earning a night award each month is not dormant.
          const awake = team.filter((a) => !inj.normal.isQuiet(a, d.index));
          const a = inj.rowRng.pick(awake.length ? awake : team);
          if (!inj.normal.isQuiet(a, d.index)) out.push(inj.award(a, rule, t, c, m));
        });
      }
    }
  }
}

/** Three to five colleagues passing one amount round a cycle once a week: 2, 4 or 8 rounds. */
export function planRings(inj: ScenarioInjector) {
  const rounds = inj.pick([2, 4, 8]);
  const cases = Math.max(2, inj.count / 2);
  for (let i = 0; i < cases; i++) {
    const start = inj.plainDay(0.1, 0.7);
    const first = inj.take();
    const dept = inj.roster.accounts[first].dept;
    const size = 3 + Math.floor(inj.rng.next() * 3);
    const members = [first];
    for (let k = 1; k < size; k++)
      members.push(inj.take((a) => inj.roster.accounts[a].role === '员工' && inj.roster.accounts[a].dept === dept));
    const amount = inj.rowRng.pick([20, 50, 100]) * inj.shape.scale;
    const c = inj.addCase(
      'ring',
      start,
      start + 7 * (rounds - 1),
      members,
      `${size} accounts pass ${amount} round a cycle ${rounds} times`,
    );
    for (let r = 0; r < rounds; r++) {
      inj.at(start + 7 * r, (_day, out) => {
        let t = inj.rowRng.int(19 * 3600, 21 * 3600);
        for (let k = 0; k < size; k++, t += inj.rowRng.int(60, 600)) {
          out.push(
            row({
              t,
              a: members[k],
              type: 'transfer',
              points: -amount,
              cp: members[(k + 1) % size],
              reason: '项目配合',
              label: c,
            }),
          );
        }
      });
    }
  }
}

/**
 * A manager favouring one team member: over the audited year that member gets 1×, 3× or 8× their own normal awards
 * again on top, all signed by that manager.
 */
export function planConcentration(inj: ScenarioInjector) {
  const extra = inj.pick([1, 3, 8]);
  const cases = Math.max(2, inj.count / 2);
  for (let i = 0; i < cases; i++) {
    const fav = inj.take();
    const m = inj.roster.approvers[inj.roster.accounts[fav].team][0];
    const start = inj.plainDay(0.05, 0.1);
    const rules = inj.uncapped('base');
    const c = inj.addCase(
      'concentration',
      start,
      inj.days.length - 1,
      [m, fav],
      `favourite gets ${extra}× their normal awards again, signed by ${inj.roster.accounts[m].id}`,
    );
    const rate = inj.roster.accounts[fav].rate * extra;
    for (let d = start; d < inj.days.length; d++) {
      if (inj.days[d].factor < 0.5) continue;
      inj.at(d, (_day, out) => {
        // Hours apart and a different rule each: the favour is in the share, not in duplicates.
        const n = Math.min(6, Math.floor(rate + inj.rowRng.next()));
        for (let k = 0; k < n; k++)
          out.push(inj.award(fav, rules[k % rules.length], (9 + 1.5 * k) * 3600 + inj.rowRng.int(0, 1800), c, m));
      });
    }
  }
}

/** Points administrators keying round manual credits (100, 200, 500 × scale): 4, 8 or 16 over three months. */
export function planRoundAdjustments(inj: ScenarioInjector) {
  const n = inj.pick([4, 8, 16]);
  // One offender per four cases of the other kinds: several in one small program would make each other the norm.
  for (let i = 0; i < inj.count / 4; i++) {
    const h = inj.take((a) => inj.roster.accounts[a].role === '积分管理员');
    const friends = [inj.take(), inj.take()];
    const start = inj.plainDay(0.1, 0.6);
    const days = Array.from({ length: n }, (_, k) => start + Math.floor((90 * k) / n));
    const c = inj.addCase(
      'round_adjustment',
      start,
      days[days.length - 1],
      [h],
      `${n} round manual credits to ${friends.length} accounts`,
    );
    for (const d of days) {
      inj.at(d, (_day, out) => {
        const points = inj.rowRng.pick([100, 200, 500]) * inj.shape.scale;
        out.push(
          row({
            t: inj.workTime(),
            a: inj.rowRng.pick(friends),
            type: 'adjust',
            points,
            approver: h,
            reason: '漏记补录',
            label: c,
          }),
        );
      });
    }
  }
}
