import type { Database } from './database.ts';
import { sqlString as quote } from './ident.ts';
import { sqlExec, sqlRows } from './sql.ts';

/**
 * Copies a CSV file (header row, comma, double quotes) into a zstd Parquet file with the given column types, in
 * the order given; empty fields become NULL. DuckDB streams the CSV, so memory stays flat for large files.
 */
export async function copyCsvToParquet(
  db: Database,
  csv: string,
  parquet: string,
  columns: { name: string; type: string }[],
): Promise<void> {
  const typed = columns.map((c) => `${quote(c.name)}: ${quote(c.type)}`).join(', ');
  await sqlExec(
    db,
    `COPY (SELECT * FROM read_csv(${quote(csv)}, header = true, delim = ',', quote = '"', escape = '"', columns = {${typed}})) ` +
      `TO ${quote(parquet)} (FORMAT parquet, COMPRESSION zstd)`,
  );
}

/** Every row of a CSV file (header row, comma, double quotes; BOM and CRLF handled) as text, keyed by its header. */
export async function readCsvAsText(db: Database, file: string): Promise<Record<string, string | null>[]> {
  return sqlRows(db, "SELECT * FROM read_csv($file, header = true, all_varchar = true, delim = ',', quote = '\"')", {
    file,
  });
}
