import type { Database } from '../db/database.ts';
import { type RowOf, run } from '../db/run.ts';
import { UserError } from '../errors.ts';

/** Every rule id a command may name (queries/simulate_rules.sql). */
export async function knownRules(db: Database): Promise<RowOf<'simulate_rules'>[]> {
  return run(db, 'simulate_rules', {});
}

/** Throws a UserError listing the known rules when `rule` is not one of them. */
export async function requireRule(db: Database, rule: string, option = '--rule'): Promise<void> {
  const rules = await knownRules(db);
  if (rules.some((r) => r.rule_id === rule)) return;
  const list = rules.map((r) => (r.name ? `${r.rule_id} (${r.name})` : r.rule_id));
  throw new UserError('unknown_rule', `${option}: no rule "${rule}" in the rules table or on any earn row`, {
    hint: list.length
      ? `Known rules: ${list.slice(0, 40).join(', ')}${list.length > 40 ? `, … (${list.length} in all)` : ''}.`
      : 'The database has no rules and no earn rows with a rule_id.',
    details: { known: rules.map((r) => r.rule_id) },
  });
}
