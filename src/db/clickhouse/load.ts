// Fills the ledger and roster tables of an in-memory DuckDB from ClickHouse: the ledger part file by part file
// (ClickhouseReader.csvFiles), the small roster batch by batch through DuckDB's appender, so the Node process holds
// one part at a time however large the remote table is. DuckDB's own SQL (queries/*.sql) then runs on the result.
import type { Database } from '../database.ts';
import { UserError } from '../../errors.ts';
import type { Cell, ClickhouseReader } from './client.ts';
import { ACCOUNTS_SPEC, LEDGER_SPEC, checkSchema } from './schema.ts';
import { chString, chTable } from './literal.ts';
import { dateValue } from './values.ts';
import { EVENT_TYPES as LEDGER_EVENT_TYPES } from '../event-types.ts';
import { assertSameColumns, castList, insertCount, readPart, tableColumns } from './csv-insert.ts';
import { rmSync } from 'node:fs';
import { connectionOf, sqlExec, sqlRows } from '../sql.ts';

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

/** Hashes seen twice checked on their ids in one query; more than this, and the bucket is grouped on its ids. */
const HASHES = 1000;

/** A UInt64 as ClickHouse sends it (JSON text), checked: it becomes part of a query. */
function uint64(text: string): string {
  if (!/^\d{1,20}$/.test(text)) throw new Error(`not a UInt64: ${text}`);
  return text;
}

/**
 * Checks every remote row before anything is read: a row the importer would quarantine, or an event held twice,
 * stops the run (the reductions would count it). The duplicate search groups the ids' 64-bit hashes (cityHash64) in
 * buckets of about 40 million, so the server never holds more than that many at once however large the table is.
 */
export async function checkRemoteRows(reader: ClickhouseReader): Promise<void> {
  const s = reader.source;
  const where = `${s.url.replace('http://', '')}/${s.database}.${s.table}`;
  const types = [...EVENT_TYPES].map(chString).join(', ');
  const [bad] = await reader.all<{ event_id: string; account_id: string; event_type: string }>(
    `SELECT event_id, account_id, event_type FROM ${s.tableSql} WHERE event_id = '' OR account_id = '' OR event_type NOT IN (${types}) LIMIT 1`,
  );
  if (bad) {
    const what =
      bad.event_id === ''
        ? 'has no event_id'
        : bad.account_id === ''
          ? 'has no account_id'
          : `has event_type ${JSON.stringify(bad.event_type)}, expected one of ${[...EVENT_TYPES].join(', ')}`;
    throw new UserError('clickhouse_bad_row', `${where}: row with event_id ${JSON.stringify(bad.event_id)} ${what}`, {
      hint: 'Fix the row in the ClickHouse table (or export the ledger and import it, which quarantines such rows).',
    });
  }
  const [{ n }] = await reader.all<{ n: string }>(`SELECT count() AS n FROM ${s.tableSql}`);
  // The ids' 64-bit hashes are grouped, in buckets of 40 million so the server's memory stays bounded: a hash takes a
  // fraction of the memory and time an id string takes (at 100 M rows one bucket took 52 s against 105 s by the ids,
  // in buckets of 20 million). Only the hashes seen twice are then checked on the ids themselves.
  const buckets = Math.max(1, Math.ceil(Number(n) / 40_000_000));
  for (let i = 0; i < buckets; i++) {
    const bucket = buckets === 1 ? '' : `WHERE h % ${buckets} = ${i}`;
    const twice = await reader.all<{ h: string }>(
      `SELECT h FROM (SELECT cityHash64(event_id) AS h FROM ${s.tableSql} ${bucket}) GROUP BY h HAVING count() > 1 LIMIT ${HASHES}`,
    );
    if (twice.length === 0) continue;
    // Hashes of two different ids (rare) are no duplicate; past HASHES of them, the bucket's ids are grouped instead.
    const seen = twice.length < HASHES ? `cityHash64(event_id) IN (${twice.map((t) => uint64(t.h)).join(', ')})` : null;
    const ids = seen ?? (buckets === 1 ? '1' : `cityHash64(event_id) % ${buckets} = ${i}`);
    const [dup] = await reader.all<{ event_id: string; n: string }>(
      `SELECT event_id, count() AS n FROM ${s.tableSql} WHERE ${ids} GROUP BY event_id HAVING count() > 1 LIMIT 1`,
    );
    if (dup) {
      // An import keeps the first row of an event_id and counts the others as duplicates; a MergeTree keeps them all,
      // and the reductions would count them. Say so rather than report sums that count an event twice.
      throw new UserError(
        'clickhouse_duplicate_event',
        `${where}: event_id ${JSON.stringify(dup.event_id)} occurs ${dup.n} times`,
        {
          hint: 'Each event must be one row: remove the duplicates (e.g. OPTIMIZE … DEDUPLICATE, or a ReplacingMergeTree by event_id), or export the ledger and import it, which keeps the first row.',
        },
      );
    }
  }
}

/**
 * Ledger rows (all of them, or those `where` selects, a condition written by demand.ts) into the local `ledger`
 * table: streamed as CSV parts into `dir` and appended with their position as source_line. Returns the rows added.
 */
export async function loadLedger(
  reader: ClickhouseReader,
  db: Database,
  present: Set<string>,
  dir: string,
  where = '',
): Promise<number> {
  const s = reader.source;
  const columns = (await tableColumns(db, 'ledger')).slice(0, LEDGER_SPEC.length);
  const [{ n: first }] = await sqlRows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM ledger');
  let n = first;
  // The condition reads the table's own columns, not the text forms the outer SELECT names the same.
  const sql = ledgerSelect(present, where ? `(SELECT * FROM ${s.tableSql} WHERE ${where})` : s.tableSql);
  const names = await reader.csvFiles(sql, dir, async (file) => {
    // extra: the canonical columns only; import 1; source_line: the row's position in the stream.
    const rows = await insertCount(
      db,
      `INSERT INTO ledger SELECT ${castList(columns)}, NULL, 1, ${n} + row_number() OVER () FROM ${readPart(file, columns.length)}`,
    );
    rmSync(file);
    n += rows;
    return rows;
  });
  assertSameColumns(`the ledger query of ${s.display}`, names, columns);
  reader.stats.ledgerRows += n - first;
  return n - first;
}

// The roster's attributes in the order the file importer writes them: the known ones, then the others.
const KNOWN_ATTRS = ['department', 'region', 'role', 'gender'];

/**
 * Reads --accounts-table into `accounts`: account_id, joined_at, left_at, and every other column as an attribute
 * (through a staging table of this in-memory database, since attrs is a MAP).
 */
export async function loadAccounts(
  reader: ClickhouseReader,
  db: Database,
  qualified: string,
): Promise<{ rows: number; department: string | null }> {
  const t = chTable(qualified, '--accounts-table');
  const { present, all } = await checkSchema(reader, t.database, t.table, ACCOUNTS_SPEC, 'accounts');
  const others = all.map((c) => c.name).filter((c) => !ACCOUNTS_SPEC.some((s) => s.name === c));
  const attrs = [...KNOWN_ATTRS.filter((a) => others.includes(a)), ...others.filter((a) => !KNOWN_ATTRS.includes(a))];
  const quote = (name: string) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
  const date = (c: string) => (present.has(c) ? `toString(${c})` : 'NULL');
  const sql = `SELECT account_id, ${date('joined_at')} AS joined_at, ${date('left_at')} AS left_at${attrs.map((a, i) => `, toString(${quote(a)}) AS a${i}`).join('')} FROM ${t.sql}`;
  await sqlExec(db, 'CREATE TABLE roster_stage (account_id VARCHAR, joined_at DATE, left_at DATE, attrs VARCHAR)');
  const appender = await connectionOf(db).createAppender('roster_stage');
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
  await sqlExec(
    db,
    `INSERT INTO accounts SELECT account_id, joined_at, left_at,
      map_from_entries(CAST(attrs::JSON AS STRUCT(k VARCHAR, v VARCHAR)[])), 1, row_number() OVER () FROM roster_stage`,
  );
  await sqlExec(db, 'DROP TABLE roster_stage');
  // The roster's department on the cluster (account spike's peer groups, demand.ts): trimmed, '' when none, as read here.
  const department = attrs.includes('department')
    ? `SELECT account_id AS a, replaceRegexpAll(ifNull(toString(department), ''), '^\\\\s+|\\\\s+$', '') AS rd FROM ${t.sql}`
    : null;
  return { rows: n, department };
}
