import { expect } from 'vitest';
import type { DuckDBValue } from '@duckdb/node-api';
import { Database } from '../../src/db/database.ts';
import { duckdbType } from '../../src/db/header-schema.ts';
import { declaredSchemas, loadQuery, splitTopLevel } from '../../src/db/run.ts';
import { rebuildRollups, refreshAttributes } from '../../src/db/rollups.ts';
import { connectionOf, sqlExec, sqlRows } from '../../src/db/sql.ts';

/** An in-memory database with the real schema and views, small enough for tests. */
export function openTestDb(path = ':memory:'): Promise<Database> {
  return Database.open(path, { threads: 1, memoryLimit: '1GB' });
}

export interface LedgerRow {
  id?: string;
  at: string;
  account: string;
  points: number;
  type: 'earn' | 'deduct' | 'redeem' | 'expire' | 'adjust' | 'transfer';
  rule?: string;
  cash?: number;
  attrs?: Record<string, string>;
}

let lineNo = 0;

/**
 * Inserts ledger rows as an import stores them: department and region in their columns, other attributes in
 * `extra`; then rebuilds the rollups, as an import keeps them.
 */
export async function insertLedger(db: Database, rows: LedgerRow[]): Promise<void> {
  for (const r of rows) {
    lineNo += 1;
    const { department, region, ...extra } = r.attrs ?? {};
    await sqlExec(
      db,
      `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, cash_value, department, region, extra, import_id, source_line)
       VALUES ($id, $at::TIMESTAMP, $account, $points::DECIMAL(18,2), $type, $rule, $cash::DECIMAL(18,2), $department, $region, $extra::JSON, 1, $line)`,
      {
        id: r.id ?? `e${lineNo}`,
        at: r.at,
        account: r.account,
        points: r.points.toFixed(2),
        type: r.type,
        rule: r.rule ?? null,
        cash: r.cash === undefined ? null : r.cash.toFixed(2),
        department: department ?? null,
        region: region ?? null,
        extra: Object.keys(extra).length ? JSON.stringify(extra) : null,
        line: lineNo,
      },
    );
  }
  await rebuildRollups(db);
}

export interface AccountRow {
  account: string;
  joined?: string;
  left?: string;
  attrs?: Record<string, string>;
  importId?: number;
}

/** Bookkeeping columns an import fills (source_line appeared in a later schema version): filled when present. */
async function bookkeeping(db: Database, table: string): Promise<{ cols: string; vals: string }> {
  const cols = (
    await sqlRows<{ name: string }>(db, `SELECT column_name AS name FROM duckdb_columns() WHERE table_name = $t`, {
      t: table,
    })
  ).map((c) => c.name);
  return cols.includes('source_line') ? { cols: ', source_line', vals: ', $line' } : { cols: '', vals: '' };
}

export async function insertAccounts(db: Database, rows: AccountRow[]): Promise<void> {
  const extra = await bookkeeping(db, 'accounts');
  for (const r of rows) {
    const attrs = r.attrs ?? {};
    lineNo += 1;
    await sqlExec(
      db,
      `INSERT INTO accounts (account_id, joined_at, left_at, attrs, import_id${extra.cols})
       VALUES ($account, $joined::DATE, $left::DATE,
               CASE WHEN $keys = '' THEN MAP {} ELSE map(string_split($keys, chr(1)), string_split($vals, chr(1))) END, $import${extra.vals})`,
      {
        account: r.account,
        joined: r.joined ?? null,
        left: r.left ?? null,
        keys: Object.keys(attrs).join('\u0001'),
        vals: Object.values(attrs).join('\u0001'),
        import: r.importId ?? 2,
        ...(extra.cols ? { line: lineNo } : {}),
      },
    );
  }
  await refreshAttributes(db);
}

export async function insertRules(db: Database, rows: { rule: string; name?: string; tier?: string }[]): Promise<void> {
  const extra = await bookkeeping(db, 'rules');
  for (const r of rows) {
    lineNo += 1;
    await sqlExec(
      db,
      `INSERT INTO rules (rule_id, name, tier, import_id${extra.cols}) VALUES ($rule, $name, $tier, 3${extra.vals})`,
      {
        rule: r.rule,
        name: r.name ?? null,
        tier: r.tier ?? null,
        ...(extra.cols ? { line: lineNo } : {}),
      },
    );
  }
}

/** The declared `returns` of a query file as [name, TYPE] pairs (parseHeader keeps only the names). */
export function declaredColumns(sql: string): [string, string][] {
  const line = sql.split('\n').find((l) => l.startsWith('-- returns:')) ?? '';
  const parts = splitTopLevel(line.slice('-- returns:'.length));
  return parts.map((p) => {
    const m = /^(\S+)\s+(.+)$/.exec(p.trim());
    // A `(nullable)` mark is about values, not the column's DuckDB type.
    return [m?.[1] ?? p.trim(), duckdbType(m?.[2] ?? '')];
  });
}

/**
 * Runs queries/<id>.sql with the params its header declares (every declared param must be given, nothing else)
 * and checks that the result columns are exactly the header's `returns`, names, order and DuckDB types.
 * Returns the rows as JS values.
 */
export async function runChecked(
  db: Database,
  id: string,
  params: Record<string, DuckDBValue> = {},
): Promise<Record<string, unknown>[]> {
  const { sql, header } = loadQuery(id);
  expect(header.name, `queries/${id}.sql: the header's first line names the query`).toBe(id.split('/').pop());
  // The page filter is optional for callers: unfiltered unless a test gives it; so is distribution's `values`
  // switch (NULL: the sorted values are returned).
  for (const name of ['scope_attribute', 'scope_value', 'values'])
    if (header.params.includes(name) && !(name in params)) params = { ...params, [name]: null };
  expect(Object.keys(params).sort(), `queries/${id}.sql: params given vs declared`).toEqual([...header.params].sort());
  const reader = await connectionOf(db).runAndReadAll(sql, params as never);
  const declared = declaredColumns(sql);
  const actual = reader.columnNames().map((name, i) => [name, reader.columnTypes()[i].toString().replace(/"/g, '')]);
  expect(actual, `queries/${id}.sql: result columns vs the header's returns`).toEqual(declared);
  const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
  // The schema run() derives from the header must accept what the SQL really returns (nulls only where marked).
  const checked = declaredSchemas(id).row.array().safeParse(rows);
  expect(checked.error?.issues.slice(0, 3), `queries/${id}.sql: rows vs the header-derived schema`).toBeUndefined();
  return rows;
}

/** Asserts a number to `digits` decimals with a message; null must be null. */
export function near(actual: unknown, expected: number | null, digits = 9): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(typeof actual).toBe('number');
  expect(actual as number).toBeCloseTo(expected, digits);
}
