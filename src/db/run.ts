import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import { type Database, PROJECT_ROOT } from './database.ts';
import { schemasOf, splitTopLevel } from './header-schema.ts';
import { sqlRows } from './sql.ts';
import type { QueryDeclarations } from './query-declarations.ts';

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

/** The query files run() reads, by id (queries/<id>.sql). */
export type QueryId = keyof QueryDeclarations;
/** The params a query's header declares (`-- params:`), nullable ones optional. */
export type ParamsOf<Q extends QueryId> = QueryDeclarations[Q]['params'];
/** A row as a query's header declares it (`-- returns:`). */
export type RowOf<Q extends QueryId> = QueryDeclarations[Q]['row'];

/**
 * Columns a caller narrows beyond the header's DuckDB type (a VARCHAR that holds one of a few words): only columns
 * the header declares, each to a subtype of the declared one, so a renamed column still fails at the header.
 */
export type Narrowing<Q extends QueryId> = { [K in keyof RowOf<Q>]?: z.ZodType<RowOf<Q>[K]> };
type Narrowed<R, N> = Omit<R, keyof N> & { [K in keyof N]: N[K] extends z.ZodType<infer O> ? O : never };
/** A query's row with the columns `N` narrows (run()'s last argument). */
export type NarrowedRow<Q extends QueryId, N extends Narrowing<Q>> = Narrowed<RowOf<Q>, N>;
type RequiredParams<Q extends QueryId> = {
  [K in keyof ParamsOf<Q> as undefined extends ParamsOf<Q>[K] ? never : K]: unknown;
};

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
 * declares, typed by the same header (query-declarations.ts). A caller may check params with a schema of its own
 * (a page filter bound as a list, a DATE given as a day) that must still yield every param the header requires,
 * and may narrow declared columns (`narrow`); it never declares the row again.
 * Casts belong in the SQL so rows arrive as plain numbers and strings.
 */
export async function run<Q extends QueryId>(db: Database, queryId: Q, params: ParamsOf<Q>): Promise<RowOf<Q>[]>;
export async function run<Q extends QueryId, P extends z.ZodType<RequiredParams<Q>>>(
  db: Database,
  queryId: Q,
  paramSchema: P,
  params: z.input<P>,
): Promise<RowOf<Q>[]>;
export async function run<Q extends QueryId, P extends z.ZodType<RequiredParams<Q>>, N extends Narrowing<Q>>(
  db: Database,
  queryId: Q,
  paramSchema: P,
  params: z.input<P>,
  narrow: N & Record<Exclude<keyof N, keyof RowOf<Q>>, never>,
): Promise<Narrowed<RowOf<Q>, N>[]>;
export async function run(
  db: Database,
  queryId: QueryId,
  ...args: [Record<string, unknown>] | [z.ZodType, unknown, Record<string, z.ZodType>?]
): Promise<unknown[]> {
  const { sql, file, header } = loadQuery(queryId);
  return runLoaded(db, { queryId, file, sql, header, declared: declaredSchemas(queryId) }, args);
}

/**
 * Runs the text of a query file as run() does, the file given rather than read from queries/: the way a test shows
 * that a header edited alone (a column renamed) makes the read fail.
 */
export function runQueryText(db: Database, queryId: string, sql: string, params: Record<string, unknown>) {
  return runLoaded(
    db,
    { queryId, file: join('queries', `${queryId}.sql`), sql, header: parseHeader(sql), declared: schemasOf(sql) },
    [params],
  );
}

interface LoadedQuery {
  queryId: string;
  file: string;
  sql: string;
  header: QueryHeader;
  declared: Schemas;
}

async function runLoaded(
  db: Database,
  { queryId, file, sql, header, declared }: LoadedQuery,
  args: [Record<string, unknown>] | [z.ZodType, unknown, Record<string, z.ZodType>?],
): Promise<unknown[]> {
  const [paramSchema, params, narrow] = args.length === 1 ? [declared.params, args[0], undefined] : args;
  const p = paramSchema.safeParse(params);
  if (!p.success)
    throw new QueryError(
      queryId,
      file,
      `bad parameters: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const given = p.data as Record<string, unknown>;
  // A caller's own param schema must still know every param the header requires: one renamed there fails here.
  const known = paramSchema instanceof z.ZodObject ? Object.keys(paramSchema.shape) : Object.keys(given);
  const missing = header.params.filter(
    (name) => !known.includes(name) && !declared.params.shape[name].safeParse(undefined).success,
  );
  if (missing.length > 0) throw new QueryError(queryId, file, `bad parameters: ${missing.join(', ')}: not given`);
  const undeclared = Object.keys(narrow ?? {}).filter((name) => !header.returns.includes(name));
  if (undeclared.length > 0)
    throw new QueryError(queryId, file, `narrows ${undeclared.join(', ')}, which the header does not return`);
  const rowSchema = narrow ? declared.row.extend(narrow) : declared.row;
  // Bind only what the SQL declares: DuckDB rejects unused named parameters.
  const bound: Record<string, DuckDBValue> = {};
  for (const name of header.params) bound[name] = (given[name] ?? null) as DuckDBValue;
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
