import type { Database } from './database.ts';
import { rollupsCurrent } from './rollups.ts';
import { loadQuery, preparedSql, usedParams } from './run.ts';
import { sqlExec, sqlRows } from './sql.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Stores queries/audit_account_rule_day.sql for [since, to) and its per-account-day sum (audit_account_day.sql) as
 * TEMP objects of this connection: built once per audit and shared by the spike, floor and burst checks (TEMP works
 * on a read-only database too). With `kept` (the import-time rollups are current) the account-rule-days are the
 * earn cells of rollup_account_day already, so they stay a view over it — copying millions of cells costs more than
 * the checks' filtered reads of them — and only the per-account-day sums are stored; otherwise both are reduced from
 * the rows. A view takes no parameters: its two dates are checked and then written as literals.
 */
export async function buildAccountDayRollup(db: Database, since: string, to: string, kept: boolean): Promise<void> {
  await dropAccountDayRollup(db);
  if (kept) {
    for (const d of [since, to]) if (!DAY.test(d)) throw new RangeError(`not a YYYY-MM-DD day: ${d}`);
    // A remote source fetches the window's cells first (src/db/clickhouse/demand.ts); they stay while the view does.
    if (db.remote) await preparedSql(db, 'audit_account_rule_day', { since, to, kept });
    const literal = loadQuery('audit_account_rule_day')
      .sql.replace(/\$since\b/g, `'${since}'`)
      .replace(/\$to\b/g, `'${to}'`)
      .replace(/\$kept\b/g, 'true');
    await sqlExec(db, `CREATE TEMP VIEW audit_account_rule_day AS ${literal}`);
  } else {
    // A remote source (a ClickHouse table) may answer this reduction on the cluster (src/db/remote.ts).
    const params = { since, to, kept };
    const ruleDay = await preparedSql(db, 'audit_account_rule_day', params);
    await sqlExec(db, `CREATE TEMP TABLE audit_account_rule_day AS ${ruleDay}`, usedParams(ruleDay, params));
  }
  await sqlExec(db, `CREATE TEMP TABLE audit_account_day AS ${await preparedSql(db, 'audit_account_day', {})}`);
}

export async function dropAccountDayRollup(db: Database): Promise<void> {
  await sqlExec(db, 'DROP TABLE IF EXISTS audit_account_day');
  const [{ view }] = await sqlRows<{ view: boolean }>(
    db,
    `SELECT count(*) > 0 AS view FROM duckdb_views() WHERE view_name = 'audit_account_rule_day' AND temporary`,
  );
  await sqlExec(db, `DROP ${view ? 'VIEW' : 'TABLE'} IF EXISTS audit_account_rule_day`);
}

/** Whether the audit may read the import-time rollups: they are current, and the caller did not ask for raw rows. */
export async function keptRollupsInUse(db: Database, raw: boolean | undefined): Promise<boolean> {
  return !raw && (await rollupsCurrent(db));
}
