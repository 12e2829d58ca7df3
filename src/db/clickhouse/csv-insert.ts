// ClickHouse results arrive as CSV files (ClickhouseReader.csvFiles) and DuckDB's CSV reader turns them into rows:
// the conversions are DuckDB casts from text, exact for decimals, dates and wall-clock timestamps.
import type { Database } from '../database.ts';
import { sqlRows } from '../sql.ts';

/** A column of the DuckDB table that a remote result is inserted into. */
export interface TargetColumn {
  name: string;
  type: string;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** read_csv of one part file, every column as text: ClickHouse writes NULL as an unquoted \N, text always quoted. */
export function readPart(file: string, count: number): string {
  const columns = Array.from({ length: count }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${quote(file)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"',
    new_line = '\\n', nullstr = '\\N', allow_quoted_nulls = false, columns = {${columns}})`;
}

/** The SELECT list casting part columns c0… to the target columns' types. */
export const castList = (columns: TargetColumn[]) => columns.map((c, i) => `c${i}::${c.type} AS ${c.name}`).join(', ');

/** The target table's columns in order, from DuckDB's catalogue. */
export async function tableColumns(db: Database, table: string): Promise<TargetColumn[]> {
  return sqlRows<TargetColumn>(
    db,
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position`,
    { t: table },
  );
}

/** Fails when a remote query's columns are not the target's, in order: the reduction boundary's contract. */
export function assertSameColumns(what: string, names: string[], columns: TargetColumn[]) {
  if (names.join() !== columns.map((c) => c.name).join()) {
    throw new Error(`${what} returns (${names.join(', ')}), the table has (${columns.map((c) => c.name).join(', ')})`);
  }
}

/** Runs an INSERT and returns how many rows it added (DuckDB answers an INSERT with its count). */
export async function insertCount(db: Database, sql: string): Promise<number> {
  const [row] = await sqlRows<{ Count: bigint | number }>(db, sql);
  return Number(row?.Count ?? 0);
}
