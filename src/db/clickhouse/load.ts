// Fills the ledger and roster tables of an in-memory DuckDB from ClickHouse: the ledger part file by part file
// (ClickhouseReader.csvFiles), the small roster batch by batch through DuckDB's appender, so the Node process holds
// one part at a time however large the remote table is. DuckDB's own SQL (queries/*.sql) then runs on the result.
import type { Database } from '../database.ts';
import { UserError } from '../../errors.ts';
import type { Cell, ClickhouseReader } from './client.ts';
import { ACCOUNTS_SPEC, LEDGER_SPEC, checkSchema } from './schema.ts';
import { chTable } from './literal.ts';
import { dateValue } from './values.ts';
import { EVENT_TYPES as LEDGER_EVENT_TYPES } from '../../ledger/columns.ts';
import { assertSameColumns, castList, insertCount, readPart, tableColumns, type Column } from './csv-insert.ts';
import { rmSync } from 'node:fs';

const EVENT_TYPES: ReadonlySet<string> = new Set(LEDGER_EVENT_TYPES);

type Text = Cell;

/** The ledger columns read remotely, in schema.sql's order: text forms that convert exactly. */
function ledgerSelect(present: Set<string>, tableSql: string): string {
  const cols = LEDGER_SPEC.map((c) => {
    if (!present.has(c.name)) return `NULL AS ${c.name}`;
    if (c.kind === 'string') return c.name;
    return `toString(${c.name}) AS ${c.name}`;
  });
  return `SELECT ${cols.join(', ')} FROM ${tableSql}`;
}

/** Checks the --source table's schema; returns the spec columns it has. */
export async function checkLedgerSchema(reader: ClickhouseReader): Promise<Set<string>> {
  const s = reader.source;
  return (await checkSchema(reader, s.database, s.table, LEDGER_SPEC, 'ledger')).present;
}

/** The first row of a part that the importer would quarantine, and why; a row that cannot be analysed stops the run. */
function badRowSql(stage: string, columns: Column[]): string {
  const at = (name: string) => `c${columns.findIndex((c) => c.name === name)}`;
  const types = [...EVENT_TYPES].map((t) => `'${t}'`).join(', ');
  return `SELECT ${at('event_id')} AS event_id, CASE
      WHEN coalesce(${at('event_id')}, '') = '' THEN 'has no event_id'
      WHEN coalesce(${at('account_id')}, '') = '' THEN 'has no account_id'
      ELSE 'has event_type ' || to_json(${at('event_type')})::VARCHAR || ', expected one of ${[...EVENT_TYPES].join(', ')}' END AS what
    FROM ${stage}
    WHERE coalesce(${at('event_id')}, '') = '' OR coalesce(${at('account_id')}, '') = '' OR ${at('event_type')} NOT IN (${types})
    LIMIT 1`;
}

/**
 * The ledger rows themselves, for the metric SQL that still reads `ledger` (row-level checks and metrics not yet on
 * rollups): streamed as CSV parts into `dir`, staged, checked, and appended with their position as source_line.
 */
export async function loadLedger(
  reader: ClickhouseReader,
  db: Database,
  present: Set<string>,
  dir: string,
): Promise<number> {
  const s = reader.source;
  const where = `${s.url.replace('http://', '')}/${s.database}.${s.table}`;
  const columns = (await tableColumns(db, 'ledger')).slice(0, LEDGER_SPEC.length);
  let n = 0;
  const names = await reader.csvFiles(ledgerSelect(present, s.tableSql), dir, async (file) => {
    await db.exec(`CREATE OR REPLACE TEMP TABLE ll_ledger_part AS SELECT * FROM ${readPart(file, columns.length)}`);
    rmSync(file);
    const bad = await db.all<{ event_id: string | null; what: string }>(badRowSql('ll_ledger_part', columns));
    if (bad.length > 0) {
      throw new UserError(
        'clickhouse_bad_row',
        `${where}: row with event_id ${JSON.stringify(bad[0].event_id ?? '')} ${bad[0].what}`,
        {
          hint: 'Fix the row in the ClickHouse table (or export the ledger and import it, which quarantines such rows).',
        },
      );
    }
    // extra: the canonical columns only; import 1; source_line: the row's position in the stream.
    const rows = await insertCount(
      db,
      `INSERT INTO ledger SELECT ${castList(columns)}, NULL, 1, ${n} + row_number() OVER () FROM ll_ledger_part`,
    );
    n += rows;
    return rows;
  });
  await db.exec('DROP TABLE IF EXISTS ll_ledger_part');
  assertSameColumns(`the ledger query of ${where}`, names, columns);
  // An import keeps the first row of an event_id and counts the others as duplicates; a MergeTree keeps them all, and
  // the reductions have counted them. Say so rather than report sums that count an event twice.
  const dup = await db.all<{ event_id: string; n: number }>(
    `SELECT event_id, count(*)::INTEGER AS n FROM ledger GROUP BY event_id HAVING count(*) > 1 LIMIT 1`,
  );
  if (dup.length > 0) {
    throw new UserError(
      'clickhouse_duplicate_event',
      `${where}: event_id ${JSON.stringify(dup[0].event_id)} occurs ${dup[0].n} times`,
      {
        hint: 'Each event must be one row: remove the duplicates (e.g. OPTIMIZE … DEDUPLICATE, or a ReplacingMergeTree by event_id), or export the ledger and import it, which keeps the first row.',
      },
    );
  }
  return n;
}

// The roster's attributes in the order the file importer writes them: the known ones, then the others.
const KNOWN_ATTRS = ['department', 'region', 'role', 'gender'];

/**
 * Reads --accounts-table into `accounts`: account_id, joined_at, left_at, and every other column as an attribute
 * (through a staging table of this in-memory database, since attrs is a MAP).
 */
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
