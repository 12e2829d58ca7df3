import type { ServerResponse } from 'node:http';
import type { Database } from '../db/database.ts';
import { z } from 'zod';
import { AccessEntry } from '../api/schema.ts';
import { run } from '../db/run.ts';

/**
 * The access log (serve --users): who looked at what, one row per request, with the user, the route, their scope
 * and, for an export, the file and its row count. Query strings are stored without the token; tokens never reach
 * this table.
 */
export async function appendAccess(db: Database, e: AccessEntry) {
  const { at, ...rest } = e;
  await run(db, 'access_log_add', { logged_at: at, ...rest });
}

/** The log, oldest first; with `latest`, only the latest that many entries (still oldest first). */
export async function readAccessLog(db: Database, latest?: number): Promise<AccessEntry[]> {
  const [{ n }] = await run(db, 'access_log_present', {});
  if (n === 0) return [];
  const rows = await run(
    db,
    'access_log',
    z.object({ latest: z.number().int() }),
    { latest: latest ?? 2 ** 31 - 1 },
    { role: AccessEntry.shape.role },
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
