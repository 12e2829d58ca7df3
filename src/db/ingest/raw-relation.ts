import type { Database } from '../database.ts';
import { ident, sqlString } from '../ident.ts';
import { sqlExec, sqlRows } from '../sql.ts';

/**
 * The file of an import opened as the TEMP relation `ll_raw` (text columns plus `__line`, the row's line in the
 * file), the statements src/ledger/file-source.ts runs once it has sniffed, decoded and scanned the file.
 */

/** A Parquet file's columns and their types, in file order. */
export async function parquetColumnTypes(db: Database, file: string): Promise<Map<string, string>> {
  const rows = await sqlRows<{ column_name: string; column_type: string }>(
    db,
    `DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`,
  );
  return new Map(rows.map((r) => [r.column_name, r.column_type]));
}

/** `ll_raw` over a Parquet file, numbered from line 2 as if it had a header; returns its rows. */
export async function openParquetRaw(db: Database, file: string): Promise<number> {
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT file_row_number + 1 AS __line, * EXCLUDE (file_row_number) FROM read_parquet(${sqlString(file)}, file_row_number = true)`,
  );
  const [{ n }] = await sqlRows<{ n: number }>(db, `SELECT count(*)::DOUBLE AS n FROM ll_raw`);
  return n;
}

/** How DuckDB's CSV reader is to read a file: every column as text, by the names given (made unique). */
export interface CsvReading {
  readPath: string;
  delimiter: string;
  quote: string;
  columns: string[];
}

/** The reader's tables of refused rows (src/db/ingest/reader-rejects.ts reads them). */
export const CSV_REJECTS = 'll_csv_rejects';
const CSV_SCANS = 'll_csv_scans';

function csvReader(r: CsvReading, more: string): string {
  return `read_csv(${sqlString(r.readPath)}, delim=${sqlString(r.delimiter)}, quote=${sqlString(r.quote)}, escape=${sqlString(r.quote)}, header=true, all_varchar=true, auto_detect=false, columns={${r.columns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}, max_line_size=16777216, ${more})`;
}

/**
 * `ll_raw` reading the file directly, records numbered as lines. Rows the reader would refuse are skipped here,
 * so a sample of the view never fails the import; whoever relies on this view checks that it yields one record
 * per line (FileSource.deferred).
 */
export async function deferCsvRaw(db: Database, r: CsvReading): Promise<void> {
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT row_number() OVER () + 1 AS __line, * FROM ${csvReader(r, 'ignore_errors=true')}`,
  );
}

/**
 * The file's rows as the TEMP table `ll_rawt`, the rows the reader refused kept in CSV_REJECTS. Materialised in file order (insertion order is preserved), so rowid numbers the rows without a window
 * function, which would force the whole import onto one thread.
 */
export async function loadCsvRaw(db: Database, r: CsvReading): Promise<void> {
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP TABLE ll_rawt AS SELECT * FROM ${csvReader(r, `store_rejects=true, rejects_table=${sqlString(CSV_REJECTS)}, rejects_scan=${sqlString(CSV_SCANS)}`)}`,
  );
}

/** The rows of `ll_rawt`. */
export async function rawRowCount(db: Database): Promise<number> {
  const [{ n }] = await sqlRows<{ n: number }>(db, `SELECT count(*)::DOUBLE AS n FROM ll_rawt`);
  return n;
}

/** Each line of an NDJSON file as one text value in `ll_rawt`, so a broken line is one quarantined row. */
export async function loadNdjsonLines(db: Database, readPath: string): Promise<void> {
  const lines = `read_csv(${sqlString(readPath)}, columns={'__doc': 'VARCHAR'}, delim=E'\\x01', quote='', escape='', header=false, auto_detect=false, max_line_size=16777216)`;
  await sqlExec(db, `CREATE OR REPLACE TEMP TABLE ll_rawt AS SELECT * FROM ${lines}`);
}

/**
 * `ll_raw` over the NDJSON lines of `ll_rawt`: the keys of its objects, sorted, and its non-blank lines. Here the
 * reader keeps empty lines as rows, so __line is already physical; blank lines are skipped after numbering.
 */
export async function openNdjsonRaw(db: Database): Promise<{ keys: string[]; rows: number }> {
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP VIEW ll_lines AS SELECT rowid + 1 AS __line, __doc, json_valid(__doc) AND starts_with(ltrim(__doc), '{') AS __valid FROM ll_rawt`,
  );
  const keys = await sqlRows<{ k: string }>(
    db,
    `SELECT DISTINCT unnest(json_keys(__doc)) AS k FROM ll_lines WHERE __valid ORDER BY k`,
  );
  const [{ n }] = await sqlRows<{ n: number }>(
    db,
    `SELECT count(*)::DOUBLE AS n FROM ll_lines WHERE trim(coalesce(__doc, '')) <> ''`,
  );
  await sqlExec(
    db,
    `CREATE OR REPLACE TEMP VIEW ll_raw AS SELECT __line, __doc, __valid FROM ll_lines WHERE trim(coalesce(__doc, '')) <> ''`,
  );
  return { keys: keys.map((k) => k.k), rows: n };
}

/** How a stage reads one column of `ll_raw` as text: a Parquet float rounded to 6 places (binary artefacts). */
export function parquetColumn(types: Map<string, string>): (c: string) => string {
  return (c) =>
    /^(FLOAT|DOUBLE|REAL)$/.test(types.get(c) ?? '')
      ? `CAST(round(${ident(c)}, 6) AS VARCHAR)`
      : `CAST(${ident(c)} AS VARCHAR)`;
}

/** How a stage reads one key of an NDJSON line as text: nested values as their JSON text, strings unquoted. */
export function ndjsonColumn(c: string): string {
  return `(CASE WHEN __valid THEN json_extract_string(__doc, ${sqlString(`$."${c.replace(/"/g, '\\"')}"`)}) END)`;
}
