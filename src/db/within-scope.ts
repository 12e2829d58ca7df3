import type { Database } from './database.ts';
import { boundScopeValue } from './query-types.ts';
import { loadQuery } from './run.ts';
import { ofEveryQuarter } from './rollup-specs.ts';
import { sqlExec, sqlRows } from './sql.ts';

/** A user's scope: the accounts whose attribute has one of these values. */
export interface AccountScope {
  attribute: string;
  value: string | readonly string[];
}

/** Tables with one account per row: within a scope, the rows of its accounts only. */
const PER_ACCOUNT = [
  'ledger',
  'accounts',
  'rollup_account_day',
  'rollup_earn_day',
  'rollup_account_month',
  'rollup_account_quarter',
  'rollup_account_first',
  'rollup_account_rule_quarter',
  'account_latest',
  'rollup_account_attributes',
];

/**
 * Tables that add up several accounts: within a scope, their import-time reduction over the scope's rows (so they
 * equal the rollups of a database that holds the scope alone). `$import_id` NULL is the reduction of every row.
 */
const DERIVED: Record<string, () => string> = {
  rollup_day_rule: () => loadQuery('reductions/day_rule').sql.replace(/\bll_account_day\b/g, 'rollup_account_day'),
  rollup_approver_hour: () => withoutImport(loadQuery('reductions/approver_hour').sql),
  rollup_transfer_edge: () => withoutImport(loadQuery('reductions/transfer_edge').sql),
  rollup_value_month: () => loadQuery('reductions/value_month').sql,
  rollup_cohort_month: () => loadQuery('reductions/cohort_month').sql,
  rollup_value_day_rule: () => loadQuery('reductions/value_day_rule').sql,
  // From the scope's account × day cells: a ClickHouse source keeps no account × rule × quarter rows of its own.
  rollup_rule_accounts: () =>
    ofEveryQuarter('rule_accounts').replace(
      /\bFROM rollup_account_rule_quarter\b/,
      `FROM (${ofEveryQuarter('account_rule_quarter')}\n)`,
    ),
  // From the scope's account × rule × quarter rows: read only where the value day sums are kept, and so are those
  // (ll_rule_accounts_kept); a read's quarter and value pass through its grouping to the scan.
  rollup_value_rule_quarter: () => loadQuery('reductions/value_rule_quarter').sql,
};

const withoutImport = (sql: string) => sql.replace(/\$import_id::INTEGER/g, 'NULL::INTEGER');

/**
 * Tables of the program's files that belong to no account: within a scope, empty. The quarantine holds lines as they
 * stood in a file (an account id there may be malformed or anyone's), so its count is the whole program's.
 */
const NO_ACCOUNT = ['rejects'];

/**
 * Results computed over the whole program: within a scope, empty. The stored audits are the program's (a scope's
 * audit is never stored), and their flags name people outside any scope.
 */
const PROGRAM_RESULTS = ['audit_results'];

const EMPTY_IN_SCOPE = [...NO_ACCOUNT, ...PROGRAM_RESULTS];

export const SHADOWED = [...PER_ACCOUNT, ...Object.keys(DERIVED), ...EMPTY_IN_SCOPE];

/**
 * Runs `task` on `db` as if the database held the scope's accounts only: TEMP views of the same names stand in
 * front of the ledger, the roster and the rollups (DuckDB looks in `temp` before `main`), so every query, check and
 * peer group of the task reads the scope's rows and nothing else, whatever file it comes from. A manager's audit,
 * economics and experiments are then computed within the scope instead of being filtered afterwards. The scope's
 * accounts are selected once with bound values; the views are dropped again before the connection is handed back.
 */
export async function withinScope<T>(db: Database, scope: AccountScope, task: () => Promise<T>): Promise<T> {
  await clearShadows(db);
  // The views read the tables directly: a remote source makes every row and rollup present first.
  await db.remote?.complete(db);
  shadowed.add(db);
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE scope_accounts AS
     SELECT DISTINCT account_id FROM account_attributes WHERE ll_in_scope(account_id, $a, $v)`,
    { a: scope.attribute, v: boundScopeValue(scope.value) },
  );
  try {
    const [{ cat }] = await sqlRows<{ cat: string }>(db, 'SELECT current_database() AS cat');
    const main = `"${cat.replaceAll('"', '""')}".main`;
    for (const t of PER_ACCOUNT)
      await sqlExec(
        db,
        `CREATE TEMP VIEW ${t} AS SELECT * FROM ${main}.${t} WHERE account_id IN (SELECT account_id FROM temp.scope_accounts)`,
      );
    for (const [t, sql] of Object.entries(DERIVED)) await sqlExec(db, `CREATE TEMP VIEW ${t} AS ${sql()}`);
    for (const t of EMPTY_IN_SCOPE)
      await sqlExec(db, `CREATE TEMP VIEW ${t} AS SELECT * FROM ${main}.${t} WHERE false`);
    return await task();
  } finally {
    await clearShadows(db);
  }
}

/**
 * Runs `task` on `db` reading the whole program. A scoped read interrupted while it dropped its views (its client
 * went away, its time ran out) leaves them on the connection: they go here, before anyone else reads through it.
 */
export async function withoutScope<T>(db: Database, task: () => Promise<T>): Promise<T> {
  await clearShadows(db);
  return task();
}

/**
 * Whether `db` reads within a scope now. Work that opens more connections of the instance (the audit's lanes) must
 * not: a new connection has no scope views, and would read the whole program.
 */
export const readsWithinScope = (db: Database): boolean => shadowed.has(db);

/** Connections that hold, or may still hold, a scope's views (a drop that did not finish). */
const shadowed = new WeakSet<Database>();

async function clearShadows(db: Database): Promise<void> {
  if (!shadowed.has(db)) return;
  await dropShadows(db);
  shadowed.delete(db);
}

async function dropShadows(db: Database): Promise<void> {
  for (const t of SHADOWED) await sqlExec(db, `DROP VIEW IF EXISTS temp.${t}`);
  await sqlExec(db, 'DROP TABLE IF EXISTS temp.scope_accounts');
}

/**
 * Within a scope, removes from a TEMP table the rows of accounts outside it; outside a scope, does nothing. For
 * lists of accounts that come from a file rather than the database (an experiment's arm assignments): read whole,
 * their outside accounts would count as inactive members of the scope.
 */
export async function keepWithinScope(db: Database, table: string): Promise<void> {
  const [{ n }] = await sqlRows<{ n: number }>(
    db,
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary AND table_name = 'scope_accounts'`,
  );
  if (n > 0)
    await sqlExec(db, `DELETE FROM temp.${table} WHERE account_id NOT IN (SELECT account_id FROM temp.scope_accounts)`);
}
