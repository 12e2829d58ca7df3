import type { Database } from '../../src/db/database.ts';
import { sqlRows } from '../../src/db/sql.ts';

/**
 * Rows as comparable text: each row's values in column order (a query need not name its columns as the table does;
 * a column named like an integer, e.g. an unaliased constant `1`, comes first in a JS object: alias it),
 * a BIGINT and a number of the same value written alike (a count may come back as either). A replacer that turned
 * every value into String(v) also turned the array itself into "[object Object],…", so two tables compared only
 * their row counts.
 */
export const rowsJson = (rows: Record<string, unknown>[]): string =>
  JSON.stringify(
    rows.map((r) => Object.values(r)),
    (_k, v) => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : v),
  );

/** `sql`'s rows in a fixed order (ORDER BY ALL), as rowsJson. */
export const orderedRowsJson = (db: Database, sql: string): Promise<string> =>
  sqlRows(db, `SELECT * FROM (${sql}\n) ORDER BY ALL`).then(rowsJson);
