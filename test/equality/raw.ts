import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { expect } from 'vitest';
import { PROJECT_ROOT, type Database } from '../../src/db/database.ts';
import type { AccountScope as Scope } from '../../src/db/within-scope.ts';
import { boundScopeValue } from '../../src/db/query-types.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

const RAW = join(import.meta.dirname, 'raw');
/** The raw-row version of a file; files the rollups did not change (rankings) run as they are over the raw views. */
export const rawSql = (id: string) => {
  const frozen = join(RAW, `${id}.sql`);
  return readFileSync(existsSync(frozen) ? frozen : join(PROJECT_ROOT, 'queries', `${id}.sql`), 'utf8');
};

/**
 * A connection whose views are the raw-row ones (test/equality/raw/views.sql), narrowed to `scope` the way the old
 * withScope did: the scope's accounts are found first over every row, then ledger_rows / roster_rows keep only
 * theirs. TEMP objects are per connection, so the application's views on other connections are untouched.
 */
export async function rawConnection(db: Database, scope?: Scope): Promise<Database> {
  const conn = await db.fork();
  const views = rawSql('views').replace(/CREATE\s+(OR\s+REPLACE\s+)?VIEW/gi, 'CREATE OR REPLACE TEMP VIEW');
  await sqlExec(conn, 'CREATE OR REPLACE TEMP VIEW ledger_rows AS SELECT * FROM ledger');
  await sqlExec(conn, 'CREATE OR REPLACE TEMP VIEW roster_rows AS SELECT * FROM accounts');
  await sqlExec(conn, views);
  if (scope) {
    await sqlExec(
      conn,
      'CREATE TEMP TABLE ll_scope AS SELECT DISTINCT account_id FROM account_attributes WHERE attribute = $a AND list_contains($v, value)',
      { a: scope.attribute, v: boundScopeValue(typeof scope.value === 'string' ? [scope.value] : scope.value) },
    );
    await sqlExec(
      conn,
      'CREATE OR REPLACE TEMP VIEW ledger_rows AS SELECT * FROM ledger SEMI JOIN ll_scope USING (account_id)',
    );
    await sqlExec(
      conn,
      'CREATE OR REPLACE TEMP VIEW roster_rows AS SELECT * FROM accounts SEMI JOIN ll_scope USING (account_id)',
    );
  }
  return conn;
}

export async function rows(
  db: Database,
  sql: string,
  params: Record<string, DuckDBValue>,
): Promise<Record<string, unknown>[]> {
  // Through sqlRows: a call a closed request did not name runs again on the defaults there (src/db/sql.ts).
  return sqlRows(db, sql, params);
}

/** Deep equality where numbers agree to 1e-9 relative (sums are exact decimals; Gini and Theil are DOUBLE). */
export function expectSame(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tol = 1e-9 * Math.max(1, Math.abs(expected));
    if (!(Math.abs(actual - expected) <= tol)) expect(actual, where).toBe(expected);
    return;
  }
  if (typeof expected === 'bigint' || typeof actual === 'bigint') {
    expectSame(Number(actual), Number(expected), where);
    return;
  }
  if (expected instanceof Date || actual instanceof Date) {
    expect(String(actual), where).toBe(String(expected));
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, `${where}: length`).toBe(expected.length);
    expected.forEach((e, i) => expectSame((actual as unknown[])[i], e, `${where}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), `${where}: keys`).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectSame((actual as Record<string, unknown>)[k], v, `${where}.${k}`);
    return;
  }
  expect(actual, where).toEqual(expected);
}
