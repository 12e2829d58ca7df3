// Puts the sample ledger and roster into the test cluster exactly as DuckDB's importer accepted them, as
// TabSeparated text (\N for NULL; ClickHouse reads empty CSV fields as empty strings, not NULL).
import { join } from 'node:path';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import { importAccounts, importLedger } from '../../src/ledger/import.ts';
import { DATABASE, insertTsv, type Cluster } from './cluster.ts';
import { sqlRows } from '../../src/db/sql.ts';

/** One TabSeparated field: ClickHouse's escapes for backslash, tab and line breaks; \N for NULL. */
export function tsvField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export const tsvLine = (values: unknown[]) => `${values.map(tsvField).join('\t')}\n`;

/** The `ledger` table's rows in the cluster's column order, from a DuckDB database. */
export const LEDGER_EXPORT = `SELECT event_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at, account_id, points::VARCHAR AS points,
  event_type, rule_id, experiment_id, variant, counterparty_id, approver_id, category, cash_value::VARCHAR AS cash_value,
  reason, department, region FROM ledger ORDER BY source_line`;

const ROSTER_ATTRS = ['name', 'department', 'region', 'role', 'gender', 'level'];

const SAMPLE = join(PROJECT_ROOT, 'sample-data');
/** The bundled sample's ledger, roster, rules and program settings. */
export const SAMPLE_FILES = {
  ledger: join(SAMPLE, 'ledger.csv'),
  accounts: join(SAMPLE, 'accounts.csv'),
  rules: join(SAMPLE, 'rules.csv'),
  config: join(SAMPLE, 'program.json'),
};

/** Where rows are inserted: a cluster, or any engine that runs its statements (scripts/chdb-check.ts). */
export type Loader = Pick<Cluster, 'query'>;

/** Imports a ledger file into `db` and puts the accepted rows into the cluster's ledger; returns how many. */
async function ledgerInto(cluster: Loader, db: Database, file: string): Promise<number> {
  await importLedger(db, { file });
  const rows = await sqlRows<Record<string, unknown>>(db, LEDGER_EXPORT);
  await insertTsv(cluster, `${DATABASE}.ledger`, rows.map((r) => tsvLine(Object.values(r))).join(''));
  return rows.length;
}

/** A ledger file alone (no roster) into the cluster, as DuckDB's importer accepted it; returns its rows. */
export async function loadLedger(cluster: Loader, file: string): Promise<number> {
  const db = await Database.open(':memory:');
  try {
    return await ledgerInto(cluster, db, file);
  } finally {
    db.close();
  }
}

export async function loadSample(
  cluster: Loader,
  files: { ledger: string; accounts: string },
): Promise<{ rows: number; accounts: number }> {
  const db = await Database.open(':memory:');
  try {
    const rows = await ledgerInto(cluster, db, files.ledger);
    await importAccounts(db, { file: files.accounts });
    const accounts = await sqlRows<Record<string, unknown>>(
      db,
      `SELECT account_id, strftime(joined_at, '%Y-%m-%d') AS joined_at, strftime(left_at, '%Y-%m-%d') AS left_at,
         ${ROSTER_ATTRS.map((a) => `attrs['${a}'] AS ${a}`).join(', ')} FROM accounts ORDER BY source_line`,
    );
    const ordered = accounts.map((a) => [
      a.account_id,
      a.name,
      a.joined_at,
      a.left_at,
      a.department,
      a.region,
      a.role,
      a.gender,
      a.level,
    ]);
    await insertTsv(cluster, `${DATABASE}.accounts`, ordered.map(tsvLine).join(''));
    return { rows, accounts: accounts.length };
  } finally {
    db.close();
  }
}
