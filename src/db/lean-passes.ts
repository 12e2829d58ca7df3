import { sqlString } from './ident.ts';

/**
 * Lean definitions of the month and day sums a report request reads (ll_scoped_months, ll_period_days;
 * queries/views/38_shared_passes.sql) for one request's scope, on a connection whose rollups are all kept
 * (src/db/kept-branches.ts). The defaults find a scope's values with a nested subquery over the bound value
 * (`value IN (SELECT unnest([s_val], recursive := true))`, so that one value and a list bind alike), which DuckDB
 * binds and plans again in every call of every statement: here the request's scope is written as literals behind a
 * guard on the bound arguments, and every other call (another scope, a day that is not a 1st) answers from one
 * generic branch over the account × day rollup, which gives the same sums for any arguments. Exactly one branch
 * yields rows for any arguments; unfiltered calls read rollup_day_rule as the defaults do.
 */

type Scope = { attribute: string; value: string | readonly string[] };

/**
 * True (as SQL over a macro's s_attr, s_val) exactly for `scope` (also the guard of shared-passes.ts's kept tables).
 * Values are written as SQL string literals (sqlString: quotes doubled, a NUL as chr(0)), compared as text
 * so that a single value and a list never meet as different types.
 */
export function scopeMatchSql(scope: Scope | undefined): string {
  if (!scope) return 's_attr IS NULL';
  const value = typeof scope.value === 'string' ? sqlString(scope.value) : `[${scope.value.map(sqlString).join(', ')}]`;
  return `s_attr IS NOT DISTINCT FROM ${sqlString(scope.attribute)} AND CAST([s_val] AS VARCHAR) = CAST([${value}] AS VARCHAR)`;
}

/** The scope's values as a literal list for `value IN (…)`, or undefined for an empty list (no value matches). */
function values(scope: Scope): string | undefined {
  const all = typeof scope.value === 'string' ? [scope.value] : [...scope.value];
  return all.length > 0 ? all.map(sqlString).join(', ') : undefined;
}

const FLOWS = (col: (type: string) => string) =>
  ['earn', 'redeem', 'expire'].map((t) => `coalesce(sum(points) FILTER (WHERE event_type = '${t}'), 0)${col(t)}`);

/** ll_scoped_months (views/36, ll_scoped_months_direct) for a request within `scope` (undefined: unfiltered). */
export function leanScopedMonths(scope: Scope | undefined): string {
  const named = (t: string) => ` AS ${t}`;
  const unfiltered = `SELECT date_trunc('month', day)::DATE AS month, sum(n) AS n, sum(points) AS net, ${FLOWS(named).join(', ')}
FROM rollup_day_rule
WHERE s_attr IS NULL AND day < p_to::DATE
GROUP BY 1`;
  const listed = scope && values(scope);
  const own = `coalesce(${scopeMatchSql(scope)} AND dayofmonth(p_to::DATE) = 1, false)`;
  const ofValues =
    scope && listed
      ? [
          `SELECT month, sum(n), sum(points), sum(earned), sum(redeemed), sum(expired)
FROM rollup_value_month
WHERE ${own} AND month < p_to::DATE AND attribute = ${sqlString(scope.attribute)} AND value IN (${listed})
GROUP BY 1`,
        ]
      : [];
  const generic = `SELECT date_trunc('month', day)::DATE, sum(n), sum(points), ${FLOWS(() => '').join(', ')}
FROM rollup_account_day
WHERE s_attr IS NOT NULL${ofValues.length ? ` AND NOT ${own}` : ''} AND day < p_to::DATE
  AND ll_in_scope(account_id, s_attr, s_val)
GROUP BY 1`;
  return macro('ll_scoped_months(p_to, s_attr, s_val)', [unfiltered, ...ofValues, generic]);
}

const DAY_SUMS = `sum(n) AS n, sum(points) AS points, sum(points_pos) AS points_pos, sum(points_neg) AS points_neg,
       sum(n_cash) AS n_cash, sum(cash) AS cash, sum(points_cash) AS points_cash`;

/** ll_period_days (views/37, ll_period_days_direct over ll_scoped_days) for a request within `scope`. */
export function leanPeriodDays(scope: Scope | undefined): string {
  const days = 'day >= p_from::DATE AND day < p_to::DATE';
  const sums = (table: string, where: string) =>
    `SELECT day, rule_id, event_type, ${DAY_SUMS}\nFROM ${table}\nWHERE ${where} AND ${days}\nGROUP BY ALL`;
  const listed = scope && values(scope);
  const own = `coalesce(${scopeMatchSql(scope)}, false)`;
  const ofValues =
    scope && listed
      ? [sums('rollup_value_day_rule', `${own} AND attribute = ${sqlString(scope.attribute)} AND value IN (${listed})`)]
      : [];
  const generic = sums(
    'rollup_account_day',
    `s_attr IS NOT NULL${ofValues.length ? ` AND NOT ${own}` : ''} AND ll_in_scope(account_id, s_attr, s_val)`,
  );
  return macro('ll_period_days(p_from, p_to, s_attr, s_val)', [
    sums('rollup_day_rule', 's_attr IS NULL'),
    ...ofValues,
    generic,
  ]);
}

const macro = (head: string, branches: string[]) =>
  `CREATE OR REPLACE TEMP MACRO ${head} AS TABLE\n${branches.join('\nUNION ALL\n')}`;
