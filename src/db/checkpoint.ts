import type { Database } from './database.ts';
import { sqlExec } from './sql.ts';

/** Folds the write-ahead log into the database file, so the file alone is the whole database. */
export async function checkpoint(db: Database): Promise<void> {
  await sqlExec(db, 'CHECKPOINT');
}
