import { createHash } from 'node:crypto';
import type { Flag } from './schema.ts';

/** What names a finding: the fields of a flag being made (accounts and rule_id may still be absent). */
type FlagInput = Pick<Flag, 'check' | 'subject' | 'account_id' | 'from' | 'reason_key' | 'reason_vars'> & {
  accounts?: string[];
  rule_id?: string | null;
};

/**
 * Checks whose finding is one day (or starts on one): the day names it, so a quarter's audit and a year's audit give
 * the same id to the same spike. The other checks judge the whole audit period, which then names them.
 */
const DAY_CHECKS = new Set([
  'account_spike',
  'program_spike',
  'rule_spike',
  'cap_breach',
  'near_duplicate',
  'burst_redeem',
]);

/** Reason variants that read the same finding differently as more rows arrive (a burst, a split test, one hour). */
const variantOf = (reasonKey: string) => reasonKey.replace(/_(burst|split|hour)$/, '');

/**
 * What a finding is about, never how strong it is: the check, the people (a group by its sorted members), the rule
 * when the check is per rule, the evidence pair of a near-duplicate, the field of a Benford test. Scores, ranks and
 * evidence windows are left out, so a re-run — even after more rows were imported — names the same finding alike.
 */
function subjectOf(f: FlagInput): string[] {
  const v = f.reason_vars;
  const people =
    f.subject === 'program'
      ? []
      : f.subject === 'group' || f.check === 'concentration'
        ? [...(f.accounts ?? [])].sort()
        : [f.account_id ?? ''];
  const rule = ['rule_spike', 'cap_breach', 'cap_clustering'].includes(f.check) ? [f.rule_id ?? ''] : [];
  const extra =
    f.check === 'near_duplicate'
      ? [String(v.first), String(v.second)]
      : f.check === 'benford'
        ? [String(v.field), String(v.digits)]
        : [];
  return [...people, ...rule, ...extra];
}

/** A flag's stable id: `check-` and 16 hex digits of a SHA-256 over its identity (subject and period). */
export function flagIdentity(f: FlagInput, period: { from: string; to: string }): string {
  const when = DAY_CHECKS.has(f.check) ? f.from : `${period.from}/${period.to}`;
  const parts = [f.check, variantOf(f.reason_key), f.subject, ...subjectOf(f), when];
  return `${f.check}-${createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex').slice(0, 16)}`;
}
