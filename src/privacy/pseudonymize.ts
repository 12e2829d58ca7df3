import { createHmac } from 'node:crypto';
import { explain } from '../i18n/audit-reasons-en.ts';

/**
 * Keyed pseudonyms for account ids, so an auditor can share findings without names. HMAC rather than a plain hash:
 * account ids are few and guessable (A0001 …), so an unkeyed hash could be reversed by hashing every candidate.
 * The same key always gives the same pseudonym, so findings from several runs still line up.
 */
export type Pseudonymizer = (id: string) => string;

export const PSEUDONYM_PREFIX = 'P-';

export function pseudonymizer(key: string): Pseudonymizer {
  const memo = new Map<string, string>();
  return (id) => {
    let p = memo.get(id);
    if (p === undefined) {
      p = PSEUDONYM_PREFIX + createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 12);
      memo.set(id, p);
    }
    return p;
  };
}

/**
 * Fields whose string (or string[]) value names a person: an account, an approver, a counterparty, and the
 * audit reasons' variables that hold one (account, other, giver, receiver, approver).
 */
export const ID_FIELDS: ReadonlySet<string> = new Set([
  'account_id',
  'accounts',
  'approver_id',
  'counterparty_id',
  'giver',
  'receiver',
  'members',
  'account',
  'other',
  'approver',
  // A flag's id hashes the ids it is about; unkeyed, it could be matched by hashing every account id in turn.
  'flag_id',
]);

/** Fields that hold a list of ids joined by a separator: a ring's cycle "A1 → A2 → A1". */
const ID_LIST_FIELDS: Readonly<Record<string, string>> = { cycle: ' → ' };

/**
 * A copy of `value` with every id replaced where the structure says an id is: the id fields, the positions of an
 * id list, and an audit flag's explanation, rendered again from its pseudonymised reason_vars. Text is never
 * searched for ids: with numeric ids, "the floor of 2500" must stay a number.
 */
export function pseudonymizeDeep<T>(value: T, pseudo: Pseudonymizer): T {
  return rewrite(value, pseudo) as T;
}

function rewrite(v: unknown, pseudo: Pseudonymizer, field?: string): unknown {
  if (typeof v === 'string') {
    if (field === undefined || v === '') return v;
    if (ID_FIELDS.has(field)) return pseudo(v);
    const sep = ID_LIST_FIELDS[field];
    return sep === undefined
      ? v
      : v
          .split(sep)
          .map((id) => (id === '' ? id : pseudo(id)))
          .join(sep);
  }
  if (Array.isArray(v)) return v.map((x) => rewrite(x, pseudo, field));
  if (v === null || typeof v !== 'object') return v;
  const out = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x, pseudo, k)]));
  if (
    typeof out.reason_key === 'string' &&
    typeof out.explanation === 'string' &&
    out.reason_vars !== null &&
    typeof out.reason_vars === 'object'
  ) {
    out.explanation = explain(out.reason_key, out.reason_vars as Record<string, string | number>);
  }
  return out;
}
