import { createHash } from 'node:crypto';
import { pseudonymizeDeep } from '../privacy/pseudonymize.ts';

/** How a person outside a manager's scope reads in their answers (an approver, a counterparty). */
export const OUTSIDE_SCOPE = '(outside scope)';

/** What a flag is about: the fields its id is made of, as the flag shows them. */
const IDENTITY = ['check', 'subject', 'account_id', 'accounts', 'from', 'to', 'rule_id', 'reason_key', 'reason_vars'];

const identityOf = (flag: Record<string, unknown>) => Object.fromEntries(IDENTITY.map((k) => [k, flag[k] ?? null]));

/**
 * An answer as a manager sees it: people outside the scope read "(outside scope)". A flag keeps its id (the same
 * finding has the same id for everyone, and the page opens a flag by it) unless the flag names someone outside:
 * its id is an unkeyed hash of the people it is about, so hashing each outside id in turn would tell who. Such a
 * flag gets an id made of what the manager is shown instead, alike on the Audit and the account page.
 */
export function maskOutside<T>(x: T, people: ReadonlySet<string>): T {
  const mask = (id: string) => (people.has(id) ? id : OUTSIDE_SCOPE);
  const flagIds = new Map<string, string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.flag_id === 'string' && typeof o.check === 'string' && !flagIds.has(o.flag_id)) {
      const plain = JSON.stringify(identityOf(o));
      const shown = JSON.stringify(pseudonymizeDeep(identityOf(o), mask));
      const hash = createHash('sha256').update(shown, 'utf8').digest('hex').slice(0, 16);
      flagIds.set(o.flag_id, shown === plain ? o.flag_id : `${o.check}-${hash}`);
    }
    for (const x of Object.values(o)) visit(x);
  };
  visit(x);
  return pseudonymizeDeep(x, (id) => flagIds.get(id) ?? mask(id));
}
