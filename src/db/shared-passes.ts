import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';
import { VIEWS_DIR } from './database.ts';
import { withoutUnkeptBranches } from './kept-branches.ts';
import {
  leanInScope,
  leanPeriodDays,
  leanScopedDays,
  leanScopedMonths,
  periodAccountsMiss,
  scopeMatchSql,
} from './lean-passes.ts';
import { scopeParams } from './query-types.ts';
import { setLeanFallback, sqlExec, sqlRows } from './sql.ts';

/**
 * What one report request reads many times over: each account's activity in a few periods, the scope's day × rule ×
 * type sums over them, and the scope's month sums up to the period's end. `periods` are [from, to) in whole days;
 * `monthsTo` a 1st of a month (else not kept).
 */
export interface SharedPasses {
  periods: { from: string; to: string }[];
  /** The days whose program totals (ll_period_days) are read, kept only within a scope whose value sums are not. */
  days?: { from: string; to: string };
  /**
   * The month sums up to this 1st (ll_scoped_months), kept only within a scope where the rollups are views; given,
   * on a connection that keeps every rollup the macro is redefined for the scope instead (src/db/lean-passes.ts), as
   * ll_period_days is when `days` are given.
   */
  monthsTo?: string;
  scope?: { attribute: string; value: string | readonly string[] };
  /**
   * Every period whose per-account activity the request reads (a report: its period, the one before and the one
   * before that). Given, ll_period_accounts is redefined to read each of them as it is (a rollup's rows or a kept
   * table) and anything else from one generic branch, instead of the four-branch default, which DuckDB binds and
   * rewrites in full for every call before it folds the branches away (views/37). Local rollups only.
   */
  reads?: { from: string; to: string }[];
  /**
   * The request calls the macros for `reads` and `scope` (or unfiltered) only, as a report does. Where every rollup is
   * kept and every read is whole months, the lean definitions then leave out their generic branches and ll_in_scope
   * and ll_scoped_days are written for the scope too (src/db/lean-passes.ts); a call outside them fails and runs again
   * on the defaults (sqlRows), so it still answers, at the price of that statement twice.
   */
  closed?: boolean;
}

/** Connections inside withSharedPasses now: a nested call (a report inside a report) reuses the outer tables. */
const active = new WeakSet<Database>();
/** Connections whose macros may still read kept tables (a restore that did not finish), and those tables. */
const keptTables = new WeakMap<Database, string[]>();
/** The macros a connection's request redefined: only those are restored (a query alone redefines one of three). */
const redefined = new WeakMap<Database, Set<Macro>>();
const DAY = /^\d{4}-\d{2}-\d{2}$/;

let defaultFile: string | undefined;
/**
 * The default definitions of `macros` (queries/views/38_shared_passes.sql, and 35_scope.sql as a connection keeping
 * every rollup defines it: only such a connection redefines its macros), run again once a request is done: the
 * statements of the others are left out, as each costs a few milliseconds of a query's time on its connection.
 */
const defaults = (macros: ReadonlySet<Macro>) =>
  (defaultFile ??= ['35_scope.sql', '38_shared_passes.sql']
    .map((f) => withoutUnkeptBranches(readFileSync(join(VIEWS_DIR, f), 'utf8')))
    .join('\n'))
    .split(/(?=CREATE OR REPLACE TEMP MACRO )/)
    .filter((statement) => macros.has(/^CREATE OR REPLACE TEMP MACRO (\w+)/.exec(statement)?.[1] as Macro))
    .join('');

/**
 * Runs `fn` with ll_period_accounts, ll_period_days and ll_scoped_months (queries/views/38_shared_passes.sql) answered
 * from TEMP tables made once on this connection: flows, participant retention, the fairness population
 * (distribution, group breakdown), ROI, tier mix, stocks and the monthly series of a period and the period before
 * then share one pass over the account × month rollup per period, and one over the scope's rows, instead of one
 * each. A call whose period or scope was not kept still computes, so no caller can read another's rows: the macros
 * choose their branch on the bound values, which DuckDB folds to a constant (the other branch never runs). The
 * tables and the macros' own definitions are restored when `fn` ends, fails or is interrupted; a restore that an
 * interrupt cut short is finished by the next read of the connection (clearSharedPasses, called by the pool).
 */
export async function withSharedPasses<T>(db: Database, spec: SharedPasses, fn: () => Promise<T>): Promise<T> {
  if (active.has(db)) return fn();
  await clearSharedPasses(db);
  active.add(db);
  try {
    await openSharedPasses(db, spec);
    return await fn();
  } finally {
    active.delete(db);
    await clearSharedPasses(db);
  }
}

/**
 * Runs `fn` with ll_period_accounts planned as plain reads of `reads` (SharedPasses.reads) and no table kept: for a
 * query that reads a period or two once (a ranking's or a Fairness view's query run alone on its connection). The
 * four-branch default costs such a query more to plan than a lean definition costs to make and restore (rank_period
 * at 10 M rows: ~60 ms of CPU planning it against ~30 ms); inside another request's passes it runs `fn` as it is.
 */
export function withPeriodReads<T>(db: Database, reads: Period[], fn: () => Promise<T>): Promise<T> {
  return withSharedPasses(db, { periods: [], reads }, fn);
}

/**
 * Puts the connection's macros and TEMP tables back as views/38 defines them, if a request left them otherwise.
 * Before anyone else reads through a connection, so that kept tables never outlive their request (an import may
 * land after it).
 */
export async function clearSharedPasses(db: Database): Promise<void> {
  const tables = keptTables.get(db);
  if (!tables) return;
  setLeanFallback(db, undefined);
  const macros = redefined.get(db) ?? new Set<Macro>(Object.keys(ARGS) as (keyof typeof ARGS)[]);
  if (macros.size > 0) await sqlExec(db, defaults(macros));
  for (const t of tables) await sqlExec(db, `DROP TABLE IF EXISTS ${t}`);
  keptTables.delete(db);
  redefined.delete(db);
}

/** Makes the tables of `spec` and redefines the macros to read them (withSharedPasses; the pool's tests). */
export async function openSharedPasses(db: Database, spec: SharedPasses): Promise<void> {
  const tables: string[] = [];
  keptTables.set(db, tables);
  const macros = new Set<Macro>();
  redefined.set(db, macros);
  const bound = scopeParams(spec.scope);
  const guard = scopeMatchSql(spec.scope);
  /** Makes `table` from a *_direct macro's rows, with the scope's values bound. */
  const keep = async (table: string, call: string, params: Record<string, string>) => {
    tables.push(table);
    const all = { ...params, ...bound };
    // A remote source first makes present the large rollups this pass reads (src/db/clickhouse/needs.ts).
    const sql = db.remote ? await db.remote.prepare(db, table, `SELECT * FROM ${call}`, all) : `SELECT * FROM ${call}`;
    await sqlExec(db, `CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}`, all);
  };
  const periods = distinct(spec.periods).filter((p) => DAY.test(p.from) && DAY.test(p.to) && p.from < p.to);
  // Unfiltered, one quarter or one month is read from its rollup as it is (views/37): a copy would cost its writing.
  // Not where the quarter rollup is a view of the rows (ll_kept_rollups(), the one-shot report).
  const [{ kept, valueDays }] = await sqlRows<{ kept: boolean; valueDays: boolean }>(
    db,
    'SELECT ll_kept_rollups() AS kept, ll_value_days_kept() AS "valueDays"',
  );
  const worthKeeping = periods.filter((p) => spec.scope || !kept || !oneRollupRow(p));
  const keptAccounts = await keepAccounts(keep, worthKeeping, guard);
  const reads = distinct(spec.reads ?? []).filter((p) => DAY.test(p.from) && DAY.test(p.to) && p.from < p.to);
  const lean = kept && valueDays && !db.remote;
  // Closed: every call is of a named period, so each month sum is up to a 1st and no generic branch is needed.
  const closed = lean && spec.closed === true && reads.length > 0 && reads.every((p) => wholeMonths(p));
  const leanSql: string[] = [];
  if (kept && !db.remote && reads.length > 0) {
    const own = reads.filter((p) => !worthKeeping.some((k) => same(k, p)));
    await relean(db, 'll_period_accounts', leanPeriodAccounts(keptAccounts, own, closed), leanSql);
  } else await redefine(db, 'll_period_accounts', keptAccounts);
  // Within a scope whose values' day × rule × type sums are not kept (a ClickHouse source's connections), the program
  // totals of the periods in `days` read one table of the scope's sums added up from its account-days. Elsewhere
  // ll_period_days reads rollup_day_rule or the values' rows of rollup_value_day_rule: a few milliseconds a reader,
  // less than the copy costs to make.
  const days = spec.days;
  if (spec.scope && !valueDays && days && DAY.test(days.from) && DAY.test(days.to) && days.from < days.to) {
    await keep('ll_shared_days', `ll_period_days_direct(${PERIOD_CALL})`, { from: days.from, to: days.to });
    // Any period inside the kept days is the kept rows of its days: they are grouped by day.
    const when = `p_from::DATE >= DATE '${days.from}' AND p_to::DATE <= DATE '${days.to}' AND ${guard}`;
    const cut = 'day >= p_from::DATE AND day < p_to::DATE';
    await redefine(db, 'll_period_days', [{ table: 'll_shared_days', when, cut }]);
  }
  const to = spec.monthsTo;
  // Where every rollup is kept, the request's scope is written into the month and day sums' macros as literals
  // (lean-passes.ts): cheaper to plan in every statement that reads them than the defaults' subquery over the bound
  // value, and any other call still answers from a generic branch (or, closed, from the defaults: sqlRows).
  if (lean && days) await relean(db, 'll_period_days', leanPeriodDays(spec.scope, closed), leanSql);
  if (lean && to) await relean(db, 'll_scoped_months', leanScopedMonths(spec.scope, closed), leanSql);
  if (closed) {
    await relean(db, 'll_scoped_days', leanScopedDays(spec.scope), leanSql);
    await relean(db, 'll_in_scope', leanInScope(spec.scope), leanSql);
    setLeanFallback(db, { defaults: defaults(macros), lean: leanSql.join(';\n') });
  }
  // Month sums up to a 1st read rollup_day_rule unfiltered and rollup_value_month within a scope: a few milliseconds,
  // less than a copy costs to make. Only where a scope's sums add up its account-months (the one-shot report, whose
  // rollups are views of its rows) is a copy worth making.
  if (to && DAY.test(to) && to.endsWith('-01') && spec.scope && !kept) {
    await keep('ll_shared_months', 'll_scoped_months_direct($to::DATE, $scope_attribute, $scope_value)', { to });
    // Any 1st up to monthsTo is a prefix of the kept months: the same rows, cut at p_to.
    const when = `dayofmonth(p_to::DATE) = 1 AND p_to::DATE <= DATE '${to}' AND ${guard}`;
    await redefine(db, 'll_scoped_months', [{ table: 'll_shared_months', when, cut: 'month < p_to::DATE' }]);
  }
}

/**
 * Redefines `macro` for this request as `sql` (lean-passes.ts), noted in `made` (what a lean miss puts back); the
 * default comes back with the others.
 */
async function relean(db: Database, macro: Macro, sql: string, made: string[]): Promise<void> {
  redefined.get(db)?.add(macro);
  made.push(sql);
  await sqlExec(db, sql);
}

const wholeMonths = (p: Period) => p.from.endsWith('-01') && p.to.endsWith('-01');

const same = (a: Period, b: Period) => a.from === b.from && a.to === b.to;

/**
 * ll_period_accounts as a few plain reads: the kept tables; each other period the request reads, from its rollup
 * as views/37 reads it (one quarter, one month; within any scope), else through the default; and every other call
 * from the account × day rollup added up per account, which gives the same sums for any period (exact decimals,
 * the same counts: every rollup adds up those cells). Exactly one branch yields rows for any arguments.
 */
function leanPeriodAccounts(kept: Kept[], reads: Period[], closed: boolean): string {
  const holds = (when: string) => `coalesce(${when}, false)`;
  const at = (p: Period) => `p_from::DATE = DATE '${p.from}' AND p_to::DATE = DATE '${p.to}'`;
  const columns = 'account_id, n, n_active, n_earn, earned::DECIMAL(38,2) AS earned';
  const read = (p: Period) => {
    const month = p.to === addMonths(p.from, 1);
    if (!oneRollupRow(p)) return `SELECT * FROM ll_period_accounts_direct(p_from, p_to, s_attr, s_val)`;
    const [table, key] = month ? ['rollup_account_month', 'month'] : ['rollup_account_quarter', 'quarter'];
    return `SELECT ${columns} FROM ${table} WHERE ${key} = DATE '${p.from}' AND ll_in_scope(account_id, s_attr, s_val)`;
  };
  const branches = [
    ...kept.map((k) => ({ when: holds(k.when), sql: `SELECT * FROM ${k.table}` })),
    ...reads.map((p) => ({ when: holds(at(p)), sql: read(p) })),
  ];
  const generic = `SELECT account_id, sum(n)::BIGINT AS n,
       coalesce(sum(n) FILTER (WHERE event_type <> 'expire'), 0)::BIGINT AS n_active,
       coalesce(sum(n) FILTER (WHERE event_type = 'earn'), 0)::BIGINT AS n_earn,
       coalesce(sum(points) FILTER (WHERE event_type = 'earn'), 0)::DECIMAL(38,2) AS earned
FROM rollup_account_day
WHERE NOT (${branches.map((b) => b.when).join(' OR ')})
  AND (p_from IS NULL OR day >= p_from::DATE) AND day < p_to::DATE AND ll_in_scope(account_id, s_attr, s_val)
GROUP BY account_id`;
  const known = branches.map((b) => b.when).join(' OR ');
  const last = closed ? periodAccountsMiss(known) : generic;
  const body = [...branches.map((b) => `${b.sql}${/ WHERE /.test(b.sql) ? ' AND' : ' WHERE'} ${b.when}`), last];
  return `CREATE OR REPLACE TEMP MACRO ll_period_accounts(${ARGS.ll_period_accounts}) AS TABLE\n${body.join('\nUNION ALL\n')}`;
}

/** The 1st `months` months after the 1st `day` (both YYYY-MM-DD). */
function addMonths(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

type Keep = (table: string, call: string, params: Record<string, string>) => Promise<void>;

/** Each account's activity in every period, one pass per period (filtered sums of one wider pass cost more). */
async function keepAccounts(keep: Keep, periods: Period[], guard: string): Promise<Kept[]> {
  const kept: Kept[] = [];
  for (const [i, p] of periods.entries()) {
    await keep(`ll_shared_accounts_${i}`, `ll_period_accounts_direct(${PERIOD_CALL})`, { from: p.from, to: p.to });
    const when = `p_from::DATE = DATE '${p.from}' AND p_to::DATE = DATE '${p.to}' AND ${guard}`;
    kept.push({ table: `ll_shared_accounts_${i}`, when });
  }
  return kept;
}

const PERIOD_CALL = '$from::DATE, $to::DATE, $scope_attribute, $scope_value';
const ARGS = {
  ll_period_accounts: 'p_from, p_to, s_attr, s_val',
  ll_period_days: 'p_from, p_to, s_attr, s_val',
  ll_scoped_months: 'p_to, s_attr, s_val',
};

/** ll_in_scope and ll_scoped_days are redefined only for a closed request (lean-passes.ts), never for kept tables. */
type Macro = keyof typeof ARGS | 'll_in_scope' | 'll_scoped_days';

/** A kept table, the condition on the macro's arguments under which it holds the answer, and the rows to take. */
interface Kept {
  table: string;
  when: string;
  cut?: string;
}

type Period = { from: string; to: string };

/**
 * Redefines `macro` to read the kept tables where their condition holds and its *_direct twin elsewhere: exactly
 * one branch yields rows (a NULL argument makes no condition true, so the direct branch answers).
 */
async function redefine(db: Database, macro: keyof typeof ARGS, kept: Kept[]): Promise<void> {
  if (!kept.length) return;
  redefined.get(db)?.add(macro);
  const holds = (k: Kept) => `coalesce(${k.when}, false)`;
  const branches = kept.map((k) => `SELECT * FROM ${k.table} WHERE ${holds(k)}${k.cut ? ` AND ${k.cut}` : ''}`);
  const rest = `SELECT * FROM ${macro}_direct(${ARGS[macro]}) WHERE NOT (${kept.map(holds).join(' OR ')})`;
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP MACRO ${macro}(${ARGS[macro]}) AS TABLE\n${[...branches, rest].join('\nUNION ALL\n')}`,
  );
}

/** Whether a period is one calendar quarter or one month: a row per account in a rollup (views/37's first branches). */
export function oneRollupRow(p: Period): boolean {
  if (!p.from.endsWith('-01')) return false;
  const [y, m] = p.from.split('-').map(Number);
  const after = (months: number) => {
    const d = new Date(Date.UTC(y, m - 1 + months, 1));
    return d.toISOString().slice(0, 10);
  };
  return p.to === after(1) || (m % 3 === 1 && p.to === after(3));
}

const distinct = (ps: { from: string; to: string }[]) =>
  ps.filter((p, i) => ps.findIndex((q) => q.from === p.from && q.to === p.to) === i);
