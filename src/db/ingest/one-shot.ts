import type { Database } from '../database.ts';
import { EVENT_TYPES } from '../event-types.ts';
import { sqlString } from '../ident.ts';
import { insertKeepsOrder, linesFromOrder } from '../insert-order.ts';
import { DAY_OF_ROW, ONE_SHOT_DAY, ONE_SHOT_LEDGER, ONE_SHOT_MONTH, ONE_SHOT_ROWS } from '../one-shot-rows.ts';
import { FAST_FORMAT_CANDIDATES } from './parse-sql.ts';
import { sqlExec, sqlRows } from '../sql.ts';

/**
 * The one-shot read of `report --ledger`: a clean export (canonical header, ISO-like timestamps, plain numbers, no
 * repeated ids) typed by DuckDB's reader straight into the in-memory ledger in one parallel pass, without the
 * import's explaining stage, its file scan or its line bookkeeping. Only files on which the import would accept
 * every row take this path: any row the import would quarantine, change (trim, map an alias) or count as a
 * duplicate makes the whole read roll back (the query stops at the first such row), and the caller runs the full
 * import instead, which quarantines it with its reasons. So the rows read here are exactly the rows the import
 * accepts, and `rows read = accepted` holds. This file builds the SQL and runs it; src/ledger/canonical-header.ts says which files may try.
 */

/** Columns read as text and stored as they are (the import stores them trimmed, '' as NULL). */
const TEXT = ['event_id', 'account_id', 'event_type', 'rule_id', 'experiment_id', 'variant', 'counterparty_id'];
const MORE_TEXT = ['approver_id', 'category', 'reason', 'department', 'region'];
/** A plain decimal the import reads with the same value (TRY_CAST to DECIMAL(18,2)): no sign '+', no exponent. */
const PLAIN = `'-?[0-9]{1,16}(\\.[0-9]{1,2})?'`;
const SIGN: Record<string, string> = { earn: '> 0', deduct: '< 0', redeem: '< 0', expire: '< 0', transfer: '<> 0' };

/**
 * Text columns checked on every row in the one-shot read and the import's typed pass: ids and free text, whose values
 * hardly repeat (event_type's list admits no padded value). The others (accounts, rules, attributes, approvers)
 * repeat: their distinct values are checked once the rows are in (distinctValuesClean), fewer tests than one per row
 * (a trim per row and column was half the cost of reading the file).
 */
const PER_ROW = ['event_id', 'event_type', 'reason'];
const VALUE_CHECKED = [...TEXT, ...MORE_TEXT].filter((c) => !PER_ROW.includes(c));

/**
 * A text value the import stores as it is: missing, or neither blank nor padded (the import trims, '' is missing).
 * DuckDB's trim takes the space separators (Unicode Zs) off both ends, and the only ASCII one is ' ': an ASCII value
 * (as many bytes as characters) is padded exactly when it starts or ends with ' ', two prefix tests where trim
 * decodes and copies every id (about 0.6 CPU s of the one-shot read at 10M rows). Other values are trimmed as before.
 */
const cleanText = (c: string) =>
  `(${c} IS NULL OR (${c} <> '' AND CASE WHEN strlen(${c}) = length(${c}) THEN NOT (${c} LIKE ' %' OR ${c} LIKE '% ') ELSE ${c} = trim(${c}) END))`;

/**
 * True when every distinct value of the value-checked columns of `header` in the ledger (the rows of import
 * `importId` when given) is clean (cleanText): with the per-row checks of cleanLedgerInsert, the same test as
 * checking every row. One scan per column.
 */
function distinctValuesClean(header: string[], importId?: number, checkedElsewhere: string[] = []): string {
  const cols = VALUE_CHECKED.filter((c) => header.includes(c) && !checkedElsewhere.includes(c));
  const rows = importId === undefined ? 'ledger' : `ledger WHERE import_id = ${Math.trunc(importId)}`;
  const each = cols.map((c) => `(SELECT bool_and(${cleanText('v')}) FROM (SELECT DISTINCT ${c} AS v FROM ${rows}))`);
  return `SELECT ${each.length ? `coalesce(${each.join(' AND ')}, true)` : 'true'} AS clean`;
}

/**
 * The common export format, whose timestamps are read as text and cast: DuckDB's cast is about half the CPU of
 * parsing by a format, yet takes spellings the format does not ('T', an offset, a fraction, an hour 24). Only a
 * value that is the cast's own rendering, 19 characters long, is kept: exactly the format's fields, whose value the
 * format (the import's first try, timestampExpr) gives too; any other sends the file the full way.
 */
const ISO_SECONDS = '%Y-%m-%d %H:%M:%S';

/**
 * The row's month, the value MONTH_OF_ROW gives (reductions/account_month.sql's key), from its day: the day less the
 * days before it in its month. Truncating each timestamp to its month cost about 0.5 CPU s at 10M rows, this about 0.3.
 */
const MONTH_OF_DAY = `(${DAY_OF_ROW} - (dayofmonth(occurred_at) - 1)::INTEGER)`;

/** Raised inside the read to roll it back: the file needs the full import. */
const NOT_CLEAN = 'll_one_shot_not_clean';

/**
 * The statement that types a clean file with canonical `header`. By default the one-shot read: a table of the
 * file's columns (ONE_SHOT_ROWS), failing with NOT_CLEAN at the first row the import would not accept as it is.
 * With `into`, an INSERT into the ledger as import `into.importId` with each row's line (or 0, for linesFromOrder),
 * leaving such rows out (and those the reader cannot type): the caller compares the rows written with the file's
 * lines, checks the repeating values (distinctValuesClean), and reads the file the full way when either fails.
 */
export function cleanLedgerInsert(
  file: string,
  header: string[],
  format: string,
  into?: { importId: number; lines: 'order' | 'numbered' },
): string {
  // ISO timestamps are read as text and cast (see ISO_SECONDS), any other format by the reader.
  const iso = format === ISO_SECONDS;
  const types = Object.fromEntries(
    header.map((c) => [c, c === 'occurred_at' && !iso ? 'TIMESTAMP' : 'VARCHAR'] as [string, string]),
  );
  // Without ignore_errors a row the reader cannot type (a ragged row, a timestamp in another format, invalid UTF-8)
  // fails the read; with it, the row is missing from the count.
  const reader = `read_csv(${sqlString(file)}, header=true, auto_detect=false, delim=',', quote='"', escape='"',
    timestampformat=${sqlString(format)}, max_line_size=16777216,${into ? ' ignore_errors=true,' : ''}
    columns={${header.map((c) => `${sqlString(c)}: '${types[c]}'`).join(', ')}})`;
  const has = (c: string) => header.includes(c);
  const text = [...TEXT, ...MORE_TEXT].filter(has);
  const perRow = text.filter((c) => PER_ROW.includes(c) && c !== 'event_type');
  const clean = [
    // Present, not blank, not padded: the import trims and treats '' as missing.
    ...['event_id', 'account_id', 'event_type'].map((c) => `${c} IS NOT NULL`),
    ...perRow.map(cleanText),
    `occurred_at IS NOT NULL AND occurred_at >= TIMESTAMP '1970-01-01' AND occurred_at < TIMESTAMP '2100-01-01'`,
    iso ? `strlen(ll_at_text) = 19 AND occurred_at::VARCHAR = ll_at_text` : 'true',
    `regexp_full_match(points, ${PLAIN})`,
    // A known type with its sign, as one CASE: an IN list became a join, which lets the insert lose the file's order.
    `CASE event_type ${EVENT_TYPES.map((t) => `WHEN '${t}' THEN ${t in SIGN ? `ll_points ${SIGN[t]}` : 'true'}`).join(' ')} ELSE false END`,
    has('cash_value') ? `(cash_value IS NULL OR regexp_full_match(cash_value, ${PLAIN}))` : 'true',
  ].join(' AND ');
  const insert = [...text, 'occurred_at', 'points', ...(has('cash_value') ? ['cash_value'] : [])];
  // Each amount parsed once: the same value serves the sign check and the row (the pattern makes it castable).
  const value = (c: string) =>
    c === 'points' ? 'll_points AS points' : c === 'cash_value' ? `${c}::DECIMAL(18,2) AS ${c}` : c;
  const at = iso ? ` REPLACE (TRY_CAST(r.occurred_at AS TIMESTAMP) AS occurred_at), r.occurred_at AS ll_at_text` : '';
  const rows = `(SELECT *${at}, TRY_CAST(r.points AS DECIMAL(18,2)) AS ll_points FROM ${reader} r)`;
  // The row's month and day kept beside it (ONE_SHOT_MONTH, ONE_SHOT_DAY): a period's bound then reaches a stored
  // column, whose row groups outside the period are skipped (an export is in time order).
  if (!into)
    return `CREATE TABLE ${ONE_SHOT_ROWS} AS SELECT ${insert.map(value).join(', ')}, ${MONTH_OF_DAY} AS ${ONE_SHOT_MONTH},
      ${DAY_OF_ROW} AS ${ONE_SHOT_DAY}
    FROM ${rows} WHERE CASE WHEN ${clean} THEN true ELSE error('${NOT_CLEAN}') END`;
  const columns = `${insert.join(', ')}, import_id, source_line`;
  // Lines from the order of the rows (linesFromOrder): no window, so the read and the insert run on every core.
  if (into.lines === 'order')
    return `INSERT INTO ledger (${columns}) SELECT ${insert.map(value).join(', ')}, ${into.importId}, 0 FROM ${rows} WHERE ${clean}`;
  // Numbered before the filter: a row left out leaves a gap, never a shifted line (and fails the caller's count).
  return `INSERT INTO ledger (${columns})
    SELECT ${insert.map(value).join(', ')}, ${into.importId}, line
    FROM (SELECT *, row_number() OVER () + 1 AS line FROM ${rows}) WHERE ${clean}`;
}

/**
 * The ledger of a one-shot read: a view of ONE_SHOT_ROWS with the stored ledger's columns, in its order and types
 * (`columns`), those the file lacks as NULL, as import 1 with no source lines. A NULL column costs no memory in a
 * view, where the table held one per row: at 10M rows the difference is most of a gigabyte. ONE_SHOT_LEDGER is the
 * same with the month and day kept with each row, for the reductions that group by them (src/db/rollups.ts).
 */
function oneShotLedgerViews(columns: { name: string; type: string }[], header: string[]): string[] {
  const column = ({ name, type }: { name: string; type: string }) =>
    header.includes(name)
      ? name
      : `${name === 'import_id' ? '1' : name === 'source_line' ? '0' : 'NULL'}::${type} AS ${name}`;
  return [
    `CREATE VIEW ${ONE_SHOT_LEDGER} AS SELECT ${columns.map(column).join(', ')}, ${ONE_SHOT_MONTH}, ${ONE_SHOT_DAY} FROM ${ONE_SHOT_ROWS}`,
    `CREATE VIEW ledger AS SELECT * EXCLUDE (${ONE_SHOT_MONTH}, ${ONE_SHOT_DAY}) FROM ${ONE_SHOT_LEDGER}`,
  ];
}

/**
 * Repeated ids would be duplicates or conflicts to the import: found as equal neighbours among the ids' hashes in
 * sorted order. Equal hashes of distinct ids (a collision) send a clean file the full way, never a repeat this way.
 * Sorting 64-bit hashes costs about half of counting them distinct, whose hash table of every id outgrows the caches.
 */
const REPEATED_IDS = `SELECT count(*) FILTER (WHERE repeated)::DOUBLE AS repeats
  FROM (SELECT h = lag(h) OVER (ORDER BY h) AS repeated FROM (SELECT hash(event_id) AS h FROM ${ONE_SHOT_ROWS}))`;

/**
 * Whether each of FAST_FORMAT_CANDIDATES reads every sampled timestamp of `file`, in their order, from one read of
 * the sample (rows the reader refuses are left out: never fails). A read per candidate cost about 0.1 s each at 10M
 * rows before the file's one pass could start.
 */
function timestampProbe(file: string): string {
  const sample = `(SELECT occurred_at AS t FROM read_csv(${sqlString(file)}, header=true, all_varchar=true, delim=',', quote='"', ignore_errors=true) LIMIT 1000)`;
  const each = FAST_FORMAT_CANDIDATES.map((f) => `bool_and(try_strptime(t, ${sqlString(f)}) IS NOT NULL)`);
  return `SELECT [${each.join(', ')}] AS ok FROM ${sample}`;
}

/** The first naive timestamp format (FAST_FORMAT_CANDIDATES, in order) that reads every sampled value of `file`. */
export async function timestampFormat(db: Database, file: string): Promise<string | undefined> {
  const [{ ok }] = await sqlRows<{ ok: (boolean | null)[] }>(db, timestampProbe(file)).catch(() => [{ ok: [] }]);
  return FAST_FORMAT_CANDIDATES.find((_f, i) => ok[i] === true);
}

/**
 * The one-pass import of a clean file with canonical `header` (TableSpec.typedInsert): the writer types it into the
 * ledger as import `id` and returns the rows written; undefined when no timestamp format reads it.
 */
export async function typedLedgerWriter(
  db: Database,
  file: string,
  header: string[],
): Promise<((id: number) => Promise<number>) | undefined> {
  const format = await timestampFormat(db, file);
  if (!format) return undefined;
  return async (id) => {
    const ordered = cleanLedgerInsert(file, header, format, { importId: id, lines: 'order' });
    if (await insertKeepsOrder(db, ordered)) {
      await sqlExec(db, ordered);
      await linesFromOrder(db, id);
    } else await sqlExec(db, cleanLedgerInsert(file, header, format, { importId: id, lines: 'numbered' }));
    // Repeating values were left to this check (one per distinct value): a padded one sends the file the full way.
    const [{ clean }] = await sqlRows<{ clean: boolean }>(db, distinctValuesClean(header, id));
    if (!clean) throw new Error('a value the import would trim');
    const [{ n }] = await sqlRows<{ n: number }>(
      db,
      `SELECT count(*)::DOUBLE AS n FROM ledger WHERE import_id = ${id}`,
    );
    return n;
  };
}

/**
 * Whether every account id and rule id of the one-shot rows is clean (cleanText), read from the groupings the report's
 * rollups build anyway (src/db/rollups.ts): account_latest (one row per account with rows) and rollup_day_rule (every
 * rule of the rows, '' for none), the same distinct values as the rows' own, where grouping 10M rows by account again
 * cost about 1 CPU s, and by rule about 0.2. A rule '' there is a row without one: the reader reads an empty field, quoted
 * or not, as missing (as the import does), so no row's rule is ''. For a read with `idsLater` (readCleanRows), whose
 * own checks leave those two columns out.
 */
export async function rollupIdsClean(db: Database): Promise<boolean> {
  const [{ clean }] = await sqlRows<{ clean: boolean }>(
    db,
    `SELECT coalesce((SELECT bool_and(${cleanText('account_id')}) FROM account_latest), true)
      AND coalesce((SELECT bool_and(rule_id = '' OR ${cleanText('rule_id')}) FROM (SELECT DISTINCT rule_id FROM rollup_day_rule)), true) AS clean`,
  );
  return clean;
}

/** The columns a read with `idsLater` leaves to rollupIdsClean. */
const IDS_LATER = ['account_id', 'rule_id'];

/** What a one-shot read gives: the rows read, and (checkLater) whether they are the import's, once known. */
export interface CleanRead {
  rows: number;
  /**
   * With checkLater: resolves true once the ids are known unique and the repeating values clean, false when the
   * file needs the full import after all (the database then holds rows the import would not take as they are, and
   * is to be thrown away). Checked on a second connection, so the caller's reads run meanwhile.
   */
  checked?: Promise<boolean>;
}

/**
 * The one-shot read of `report --ledger`: a clean file with canonical `header` typed in one pass into an in-memory
 * database whose ledger is still empty, the ledger becoming a view of those rows. Returns the rows read, or
 * undefined with nothing changed when the file is not clean (or the ledger has rows), so the caller imports it the
 * full way: the rows read here are exactly those the import accepts. Repeated ids and padded repeating values are
 * checked before returning, or with `checkLater` beside the caller's work (CleanRead.checked).
 */
export async function readCleanRows(
  db: Database,
  file: string,
  header: string[],
  opts: { checkLater?: boolean; idsLater?: boolean } = {},
): Promise<CleanRead | undefined> {
  const [{ empty }] = await sqlRows<{ empty: boolean }>(db, 'SELECT NOT EXISTS (SELECT 1 FROM ledger) AS empty');
  if (!empty) return undefined;
  const format = await timestampFormat(db, file);
  if (!format) return undefined;
  const insert = cleanLedgerInsert(file, header, format);
  const columns = await sqlRows<{ name: string; type: string }>(
    db,
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = 'ledger' AND NOT internal AND schema_name = 'main' ORDER BY column_index`,
  );
  let read: CleanRead;
  try {
    read = await db.transaction(async () => {
      // The empty ledger table gives way to a view of the file's rows (oneShotLedgerView); a rollback restores it.
      await sqlExec(db, 'DROP TABLE ledger');
      await sqlExec(db, insert);
      for (const view of oneShotLedgerViews(columns, header)) await sqlExec(db, view);
      const [{ n }] = await sqlRows<{ n: number }>(db, `SELECT count(*)::DOUBLE AS n FROM ${ONE_SHOT_ROWS}`);
      if (n === 0 || (!opts.checkLater && !(await readRowsClean(db, header)))) throw new Error(NOT_CLEAN);
      return { rows: n };
    });
  } catch {
    // Not clean (or not readable this way): rolled back; the full import decides and explains.
    return undefined;
  }
  if (!opts.checkLater) return read;
  // Committed, so that a second connection of the instance sees the rows; any failure there means the full way.
  const checked = db.fork({ bare: true }).then(async (other) => {
    try {
      return await readRowsClean(other, header, opts.idsLater ? IDS_LATER : []);
    } finally {
      other.close();
    }
  });
  return { ...read, checked: checked.catch(() => false) };
}

/**
 * No repeated id, and every distinct value of the value-checked columns clean (but those `checkedElsewhere`): the
 * rows are the import's.
 */
async function readRowsClean(db: Database, header: string[], checkedElsewhere: string[] = []): Promise<boolean> {
  const [{ repeats }] = await sqlRows<{ repeats: number }>(db, REPEATED_IDS);
  if (repeats !== 0) return false;
  const [{ clean }] = await sqlRows<{ clean: boolean }>(db, distinctValuesClean(header, undefined, checkedElsewhere));
  return clean;
}
