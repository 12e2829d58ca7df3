/**
 * What the generator plans for a day before balances are applied: a redemption may still fail for want of points,
 * a transfer for want of the giver's balance. Amounts are in hundredths of a point.
 */
export type Kind = 'earn' | 'deduct' | 'redeem' | 'transfer' | 'adjust';

/** One injected abuse case, as written to labels.json. */
export interface Case {
  check:
    | 'account_spike'
    | 'ring'
    | 'self_approval'
    | 'cap_breach'
    | 'near_duplicate'
    | 'program_spike'
    | 'off_hours_approval'
    | 'round_adjustment';
  /** Who the check should name: the account, the approver (approver checks), the ring's members, or the program. */
  subject: 'account' | 'approver' | 'ring' | 'program';
  accounts: string[];
  from: string;
  to: string;
  event_ids: string[];
  note: string;
}

export interface Intent {
  /** Seconds after midnight, program time zone. */
  t: number;
  kind: Kind;
  a: number;
  /** Rule index for earnings, -1 otherwise. */
  rule: number;
  /** Magnitude for deduct/transfer/redeem (redeem: chosen when applied), signed for adjust, positive for earn. */
  cents: number;
  approver: number;
  /** Receiver of a transfer. */
  cp: number;
  reason: string;
  category: string;
  variant: 'A' | 'B' | null;
  label: Case | null;
}

/** Every intent gets the same fields in the same order, so V8 keeps one object shape on the hot path. */
export function blank(kind: Kind, a: number, t: number): Intent {
  return { t, kind, a, rule: -1, cents: 0, approver: -1, cp: -1, reason: '', category: '', variant: null, label: null };
}

/** For the rare, injected intents: readable over fast. */
export function intent(p: Partial<Intent> & Pick<Intent, 'kind' | 'a' | 't'>): Intent {
  return Object.assign(blank(p.kind, p.a, p.t), p);
}
