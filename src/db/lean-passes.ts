import { sqlString } from './ident.ts';
import { LEAN_MISS } from './sql.ts';

/**
 * Lean definitions of the month and day sums a report request reads (ll_scoped_months, ll_period_days;
 * queries/views/38_shared_passes.sql) for one request's scope, on a connection whose rollups are all kept
 * (src/db/kept-branches.ts). The defaults find a scope's values with a nested subquery over the bound value
 * (`value IN (SELECT unnest([s_val], recursive := true))`, so that one value and a list bind alike), which DuckDB
 * binds and plans again in every call of every statement: here the request's scope is written as literals behind a
 * guard on the bound arguments, and every other call (another scope, a day that is not a 1st) answers from one
 * generic branch over the account × day rollup, which gives the same sums for any arguments. Exactly one branch
 * yields rows for any arguments; unfiltered calls read rollup_day_rule as the defaults do.
 *
 * A closed request (SharedPasses.closed: a report, which names every period it reads) goes further: the scope test
 * itself (ll_in_scope) and the rule usage's day sums (ll_scoped_days) are redefined too, and each generic branch gives
 * way to a branch that fails the statement (missBranch) for any call the request did not name; sqlRows then runs it
 * again on the defaults (src/db/sql.ts). DuckDB binds every branch of every call: the generic branches and the
 * default's nested subquery over the bound value in each ll_in_scope cost more to plan than the reads themselves.
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

/**
 * The per-value tables' rows of the scope (`attribute = … AND value IN (…)`, its values as literals), or undefined
 * for an empty list (no value matches).
 */
function valuesWhere(scope: Scope): string | undefined {
  const all = typeof scope.value === 'string' ? [scope.value] : [...scope.value];
  return all.length > 0
    ? `attribute = ${sqlString(scope.attribute)} AND value IN (${all.map(sqlString).join(', ')})`
    : undefined;
}

/**
 * The last branch of a closed request's macro, in place of a generic one: no row where another branch answers
 * (`known`, over the macro's arguments), else the statement fails with LEAN_MISS. A table function's argument is
 * evaluated when the call is bound (the bound values are known then), so the call itself fails, whatever the
 * statement's filters and whichever columns it reads: a miss in a WHERE clause would depend on the optimizer, which
 * folds a filter over constant NULL columns (`n_active > 0`) and drops the branch before any row is tested. Cheap to
 * bind: no table, no subquery.
 */
function missBranch(columns: number, known: string): string {
  const row = Array.from({ length: columns }, () => 'NULL').join(', ');
  return `SELECT ${row} FROM range(CASE WHEN coalesce(${known}, false) THEN 0 ELSE ${MISS} END)`;
}

const MISS = `error('${LEAN_MISS}')`;

/**
 * ll_in_scope (views/35) for a closed request within `scope`: true unfiltered, the scope's accounts as literals for
 * the request's own scope, and a lean miss for any other scope.
 */
export function leanInScope(scope: Scope | undefined): string {
  const listed = scope && valuesWhere(scope);
  const accounts = listed ? `acct IN (SELECT account_id FROM account_attributes WHERE ${listed})` : 'false';
  const own = scope ? ` WHEN coalesce(${scopeMatchSql(scope)}, false) THEN ${accounts}` : '';
  return `CREATE OR REPLACE TEMP MACRO ll_in_scope(acct, s_attr, s_val) AS\n  CASE WHEN s_attr IS NULL THEN true${own} ELSE ${MISS} END`;
}

const DAY_COLUMNS = 'day, rule_id, event_type, n, points, points_pos, points_neg, n_cash, cash, points_cash';

/** ll_scoped_days (views/35) for a closed request within `scope`: rule usage's day sums. */
export function leanScopedDays(scope: Scope | undefined): string {
  const listed = scope && valuesWhere(scope);
  const own = `coalesce(${scopeMatchSql(scope)}, false)`;
  const ofValues =
    scope && listed
      ? [
          `SELECT ${DAY_COLUMNS} FROM rollup_value_day_rule
WHERE ${own} AND ${listed}`,
        ]
      : [];
  return macro('ll_scoped_days(s_attr, s_val)', [
    `SELECT ${DAY_COLUMNS} FROM rollup_day_rule WHERE s_attr IS NULL`,
    ...ofValues,
    missBranch(10, `s_attr IS NULL OR ${own}`),
  ]);
}

const FLOWS = (col: (type: string) => string) =>
  ['earn', 'redeem', 'expire'].map((t) => `coalesce(sum(points) FILTER (WHERE event_type = '${t}'), 0)${col(t)}`);

/**
 * ll_scoped_months (views/36, ll_scoped_months_direct) for a request within `scope` (undefined: unfiltered); `closed`:
 * a lean miss where the generic branch would answer.
 */
export function leanScopedMonths(scope: Scope | undefined, closed = false): string {
  const named = (t: string) => ` AS ${t}`;
  // Per day and type first, as the default does (views/36): the month and the type tests on a few thousand rows.
  const unfiltered = `SELECT date_trunc('month', day)::DATE AS month, sum(n) AS n, sum(points) AS net, ${FLOWS(named).join(', ')}
FROM (
  SELECT day, event_type, sum(n) AS n, sum(points) AS points FROM rollup_day_rule
  WHERE s_attr IS NULL AND day < p_to::DATE
  GROUP BY ALL
)
GROUP BY 1`;
  const listed = scope && valuesWhere(scope);
  const own = `coalesce(${scopeMatchSql(scope)} AND dayofmonth(p_to::DATE) = 1, false)`;
  const ofValues =
    scope && listed
      ? [
          `SELECT month, sum(n), sum(points), sum(earned), sum(redeemed), sum(expired)
FROM rollup_value_month
WHERE ${own} AND month < p_to::DATE AND ${listed}
GROUP BY 1`,
        ]
      : [];
  const generic = `SELECT date_trunc('month', day)::DATE, sum(n), sum(points), ${FLOWS(() => '').join(', ')}
FROM rollup_account_day
WHERE s_attr IS NOT NULL${ofValues.length ? ` AND NOT ${own}` : ''} AND day < p_to::DATE
  AND ll_in_scope(account_id, s_attr, s_val)
GROUP BY 1`;
  const last = closed ? missBranch(6, `s_attr IS NULL OR ${own}`) : generic;
  return macro('ll_scoped_months(p_to, s_attr, s_val)', [unfiltered, ...ofValues, last]);
}

const DAY_SUMS = `sum(n) AS n, sum(points) AS points, sum(points_pos) AS points_pos, sum(points_neg) AS points_neg,
       sum(n_cash) AS n_cash, sum(cash) AS cash, sum(points_cash) AS points_cash`;

/** ll_period_days (views/37, ll_period_days_direct over ll_scoped_days) for a request within `scope`. */
export function leanPeriodDays(scope: Scope | undefined, closed = false): string {
  const days = 'day >= p_from::DATE AND day < p_to::DATE';
  const sums = (table: string, where: string) =>
    `SELECT day, rule_id, event_type, ${DAY_SUMS}\nFROM ${table}\nWHERE ${where} AND ${days}\nGROUP BY ALL`;
  const listed = scope && valuesWhere(scope);
  const own = `coalesce(${scopeMatchSql(scope)}, false)`;
  const ofValues = scope && listed ? [sums('rollup_value_day_rule', `${own} AND ${listed}`)] : [];
  const generic = sums(
    'rollup_account_day',
    `s_attr IS NOT NULL${ofValues.length ? ` AND NOT ${own}` : ''} AND ll_in_scope(account_id, s_attr, s_val)`,
  );
  return macro('ll_period_days(p_from, p_to, s_attr, s_val)', [
    sums('rollup_day_rule', 's_attr IS NULL'),
    ...ofValues,
    closed ? missBranch(10, `s_attr IS NULL OR ${own}`) : generic,
  ]);
}

/** ll_period_accounts' last branch in a closed request: a lean miss for any call no other branch answers. */
export const periodAccountsMiss = (known: string) => missBranch(5, known);

const macro = (head: string, branches: string[]) =>
  `CREATE OR REPLACE TEMP MACRO ${head} AS TABLE\n${branches.join('\nUNION ALL\n')}`;
