import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import { type Database, PROJECT_ROOT } from './database.ts';
import { schemasOf, splitTopLevel } from './header-schema.ts';
import { sqlRows } from './sql.ts';

export { splitTopLevel };

export const QUERIES_DIR = join(PROJECT_ROOT, 'queries');

/**
 * A query failed: carries the query id and its file so a report or a 500 can point at the SQL, and the driver's own
 * error as `cause` so its stack and code survive for whoever debugs it.
 */
export class QueryError extends Error {
  constructor(
    readonly queryId: string,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
    this.name = 'QueryError';
  }
}

export interface QueryHeader {
  name: string;
  params: string[];
  returns: string[];
  grain: string;
}

type Schemas = ReturnType<typeof schemasOf>;

const cache = new Map<string, { sql: string; header: QueryHeader; schemas?: Schemas }>();

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
  const field = (key: string) =>
    lines
      .find((l) => l.toLowerCase().startsWith(`-- ${key}:`))
      ?.slice(key.length + 4)
      .trim() ?? '';
  const first = lines[0]?.replace(/^--\s*/, '') ?? '';
  const list = (s: string) =>
    s === '' || /^none/i.test(s) ? [] : splitTopLevel(s).map((p) => p.trim().split(/\s+/)[0].replace(/^\$/, ''));
  return {
    name: first.split(':')[0].trim(),
    params: list(field('params')),
    returns: list(field('returns')),
    grain: field('grain'),
  };
}

/** The param and row schemas derived from the query file's header (once per process). */
export function declaredSchemas(queryId: string): Schemas {
  loadQuery(queryId);
  const hit = cache.get(queryId)!;
  hit.schemas ??= schemasOf(hit.sql);
  return hit.schemas;
}

/** A row as the header declares it, when the caller gives no schema of its own. */
export type QueryRow = Record<string, unknown>;

/** The params that `sql` names: DuckDB rejects unused ones, and a remote source may have replaced the part using them. */
export function usedParams(sql: string, params: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
  const code = sql.replace(/--[^\n]*/g, '');
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(code)));
}

/** A query's SQL for a statement of the caller's own (e.g. CREATE TEMP TABLE … AS), its remote rows made present. */
export async function preparedSql(db: Database, queryId: string, params: Record<string, DuckDBValue>): Promise<string> {
  const { sql } = loadQuery(queryId);
  return db.remote ? db.remote.prepare(db, queryId, sql, params) : sql;
}

/**
 * The one way domain code reads the database: named params and rows checked against the schemas the SQL header
 * declares, or against `paramSchema`/`rowSchema` when a caller narrows them further.
 * Casts belong in the SQL so rows arrive as plain numbers and strings.
 */
export async function run(db: Database, queryId: string, params: Record<string, unknown>): Promise<QueryRow[]>;
export async function run<P extends z.ZodType<Record<string, unknown>>, R extends z.ZodType>(
  db: Database,
  queryId: string,
  paramSchema: P,
  rowSchema: R,
  params: z.input<P>,
): Promise<z.infer<R>[]>;
export async function run(
  db: Database,
  queryId: string,
  ...args: [Record<string, unknown>] | [z.ZodType, z.ZodType, unknown]
): Promise<unknown[]> {
  const [paramSchema, rowSchema, params] =
    args.length === 1 ? [declaredSchemas(queryId).params, declaredSchemas(queryId).row, args[0]] : args;
  const { sql, file, header } = loadQuery(queryId);
  const p = paramSchema.safeParse(params);
  if (!p.success)
    throw new QueryError(
      queryId,
      file,
      `bad parameters: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  // Bind only what the SQL declares: DuckDB rejects unused named parameters.
  const bound: Record<string, DuckDBValue> = {};
  for (const name of header.params) bound[name] = ((p.data as Record<string, unknown>)[name] ?? null) as DuckDBValue;
  let rows: unknown[];
  try {
    const text = db.remote ? await db.remote.prepare(db, queryId, sql, bound) : sql;
    rows = await sqlRows(db, text, db.remote ? usedParams(text, bound) : bound);
  } catch (e) {
    throw new QueryError(queryId, file, (e as Error).message, { cause: e });
  }
  const parsed = z.array(rowSchema).safeParse(rows);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new QueryError(
      queryId,
      file,
      `row ${String(i.path[0])} does not match the declared columns: ${i.path.slice(1).join('.')}: ${i.message}`,
    );
  }
  return parsed.data;
}
