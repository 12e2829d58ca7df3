import type { Database } from './database.ts';
import { sqlExec } from './sql.ts';

/**
 * Keeps the program's settings (validated JSON) in the database, in the transaction of the caller: an import stores
 * the settings it ran with, a ClickHouse source stores them in its in-memory database so pages read the same ones.
 */
export async function storeProgramConfig(db: Database, configJson: string): Promise<void> {
  await sqlExec(db, 'INSERT OR REPLACE INTO program VALUES (1, $config)', { config: configJson });
}
