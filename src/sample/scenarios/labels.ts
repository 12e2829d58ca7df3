import type { Strength } from './shape.ts';

/**
 * The abuse kinds the matrix injects, named after the audit check expected to find them. rule_spike is a rule
 * paying far more than usual on one day while the program total moves little; program_spike is a batch run that
 * lifts the whole day.
 */
export type AbuseKind =
  | 'account_spike'
  | 'rule_spike'
  | 'program_spike'
  | 'off_hours_approval'
  | 'self_approval'
  | 'near_duplicate'
  | 'cap_breach'
  | 'ring'
  | 'concentration'
  | 'round_adjustment'
  | 'burst_redeem';

/** One injected case as written to labels.json. */
export interface ScenarioCase {
  kind: AbuseKind;
  strength: Strength;
  /** Who a flag should name: the account, the approver/giver, the ring's members; empty for program and rule. */
  accounts: string[];
  /** The rule a rule_spike flag should name. */
  rule_id: string | null;
  /** Window of the injected rows, YYYY-MM-DD, `to` exclusive. */
  from: string;
  to: string;
  event_ids: string[];
  note: string;
}
