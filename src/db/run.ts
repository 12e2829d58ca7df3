import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import { Database, PROJECT_ROOT } from './database.ts';

export const QUERIES_DIR = join(PROJECT_ROOT, 'queries');

/** A query failed: carries the query id and its file so a report or a 500 can point at the SQL. */
export class QueryError extends Error {
  constructor(
    readonly queryId: string,
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'QueryError';
  }
}

export interface QueryHeader {
  name: string;
  params: string[];
  returns: string[];
  grain: string;
}

const cache = new Map<string, { sql: string; header: QueryHeader }>();

/** Reads `queries/<id>.sql` and its header block (name, params, returns, grain). */
export function loadQuery(queryId: string): { sql: string; header: QueryHeader; file: string } {
  const file = join('queries', `${queryId}.sql`);
  let hit = cache.get(queryId);
  if (!hit) {
    if (!/^[a-z0-9_/]+$/.test(queryId)) throw new QueryError(queryId, file, 'invalid query id');
    const sql = readFileSync(join(PROJECT_ROOT, file), 'utf8');
    hit = { sql, header: parseHeader(sql) };
    cache.set(queryId, hit);
  }
  return { ...hit, file };
}

/** Header lines look like `-- params: $from TIMESTAMP, $to TIMESTAMP` and `-- returns: a DOUBLE, b BIGINT`. */
export function parseHeader(sql: string): QueryHeader {
  const lines = sql.split('\n').filter((l) => l.startsWith('--'));
  const field = (key: string) => lines.find((l) => l.toLowerCase().startsWith(`-- ${key}:`))?.slice(key.length + 4).trim() ?? '';
  const first = lines[0]?.replace(/^--\s*/, '') ?? '';
  const list = (s: string) =>
    s === '' || /^none/i.test(s)
      ? []
      : splitTopLevel(s).map((p) => p.trim().split(/\s+/)[0].replace(/^\$/, ''));
  return { name: first.split(':')[0].trim(), params: list(field('params')), returns: list(field('returns')), grain: field('grain') };
}

/** Splits on commas that are not inside parentheses, so `DECIMAL(18,2)` stays whole. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out;
}

/**
 * The one way domain code reads the database: named params checked by `paramSchema`, rows by `rowSchema`.
 * Casts belong in the SQL so rows arrive as plain numbers and strings.
 */
export async function run<P extends z.ZodType<Record<string, unknown>>, R extends z.ZodType>(
  db: Database,
  queryId: string,
  paramSchema: P,
  rowSchema: R,
  params: z.input<P>,
): Promise<z.infer<R>[]> {
  const { sql, file, header } = loadQuery(queryId);
  const p = paramSchema.safeParse(params);
  if (!p.success) throw new QueryError(queryId, file, `bad parameters: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  // Bind only what the SQL declares: DuckDB rejects unused named parameters.
  const bound: Record<string, DuckDBValue> = {};
  for (const name of header.params) bound[name] = ((p.data as Record<string, unknown>)[name] ?? null) as DuckDBValue;
  let rows: unknown[];
  try {
    rows = await db.all(sql, bound);
  } catch (e) {
    throw new QueryError(queryId, file, (e as Error).message);
  }
  const parsed = z.array(rowSchema).safeParse(rows);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new QueryError(queryId, file, `row ${String(i.path[0])} does not match the declared columns: ${i.path.slice(1).join('.')}: ${i.message}`);
  }
  return parsed.data;
}
