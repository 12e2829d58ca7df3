import type { Database } from './database.ts';
import { rollupsCurrent } from './rollups.ts';
import { loadQuery, preparedSql, usedParams } from './run.ts';
import { sqlExec } from './sql.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where a connection's audit tables live and how its account-rule-day view reads them (see buildAccountDayRollup). */
interface Built {
  scratch: string;
  ruleDayView: string;
  dayView: string;
}
const built = new WeakMap<Database, Built>();
let scratchCount = 0;

/**
 * Stores queries/audit_account_rule_day.sql for [since, to) and its per-account-day sum (audit_account_day.sql) once
 * per audit, shared by the spike, floor and burst checks. With `kept` (the import-time rollups are current) the
 * account-rule-days are the earn cells of rollup_account_day already, so they stay a view over it — copying millions
 * of cells costs more than the checks' filtered reads of them — and so do the per-account-day sums of a local
 * database, which the import keeps in rollup_earn_day (audit_account_day_kept.sql: grouping and storing them was
 * the audit's largest step before any check could start); a ClickHouse source keeps no such rollup, so its sums
 * are grouped from the cells it fetched and stored; without `kept` both are reduced from the rows. A view takes no
 * parameters: its two dates are checked and then written as literals.
 * The tables go into an in-memory database attached for this audit (writable even beside a read-only file), not
 * into TEMP: TEMP is one connection's, and the audit's other connections read them too (shareAccountDayRollup), so
 * burst_redeem runs beside account_spike instead of after it. `db` gets TEMP views of the two names over them.
 */
export async function buildAccountDayRollup(db: Database, since: string, to: string, kept: boolean): Promise<void> {
  await dropAccountDayRollup(db);
  const scratch = `audit_scratch_${process.pid}_${++scratchCount}`;
  let ruleDayView: string;
  const stored = kept && !db.remote;
  if (kept) {
    for (const d of [since, to]) if (!DAY.test(d)) throw new RangeError(`not a YYYY-MM-DD day: ${d}`);
    // A remote source fetches the window's cells first (src/db/clickhouse/demand.ts); they stay while the view does.
    if (db.remote) await preparedSql(db, 'audit_account_rule_day', { since, to, kept });
    ruleDayView = withDays('audit_account_rule_day', since, to).replace(/\$kept\b/g, 'true');
  } else ruleDayView = `SELECT * FROM ${scratch}.audit_account_rule_day`;
  const dayView = stored ? withDays('audit_account_day_kept', since, to) : `SELECT * FROM ${scratch}.audit_account_day`;
  await sqlExec(db, `ATTACH ':memory:' AS ${scratch} (READ_ONLY false)`);
  built.set(db, { scratch, ruleDayView, dayView });
  if (!kept) {
    // A remote source (a ClickHouse table) may answer this reduction on the cluster (src/db/remote.ts).
    const params = { since, to, kept };
    const ruleDay = await preparedSql(db, 'audit_account_rule_day', params);
    await sqlExec(db, `CREATE TABLE ${scratch}.audit_account_rule_day AS ${ruleDay}`, usedParams(ruleDay, params));
  }
  await sqlExec(db, `CREATE TEMP VIEW audit_account_rule_day AS ${ruleDayView}`);
  if (!stored)
    await sqlExec(db, `CREATE TABLE ${scratch}.audit_account_day AS ${await preparedSql(db, 'audit_account_day', {})}`);
  await sqlExec(db, `CREATE TEMP VIEW audit_account_day AS ${dayView}`);
}

/** A query file's text with its checked days $since and $to written in (a view takes no parameters). */
const withDays = (id: string, since: string, to: string) =>
  loadQuery(id)
    .sql.replace(/\$since\b/g, `'${since}'`)
    .replace(/\$to\b/g, `'${to}'`);

/** Gives `other` (another connection of the same instance) the two views of the audit tables `db` built. */
export async function shareAccountDayRollup(db: Database, other: Database): Promise<void> {
  const b = built.get(db);
  if (!b) throw new Error('the audit account-day tables are not built on this connection');
  await dropViews(other);
  await sqlExec(other, `CREATE TEMP VIEW audit_account_rule_day AS ${b.ruleDayView}`);
  await sqlExec(other, `CREATE TEMP VIEW audit_account_day AS ${b.dayView}`);
}

async function dropViews(db: Database): Promise<void> {
  await sqlExec(db, 'DROP VIEW IF EXISTS audit_account_day');
  await sqlExec(db, 'DROP VIEW IF EXISTS audit_account_rule_day');
}

/** Drops the views and, on the connection that built them, the audit tables (its attached database). */
export async function dropAccountDayRollup(db: Database): Promise<void> {
  await dropViews(db);
  const b = built.get(db);
  if (!b) return;
  built.delete(db);
  await sqlExec(db, `DETACH DATABASE IF EXISTS ${b.scratch}`);
}

/** Whether the audit may read the import-time rollups: they are current, and the caller did not ask for raw rows. */
export async function keptRollupsInUse(db: Database, raw: boolean | undefined): Promise<boolean> {
  return !raw && (await rollupsCurrent(db));
}
