import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listValue } from '@duckdb/node-api';
import type { Database } from '../../src/db/database.ts';
import { ScopeParams, scopeParams } from '../../src/db/query-types.ts';
import { run } from '../../src/db/run.ts';
import { insertAccounts, insertLedger, openTestDb, runChecked } from './fixture.ts';

describe('filters as bound values: queries/scope_size.sql, queries/daily_issued.sql, views/35_scope.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb();
    await insertAccounts(db, [{ account: 'a', attrs: { department: 'Sales' } }]);
    await insertLedger(db, [
      { at: '2026-01-05 10:00:00', account: 'a', points: 100, type: 'earn', rule: 'R1' },
      { at: '2026-01-05 23:59:59', account: 'b', points: 7.5, type: 'earn', attrs: { department: 'Ops' } },
      { at: '2026-01-06 00:00:00', account: 'b', points: 2, type: 'earn', attrs: { department: 'Ops' } },
      { at: '2026-01-06 08:00:00', account: 'b', points: -9, type: 'redeem', attrs: { department: 'Ops' } },
    ]);
  });
  afterAll(() => db.close());

  it('scope_size counts the accounts a filter admits, roster or ledger', async () => {
    expect(await runChecked(db, 'scope_size', { scope_attribute: 'department', scope_value: 'Sales' })).toEqual([
      { accounts: 1 },
    ]);
    expect(await runChecked(db, 'scope_size', { scope_attribute: 'department', scope_value: 'Ops' })).toEqual([
      { accounts: 1 },
    ]);
    expect(await runChecked(db, 'scope_size', { scope_attribute: 'department', scope_value: 'Nowhere' })).toEqual([
      { accounts: 0 },
    ]);
  });

  it('a scope of several values binds as a DuckDB list: the accounts with any of them, one value as before', async () => {
    const both = { scope_attribute: 'department', scope_value: listValue(['Sales', 'Ops']) };
    expect(await runChecked(db, 'scope_size', both)).toEqual([{ accounts: 2 }]);
    expect(
      await runChecked(db, 'scope_size', { scope_attribute: 'department', scope_value: listValue(['Ops', 'Nowhere']) }),
    ).toEqual([{ accounts: 1 }]);
    const p = { since: '2026-01-01', to: '2026-02-01' };
    expect(await runChecked(db, 'daily_issued', { ...p, ...both })).toEqual([
      { day: '2026-01-05', issued: 107.5 },
      { day: '2026-01-06', issued: 2 },
    ]);
  });

  it('scopeParams binds a list of values as a DuckDB list, one value as a string', async () => {
    const count = async (value: string | string[]) =>
      run(db, 'scope_size', ScopeParams, scopeParams({ attribute: 'department', value }));
    expect(await count(['Sales', 'Ops'])).toEqual([{ accounts: 2 }]);
    expect(await count('Sales')).toEqual([{ accounts: 1 }]);
    await expect(count([])).rejects.toThrow(/at least one value/);
  });

  it('daily_issued sums earn rows per local day, everyone or one scope', async () => {
    const p = { since: '2026-01-01', to: '2026-02-01' };
    expect(await runChecked(db, 'daily_issued', p)).toEqual([
      { day: '2026-01-05', issued: 107.5 },
      { day: '2026-01-06', issued: 2 },
    ]);
    expect(await runChecked(db, 'daily_issued', { ...p, scope_attribute: 'department', scope_value: 'Ops' })).toEqual([
      { day: '2026-01-05', issued: 7.5 },
      { day: '2026-01-06', issued: 2 },
    ]);
    expect(
      await runChecked(db, 'daily_issued', { ...p, scope_attribute: 'department', scope_value: 'Nowhere' }),
    ).toEqual([]);
  });
});
