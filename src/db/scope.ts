import { UserError } from '../errors.ts';
import type { Database } from './database.ts';
import { run } from './run.ts';

/**
 * A page filter (or a user's scope): the accounts whose attribute has this value (the roster's value, else the
 * latest ledger row's). Metrics take it as two bound params ($scope_attribute, $scope_value; see
 * queries/views/35_scope.sql), never as connection state, so requests with different scopes run side by side.
 */
export interface Scope {
  attribute: string;
  value: string;
}

/** Refuses a filter no account matches: an empty population would show zeros that look like data. */
export async function checkScope(db: Database, scope: Scope | undefined): Promise<void> {
  if (!scope) return;
  const [{ accounts }] = await run(db, 'scope_size', { scope_attribute: scope.attribute, scope_value: scope.value });
  if (accounts === 0) {
    throw new UserError('unknown_filter_value', `filter ${scope.attribute}=${scope.value}: no account has this value`, {
      hint: 'Pick a value listed by /api/meta (attributes) or by `ledger-lens report --by <attribute> --json`.',
    });
  }
}

/** `department=生产部` → a Scope; the attribute must look like an attribute name. */
export function parseScope(text: string, where: string): Scope {
  const at = text.indexOf('=');
  const attribute = at > 0 ? text.slice(0, at).trim() : '';
  const value = at > 0 ? text.slice(at + 1).trim() : '';
  if (!/^[\p{L}\p{N}_ .-]{1,64}$/u.test(attribute) || value === '') {
    throw new UserError('bad_usage', `${where} ${JSON.stringify(text)}: expected ATTRIBUTE=VALUE`, {
      hint: 'Example: --filter department=生产部',
    });
  }
  return { attribute, value };
}
