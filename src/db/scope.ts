import { UserError } from '../errors.ts';
import type { Database } from './database.ts';

/** A page filter: the accounts whose attribute has this value (the roster's value, else the latest ledger row's). */
export interface Scope {
  attribute: string;
  value: string;
}

const active = new WeakSet<Database>();

/**
 * Runs `fn` with every view narrowed to the accounts of `scope` (queries/views/05_scope.sql is the seam), then puts
 * the views back. The filter is by account, not by row, so an account's history stays whole and each metric keeps
 * its own definition over a smaller population. Callers must not run other work on the same connection meanwhile:
 * the CLI runs one command, the server runs requests one at a time (server/serial.ts).
 */
export async function withScope<T>(db: Database, scope: Scope | undefined, fn: () => Promise<T>): Promise<T> {
  if (!scope) return fn();
  if (active.has(db)) throw new Error('withScope: scopes do not nest');
  active.add(db);
  try {
    await db.exec('CREATE OR REPLACE TEMP TABLE ll_scope AS SELECT DISTINCT account_id FROM account_attributes WHERE attribute = $attribute AND value = $value', {
      attribute: scope.attribute,
      value: scope.value,
    });
    const [{ n }] = await db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM ll_scope');
    if (n === 0) {
      throw new UserError('unknown_filter_value', `filter ${scope.attribute}=${scope.value}: no account has this value`, {
        hint: 'Pick a value listed by /api/meta (attributes) or by `ledger-lens report --by <attribute> --json`.',
      });
    }
    await db.exec('CREATE OR REPLACE TEMP VIEW ledger_rows AS SELECT * FROM ledger SEMI JOIN ll_scope USING (account_id)');
    await db.exec('CREATE OR REPLACE TEMP VIEW roster_rows AS SELECT * FROM accounts SEMI JOIN ll_scope USING (account_id)');
    return await fn();
  } finally {
    await db.exec('CREATE OR REPLACE TEMP VIEW ledger_rows AS SELECT * FROM ledger');
    await db.exec('CREATE OR REPLACE TEMP VIEW roster_rows AS SELECT * FROM accounts');
    await db.exec('DROP TABLE IF EXISTS ll_scope');
    active.delete(db);
  }
}

/** `department=生产部` → a Scope; the attribute must look like an attribute name. */
export function parseScope(text: string, where: string): Scope {
  const at = text.indexOf('=');
  const attribute = at > 0 ? text.slice(0, at).trim() : '';
  const value = at > 0 ? text.slice(at + 1).trim() : '';
  if (!/^[\p{L}\p{N}_ .-]{1,64}$/u.test(attribute) || value === '') {
    throw new UserError('bad_usage', `${where} ${JSON.stringify(text)}: expected ATTRIBUTE=VALUE`, { hint: 'Example: --filter department=生产部' });
  }
  return { attribute, value };
}
