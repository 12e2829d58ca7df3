import type { Database } from '../db/database.ts';

/**
 * Writes of the access log, one after another on a connection of their own: an append to that table conflicts with
 * no read and no import, so it needs neither the import's write lock (which would stall every reader after each
 * request) nor the main connection.
 */
export function logWriter(db: Database) {
  let conn: Promise<Database> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  const write = (task: (db: Database) => Promise<void>): Promise<void> => {
    if (closed) return Promise.resolve();
    conn ??= db.fork();
    const next = chain.then(async () => task(await conn!));
    chain = next.catch(() => undefined);
    return next;
  };
  /** Waits for the pending lines, then closes the connection; later lines are not written (the server is stopping). */
  const close = async () => {
    closed = true;
    await chain;
    if (conn) (await conn.catch(() => undefined))?.close();
  };
  return { write, close };
}
