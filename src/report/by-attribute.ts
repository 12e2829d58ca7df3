import type { Database } from '../db/database.ts';
import type { Scope } from '../db/scope.ts';
import { scopeParams } from '../db/query-types.ts';
import type { ProgramConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import { meanInterval } from '../stats/mean-interval.ts';
import { attributes } from '../queries/attributes.ts';
import { groupFairness } from './queries-fairness.ts';
import type { Period } from '../periods/quarters.ts';
import type { ByAttribute } from './schema.ts';

/**
 * The fairness population of `period` split by one attribute (group_fairness.sql), with a 95 % Student-t interval
 * for each group mean. An attribute no account carries is a UserError listing those that exist; so is a
 * reference value that names no group.
 */
export async function byAttribute(
  db: Database,
  period: Period,
  attribute: string,
  reference: string | null,
  config: ProgramConfig,
  scope?: Scope,
): Promise<ByAttribute> {
  const rows = await groupFairness(db, {
    from: period.from,
    to: period.to,
    attribute,
    reference,
    min_group_size: config.fairness.min_group_size,
    low: config.fairness.disparity_low,
    high: config.fairness.disparity_high,
    ...scopeParams(scope),
  });
  // Only when nobody in the population has a value can the attribute be unknown: check then, not every time.
  if (rows.every((r) => r.value === null)) await assertAttributeExists(db, attribute);
  if (reference !== null && !rows.some((r) => r.value === reference)) {
    const values = rows.map((r) => r.value).filter((v): v is string => v !== null);
    throw new UserError(
      'unknown_reference',
      `--reference "${reference}" is not a value of ${attribute} in ${period.from} – ${period.to}`,
      {
        hint: `Pick one of: ${values.join(', ') || '(no values in this period)'}; or leave --reference out to compare with the overall mean.`,
        details: { attribute, values },
      },
    );
  }
  const first = rows[0];
  return {
    attribute,
    reference,
    theil_between: first?.theil_between ?? null,
    theil_within: first?.theil_within ?? null,
    theil_between_share: first?.theil_between_share ?? null,
    groups: rows.map((r) => ({
      value: r.value,
      n: r.n,
      total_issued: r.total,
      mean_issued: r.mean_issued,
      sd_issued: r.sd_issued,
      mean_ci: meanInterval(r.n, r.mean_issued, r.sd_issued),
      gini: r.gini,
      theil: r.theil_group,
      disparity: r.disparity,
      small: r.small,
      outside_band: r.outside_band,
      is_reference: r.is_reference,
    })),
  };
}

async function assertAttributeExists(db: Database, attribute: string): Promise<void> {
  const known = (await attributes(db)).map((a) => a.attribute);
  if (known.includes(attribute)) return;
  throw new UserError('unknown_attribute', `--by "${attribute}": no account has this attribute`, {
    hint: known.length
      ? `Attributes in this database: ${known.join(', ')}.`
      : 'This database has no account attributes: import a roster (--accounts) or a ledger with columns such as department.',
    details: { attribute, attributes: known },
  });
}
