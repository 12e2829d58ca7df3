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
  const read = async () => (await db[CONNECTION].runAndReadAll(sql, params as never)).getRowObjectsJS() as T[];
  try {
    return await read();
  } catch (e) {
    const fallback = fallbacks.get(db);
    if (!fallback || !String((e as Error).message).includes(LEAN_MISS)) throw e;
    // A call the request's lean definitions do not answer: the statement runs again on the defaults, which answer
    // any call, and the lean definitions come back for the request's next statements. Statements that miss at once on
    // one connection take turns: another's lean definitions, put back between this one's defaults and its second run,
    // would fail it again.
    const turn = (retries.get(db) ?? Promise.resolve()).then(async () => {
      await db[CONNECTION].run(fallback.defaults);
      try {
        return await read();
      } finally {
        await db[CONNECTION].run(fallback.lean);
      }
    });
    retries.set(
      db,
      turn.catch(() => undefined),
    );
    return await turn;
  }
}

/** Per connection, the last statement's run on the defaults after a lean miss: the next one waits for it. */
const retries = new WeakMap<Database, Promise<unknown>>();

/**
 * What a statement fails with when it makes a call that a request's lean definitions leave out
 * (src/db/lean-passes.ts): those definitions answer only the calls the request said it makes, so that DuckDB need not
 * bind a generic branch in every call.
 */
export const LEAN_MISS = 'll_lean_miss';

/** Per connection, while a request's lean definitions stand: the defaults' SQL and the lean definitions' SQL. */
const fallbacks = new WeakMap<Database, { defaults: string; lean: string }>();

/** Sets (or, undefined, clears) how sqlRows answers a lean miss on `db`: src/db/shared-passes.ts only. */
export function setLeanFallback(db: Database, fallback: { defaults: string; lean: string } | undefined): void {
  if (fallback) fallbacks.set(db, fallback);
  else fallbacks.delete(db);
}

/** Runs one or more statements for their effect. */
export async function sqlExec(db: Database, sql: string, params?: Params): Promise<void> {
  await db[CONNECTION].run(sql, params as never);
}

/** The connection itself, for what the driver offers beyond statements (appenders, progress). */
export function connectionOf(db: Database): DuckDBConnection {
  return db[CONNECTION];
}
