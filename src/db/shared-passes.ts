import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';
import { VIEWS_DIR } from './database.ts';
import { scopeParams } from './query-types.ts';

/**
 * What one report request reads many times over: each account's sums for a few periods, and the scope's month sums
 * up to the period's end. `periods` are [from, to) in whole days; `monthsTo` a 1st of a month (else not kept).
 */
export interface SharedPasses {
  periods: { from: string; to: string }[];
  monthsTo?: string;
  scope?: { attribute: string; value: string | readonly string[] };
}

/** Connections that hold the passes now: a nested call (a report inside a report) reuses the outer tables. */
const active = new WeakSet<Database>();
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The macros' default definitions (queries/views/38_shared_passes.sql), run again once a request is done. */
const defaults = () => readFileSync(join(VIEWS_DIR, '38_shared_passes.sql'), 'utf8');

/**
 * Runs `fn` with ll_period_accounts and ll_scoped_months answered from TEMP tables made once on this connection:
 * flows, participant retention, the fairness population (distribution, group breakdown), stocks and the monthly
 * series of a period and the period before then share one pass over the account × month rollup per period instead
 * of one each. A call whose period or scope was not kept still computes, so no caller can read another's rows:
 * the macros choose their branch on the bound values, which DuckDB folds to a constant (the other branch never
 * runs). The tables and the macros' own definitions are restored even when `fn` fails or is interrupted.
 */
export async function withSharedPasses<T>(db: Database, spec: SharedPasses, fn: () => Promise<T>): Promise<T> {
  if (active.has(db)) return fn();
  active.add(db);
  const tables: string[] = [];
  try {
    const scope = scopeParams(spec.scope);
    const guard = scopeGuard(spec.scope);
    const periods = distinct(spec.periods).filter((p) => DAY.test(p.from) && DAY.test(p.to) && p.from < p.to);
    const hits: string[] = [];
    const conditions: string[] = [];
    for (const [i, p] of periods.entries()) {
      const table = `ll_shared_accounts_${i}`;
      await db.exec(
        `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM ll_period_accounts_direct($from::DATE, $to::DATE, $scope_attribute, $scope_value)`,
        { from: p.from, to: p.to, ...scope },
      );
      tables.push(table);
      const when = `coalesce(p_from::DATE = DATE '${p.from}' AND p_to::DATE = DATE '${p.to}' AND ${guard}, false)`;
      conditions.push(when);
      hits.push(`SELECT * FROM ${table} WHERE ${when}`);
    }
    if (periods.length) {
      // One branch per kept period, and the computed rows when none matches: exactly one of them yields rows.
      const rest = `SELECT * FROM ll_period_accounts_direct(p_from, p_to, s_attr, s_val) WHERE NOT (${conditions.join(' OR ')})`;
      await db.exec(
        `CREATE OR REPLACE TEMP MACRO ll_period_accounts(p_from, p_to, s_attr, s_val) AS TABLE\n${[...hits, rest].join('\nUNION ALL\n')}`,
      );
    }
    if (spec.monthsTo && DAY.test(spec.monthsTo) && spec.monthsTo.endsWith('-01')) {
      await db.exec(
        `CREATE OR REPLACE TEMP TABLE ll_shared_months AS SELECT * FROM ll_scoped_months_direct($to::DATE, $scope_attribute, $scope_value)`,
        { to: spec.monthsTo, ...scope },
      );
      tables.push('ll_shared_months');
      // Any 1st up to monthsTo is a prefix of the kept months: the same rows, cut at p_to.
      const when = `coalesce(dayofmonth(p_to::DATE) = 1 AND p_to::DATE <= DATE '${spec.monthsTo}' AND ${guard}, false)`;
      await db.exec(`CREATE OR REPLACE TEMP MACRO ll_scoped_months(p_to, s_attr, s_val) AS TABLE
        SELECT * FROM ll_shared_months WHERE ${when} AND month < p_to::DATE
        UNION ALL
        SELECT * FROM ll_scoped_months_direct(p_to, s_attr, s_val) WHERE NOT ${when}`);
    }
    return await fn();
  } finally {
    active.delete(db);
    await db.exec(defaults());
    for (const t of tables) await db.exec(`DROP TABLE IF EXISTS ${t}`);
  }
}

/**
 * True (as SQL over the macro's s_attr, s_val) exactly for the scope the tables were made for. Values are written as
 * SQL string literals (quotes doubled; DuckDB reads no other escape in them), compared as text so that a single value
 * and a list never meet as different types.
 */
function scopeGuard(scope: SharedPasses['scope']): string {
  if (!scope) return 's_attr IS NULL';
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const value = typeof scope.value === 'string' ? lit(scope.value) : `[${scope.value.map(lit).join(', ')}]`;
  return `s_attr IS NOT DISTINCT FROM ${lit(scope.attribute)} AND CAST([s_val] AS VARCHAR) = CAST([${value}] AS VARCHAR)`;
}

const distinct = (ps: { from: string; to: string }[]) =>
  ps.filter((p, i) => ps.findIndex((q) => q.from === p.from && q.to === p.to) === i);
