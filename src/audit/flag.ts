import type { AuditContext } from './context.ts';
import { flagIdentity } from './flag-id.ts';
import { Flag, type Severity } from './schema.ts';
import { explain, fmt } from '../i18n/audit-reasons-en.ts';

export type FlagInput = Omit<Flag, 'flag_id' | 'event_ids' | 'event_count' | 'accounts' | 'rule_id' | 'explanation'> & {
  accounts?: string[];
  rule_id?: string | null;
  event_ids: string[];
};

/**
 * One flag, validated, its evidence list capped at max_evidence (event_count keeps the total). The explanation is
 * rendered from reason_key and reason_vars by `explain`, so the English text and the machine form never disagree.
 */
export function makeFlag(ctx: AuditContext, f: FlagInput): Flag {
  const { event_ids, ...rest } = f;
  return Flag.parse({
    flag_id: flagIdentity(f, ctx),
    ...rest,
    accounts: f.accounts ?? (f.account_id ? [f.account_id] : []),
    rule_id: f.rule_id ?? null,
    explanation: explain(f.reason_key, f.reason_vars),
    event_ids: event_ids.slice(0, ctx.settings.max_evidence),
    event_count: event_ids.length,
  });
}

/** Severity from how far past its threshold a score is: ≥ 2× high, ≥ 1.25× medium, else low. */
export function severityOf(score: number, threshold: number): Severity {
  const r = score / threshold;
  return r >= 2 ? 'high' : r >= 1.25 ? 'medium' : 'low';
}

export const pct = (share: number) => `${fmt(share * 100)} %`;
