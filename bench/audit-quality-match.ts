import type { Flag } from '../src/audit/schema.ts';
import type { AbuseKind, ScenarioCase } from '../src/sample/scenarios/labels.ts';

/**
 * Label matching, written down (README, "Audit quality on a scenario matrix", repeats it):
 * a flag matches a label when
 *  1. the flag's check is one that answers for the label's kind (ANSWERS below: a misconfigured rule may be named by
 *     a rule-spike check or by the program spike that names the rule as its cause; a one-rule batch run by a program
 *     spike or by a rule spike naming its rule);
 *  2. the windows overlap: flag.from < label.to and label.from < flag.to (both `to` exclusive);
 *  3. the subject agrees: for a kind about accounts (account, approver, ring members) the flag names at least one of
 *     the label's accounts in `account_id` or `accounts`, or lists one of the case's rows as evidence; for
 *     rule_spike the flag names the label's rule in `rule_id` or in its explanation's `rule`; for program_spike any
 *     flag of the day. A concentration flag accuses a pair: it must name both the approver and the favourite, and
 *     it touches a case of another kind only by listing one of that case's rows (PAIR_CHECKS below).
 * Recall of a kind = labels matched by at least one flag / labels. Precision of a kind = flags of its checks that
 * touch an injected case / flags of its checks, where a flag touches a case when the windows overlap and it names
 * one of the case's accounts (or, for a program or rule case, falls on its day): a near-duplicate flag on a farming
 * burst leads the auditor to real abuse, so it is not a false alarm, though it does not count as finding the burst.
 */
export const ANSWERS: Record<AbuseKind, readonly string[]> = {
  account_spike: ['account_spike'],
  rule_spike: ['rule_spike', 'program_spike'],
  // A batch run pays one rule: a rule spike that names that rule on the day finds it as well.
  program_spike: ['program_spike', 'rule_spike'],
  off_hours_approval: ['off_hours_approval', 'night_approval'],
  self_approval: ['self_approval'],
  near_duplicate: ['near_duplicate'],
  cap_breach: ['cap_breach'],
  ring: ['ring'],
  concentration: ['concentration'],
  round_adjustment: ['round_adjustment'],
  burst_redeem: ['burst_redeem'],
};

export const KINDS = Object.keys(ANSWERS) as AbuseKind[];

export function matches(flag: Flag, label: ScenarioCase): boolean {
  if (!ANSWERS[label.kind].includes(flag.check)) return false;
  // Finding a misconfigured rule means naming it; evidence rows alone (an account's share of them) are not enough.
  if (label.kind === 'rule_spike' || (label.kind === 'program_spike' && flag.check === 'rule_spike')) {
    return flag.from < label.to && label.from < flag.to && touchesRule(flag, label);
  }
  return touches(flag, label);
}

const touchesRule = (flag: Flag, label: ScenarioCase) =>
  flag.rule_id === label.rule_id ||
  String(flag.reason_vars.rule ?? '')
    .split(/,\s*/)
    .includes(label.rule_id ?? '');

/** Window overlap and the same subject (the matching rule above), or evidence rows the case injected. */
export function touches(flag: Flag, label: ScenarioCase): boolean {
  if (!(flag.from < label.to && label.from < flag.to)) return false;
  if (PAIR_CHECKS.has(flag.check)) return touchesPair(flag, label);
  if (label.kind === 'program_spike') return true;
  if (label.kind === 'rule_spike' && touchesRule(flag, label)) return true;
  const named = new Set([...flag.accounts, ...(flag.account_id ? [flag.account_id] : [])]);
  return label.accounts.some((a) => named.has(a)) || flag.event_ids.some((id) => label.event_ids.includes(id));
}

/**
 * Checks whose flag accuses a pair (giver → receiver) over the whole period: such a flag is about both accounts, so
 * it finds a concentration case only when it names the case's approver and favourite, and it touches another case
 * only through that case's rows in its evidence. Naming one account, or overlapping a program spike's day (any day
 * of a year-long window), says nothing about whether the favour is real.
 */
const PAIR_CHECKS = new Set(['concentration']);

function touchesPair(flag: Flag, label: ScenarioCase): boolean {
  const named = new Set([...flag.accounts, ...(flag.account_id ? [flag.account_id] : [])]);
  if (label.kind === 'concentration') return label.accounts.every((a) => named.has(a));
  return flag.event_ids.some((id) => label.event_ids.includes(id));
}

export interface KindScore {
  kind: AbuseKind;
  labels: number;
  found: number;
  flags: number;
  true_flags: number;
  recall: number | null;
  precision: number | null;
}

export function score(flags: Flag[], labels: ScenarioCase[]): KindScore[] {
  return KINDS.map((kind) => {
    const ls = labels.filter((l) => l.kind === kind);
    const fs = flags.filter((f) => ANSWERS[kind].includes(f.check));
    const found = ls.filter((l) => fs.some((f) => matches(f, l))).length;
    const trueFlags = fs.filter((f) => labels.some((l) => touches(f, l))).length;
    return {
      kind,
      labels: ls.length,
      found,
      flags: fs.length,
      true_flags: trueFlags,
      recall: ls.length ? found / ls.length : null,
      precision: fs.length ? trueFlags / fs.length : null,
    };
  });
}

/** The targets, judged at medium strength and on clean twins. */
export const TARGETS = { recall: 0.9, precision: 0.8, cleanPer1000: 5 } as const;
