import type { ServerResponse } from 'node:http';
import type { Database } from '../db/database.ts';
import type { AccessEntry } from '../api/schema.ts';

/**
 * The access log (serve --users). Who looked at what (serve --users): one row per request, with the user, the route, their scope and, for an
 * export, the file and its row count. Query strings are stored without the token; tokens never reach this table.
 */
const DDL = `CREATE TABLE IF NOT EXISTS access_log (
  logged_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, role VARCHAR NOT NULL, method VARCHAR NOT NULL, route VARCHAR NOT NULL,
  query VARCHAR NOT NULL, scope VARCHAR, status INTEGER NOT NULL, export_file VARCHAR, export_rows INTEGER)`;

export async function ensureAccessLog(db: Database) {
  await db.exec(DDL);
}

export async function appendAccess(db: Database, e: AccessEntry) {
  const { at, ...rest } = e;
  await db.exec(
    'INSERT INTO access_log VALUES ($logged_at::TIMESTAMP, $user_name, $role, $method, $route, $query, $scope::VARCHAR, $status, $export_file::VARCHAR, $export_rows::INTEGER)',
    { logged_at: at, ...rest },
  );
}

/** The log, oldest first; with `latest`, only the latest that many entries (still oldest first). */
export async function readAccessLog(db: Database, latest?: number): Promise<AccessEntry[]> {
  const [{ n }] = await db.all<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'access_log'`,
  );
  if (n === 0) return [];
  const rows = await db.all<AccessEntry>(
    `SELECT strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%g') AS at, user_name, role, method, route, query, scope, status, export_file, export_rows
     FROM access_log ORDER BY logged_at DESC, rowid DESC LIMIT $limit`,
    { limit: latest ?? 2 ** 31 - 1 },
  );
  return rows.reverse();
}

const exportsOf = new WeakMap<ServerResponse, { file: string; rows: number }>();

/** Called by the responses that are files (CSV, workbook), so the access log can say which and how many rows. */
export function noteExport(res: ServerResponse, file: string, rows: number) {
  exportsOf.set(res, { file, rows });
}

export function exportOf(res: ServerResponse): { file: string; rows: number } | undefined {
  return exportsOf.get(res);
}
