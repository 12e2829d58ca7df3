import { createHmac } from 'node:crypto';

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

/** Fields whose string (or string[]) value names a person: an account, an approver, a counterparty. */
export const ID_FIELDS: ReadonlySet<string> = new Set(['account_id', 'accounts', 'approver_id', 'counterparty_id', 'giver', 'receiver', 'members']);

/**
 * A copy of `value` with every id replaced: in the id fields, and wherever one of those ids appears inside other
 * text (explanations such as "A7 gave 80 % … to A9", a ring's cycle "A1 → A2 → A1"). Ids are matched whole, so
 * A1 does not rewrite part of A10.
 */
export function pseudonymizeDeep<T>(value: T, pseudo: Pseudonymizer): T {
  const ids = new Set<string>();
  collect(value, ids);
  const pattern = textPattern(ids);
  return rewrite(value, pseudo, pattern) as T;
}

function collect(v: unknown, ids: Set<string>, field?: string) {
  if (typeof v === 'string') {
    if (field !== undefined && ID_FIELDS.has(field) && v !== '') ids.add(v);
  } else if (Array.isArray(v)) {
    for (const x of v) collect(x, ids, field);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) collect(x, ids, k);
  }
}

function textPattern(ids: Set<string>): RegExp | null {
  if (ids.size === 0) return null;
  // Longest first, so an id that contains another is replaced as a whole.
  const alternatives = [...ids].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_-])`, 'gu');
}

function rewrite(v: unknown, pseudo: Pseudonymizer, pattern: RegExp | null, field?: string): unknown {
  if (typeof v === 'string') {
    if (field !== undefined && ID_FIELDS.has(field)) return v === '' ? v : pseudo(v);
    return pattern ? v.replace(pattern, (m) => pseudo(m)) : v;
  }
  if (Array.isArray(v)) return v.map((x) => rewrite(x, pseudo, pattern, field));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x, pseudo, pattern, k)]));
  return v;
}
