// Fills the tables of an in-memory DuckDB from ClickHouse, batch by batch through DuckDB's appender, so the Node
// process holds one batch at a time however large the remote table is. The remote queries are projections written
// once here; DuckDB's own SQL (queries/*.sql) then runs unchanged on the result.
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Database } from '../database.ts';
import { UserError } from '../../errors.ts';
import type { ClickhouseReader } from './client.ts';
import { ACCOUNTS_SPEC, LEDGER_SPEC, checkSchema } from './schema.ts';
import { chTable } from './literal.ts';
import { dateValue, decimalValue, timestampValue } from './values.ts';
import { EVENT_TYPES as LEDGER_EVENT_TYPES } from '../../ledger/columns.ts';

const FLUSH_EVERY = 100_000;
const EVENT_TYPES: ReadonlySet<string> = new Set(LEDGER_EVENT_TYPES);

type Text = string | null;

function appendText(a: DuckDBAppender, v: Text) {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

/** The ledger columns read remotely, in schema.sql's order: text forms that convert exactly. */
function ledgerSelect(present: Set<string>, tableSql: string): string {
  const cols = LEDGER_SPEC.map((c) => {
    if (!present.has(c.name)) return `NULL AS ${c.name}`;
    if (c.kind === 'string') return c.name;
    return `toString(${c.name}) AS ${c.name}`;
  });
  return `SELECT ${cols.join(', ')} FROM ${tableSql}`;
}

type LedgerRow = Record<(typeof LEDGER_SPEC)[number]['name'], Text>;

/** A remote row the importer would quarantine cannot be analysed: say which and stop, never drop it silently. */
function checkRow(r: LedgerRow, where: string) {
  const bad = (what: string) => {
    throw new UserError('clickhouse_bad_row', `${where}: row with event_id ${JSON.stringify(r.event_id)} ${what}`, {
      hint: 'Fix the row in the ClickHouse table (or export the ledger and import it, which quarantines such rows).',
    });
  };
  if (!r.event_id) bad('has no event_id');
  if (!r.account_id) bad('has no account_id');
  if (!EVENT_TYPES.has(r.event_type as string)) bad(`has event_type ${JSON.stringify(r.event_type)}, expected one of ${[...EVENT_TYPES].join(', ')}`);
}

/** Checks the --source table's schema; returns the spec columns it has. */
export async function checkLedgerSchema(reader: ClickhouseReader): Promise<Set<string>> {
  const s = reader.source;
  return (await checkSchema(reader, s.database, s.table, LEDGER_SPEC, 'ledger')).present;
}

/** The ledger rows themselves, for the metric SQL that still reads `ledger` (row-level checks, not yet on rollups). */
export async function loadLedger(reader: ClickhouseReader, db: Database, present: Set<string>): Promise<number> {
  const s = reader.source;
  const appender = await db.connection.createAppender('ledger');
  const where = `${s.url.replace('http://', '')}/${s.database}.${s.table}`;
  let n = 0;
  for await (const batch of reader.batches<LedgerRow>(ledgerSelect(present, s.tableSql))) {
    for (const r of batch) {
      checkRow(r, where);
      appender.appendVarchar(r.event_id as string);
      appender.appendTimestamp(timestampValue(r.occurred_at as string));
      appender.appendVarchar(r.account_id as string);
      appender.appendDecimal(decimalValue(r.points as string));
      appender.appendVarchar(r.event_type as string);
      for (const c of ['rule_id', 'experiment_id', 'variant', 'counterparty_id', 'approver_id', 'category'] as const) appendText(appender, r[c]);
      if (r.cash_value === null) appender.appendNull();
      else appender.appendDecimal(decimalValue(r.cash_value));
      for (const c of ['reason', 'department', 'region'] as const) appendText(appender, r[c]);
      appender.appendNull(); // extra: the canonical columns only
      appender.appendInteger(1);
      appender.appendBigInt(BigInt(++n));
      appender.endRow();
      if (n % FLUSH_EVERY === 0) appender.flushSync();
    }
  }
  appender.closeSync();
  return n;
}

// The roster's attributes in the order the file importer writes them: the known ones, then the others.
const KNOWN_ATTRS = ['department', 'region', 'role', 'gender'];

/** Reads --accounts-table into `accounts` (through a staging table of this in-memory database: attrs is a MAP): account_id, joined_at, left_at, and every other column as an attribute. */
export async function loadAccounts(reader: ClickhouseReader, db: Database, qualified: string): Promise<number> {
  const t = chTable(qualified, '--accounts-table');
  const { present, all } = await checkSchema(reader, t.database, t.table, ACCOUNTS_SPEC, 'accounts');
  const others = all.map((c) => c.name).filter((c) => !ACCOUNTS_SPEC.some((s) => s.name === c));
  const attrs = [...KNOWN_ATTRS.filter((a) => others.includes(a)), ...others.filter((a) => !KNOWN_ATTRS.includes(a))];
  const quote = (name: string) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
  const date = (c: string) => (present.has(c) ? `toString(${c})` : 'NULL');
  const sql = `SELECT account_id, ${date('joined_at')} AS joined_at, ${date('left_at')} AS left_at${attrs.map((a, i) => `, toString(${quote(a)}) AS a${i}`).join('')} FROM ${t.sql}`;
  await db.exec('CREATE TABLE roster_stage (account_id VARCHAR, joined_at DATE, left_at DATE, attrs VARCHAR)');
  const appender = await db.connection.createAppender('roster_stage');
  let n = 0;
  for await (const batch of reader.batches<Record<string, Text>>(sql)) {
    for (const r of batch) {
      const entries = attrs.map((a, i) => ({ k: a, v: r[`a${i}`]?.trim() ?? '' })).filter((e) => e.v !== '');
      appender.appendVarchar(r.account_id as string);
      for (const c of ['joined_at', 'left_at']) {
        const d = dateValue(r[c]);
        if (d === null) appender.appendNull();
        else appender.appendDate(d);
      }
      appender.appendVarchar(JSON.stringify(entries));
      appender.endRow();
      n++;
    }
    appender.flushSync();
  }
  appender.closeSync();
  await db.exec(`INSERT INTO accounts SELECT account_id, joined_at, left_at,
      map_from_entries(CAST(attrs::JSON AS STRUCT(k VARCHAR, v VARCHAR)[])), 1, row_number() OVER () FROM roster_stage`);
  await db.exec('DROP TABLE roster_stage');
  return n;
}
