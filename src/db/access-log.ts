import type { Database } from './database.ts';
import { sqlExec } from './sql.ts';

/**
 * The access log's table (serve --users): made only by a server that logs, so a database that never served users
 * has none (queries/access_log_present.sql). queries/access_log_add.sql writes it, queries/access_log.sql reads it.
 */
const DDL = `CREATE TABLE IF NOT EXISTS access_log (
  logged_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, role VARCHAR NOT NULL, method VARCHAR NOT NULL, route VARCHAR NOT NULL,
  query VARCHAR NOT NULL, scope VARCHAR, status INTEGER NOT NULL, export_file VARCHAR, export_rows INTEGER)`;

export async function ensureAccessLog(db: Database): Promise<void> {
  await sqlExec(db, DDL);
}
