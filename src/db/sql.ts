import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { CONNECTION } from './connection-key.ts';
import type { Database } from './database.ts';

/**
 * SQL text run on a database's connection: for src/db/ only (test/architecture fails an import from elsewhere).
 * Domain code runs queries/*.sql through run() (src/db/run.ts), whose params and rows are checked.
 */

type Params = Record<string, DuckDBValue> | DuckDBValue[];

/** The rows of one statement, as JS values (BIGINT and DECIMAL arrive as bigint or text: cast them in the SQL). */
export async function sqlRows<T = Record<string, unknown>>(db: Database, sql: string, params?: Params): Promise<T[]> {
  const reader = await db[CONNECTION].runAndReadAll(sql, params as never);
  return reader.getRowObjectsJS() as T[];
}

/** Runs one or more statements for their effect. */
export async function sqlExec(db: Database, sql: string, params?: Params): Promise<void> {
  await db[CONNECTION].run(sql, params as never);
}

/** The connection itself, for what the driver offers beyond statements (appenders, progress). */
export function connectionOf(db: Database): DuckDBConnection {
  return db[CONNECTION];
}
