import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertLedger, openTestDb, runChecked } from './fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';

/** The stored audits' table: a row is read back only for the settings and the data version it was written with. */
describe('audit store queries', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  const key = { period_from: '2026-01-01', period_to: '2026-04-01', settings_hash: 'h1', data_version: 'v1' };

  it('knows the table is there', async () => {
    expect(await runChecked(db, 'audit_results_present')).toEqual([{ n: 1 }]);
  });

  it('gives a data version that changes with an import', async () => {
    const before = await runChecked(db, 'audit_data_version');
    expect(before).toEqual([{ data_version: '0:0:0' }]);
    await insertLedger(db, [{ at: '2026-01-05 10:00:00', account: 'A1', points: 10, type: 'earn' }]);
    await sqlExec(
      db,
      `INSERT INTO imports VALUES (7, 'ledger', 'x.csv', 1, 'sha', 'csv', 'utf-8', '2026-01-06 00:00:00',
      1, 1, 0, 0, '{}', '[]')`,
    );
    const after = await runChecked(db, 'audit_data_version');
    expect(after[0].data_version).not.toBe(before[0].data_version);
    expect(after[0].data_version).toMatch(/:7:1$/);
  });

  it('reads a stored row back only with the same settings hash and data version', async () => {
    expect(await runChecked(db, 'audit_result_stored', key)).toEqual([]);
    expect(await runChecked(db, 'audit_result_store', { ...key, result: '{"flags":[]}' })).toEqual([
      { period_from: '2026-01-01', period_to: '2026-04-01' },
    ]);
    expect(await runChecked(db, 'audit_result_stored', key)).toEqual([{ result: '{"flags":[]}' }]);
    expect(await runChecked(db, 'audit_result_stored', { ...key, settings_hash: 'h2' })).toEqual([]);
    expect(await runChecked(db, 'audit_result_stored', { ...key, data_version: 'v2' })).toEqual([]);
    // A newer audit of the period replaces the older one.
    await runChecked(db, 'audit_result_store', { ...key, data_version: 'v2', result: '{"flags":[1]}' });
    expect(await runChecked(db, 'audit_result_stored', key)).toEqual([]);
    expect(await runChecked(db, 'audit_result_stored', { ...key, data_version: 'v2' })).toEqual([
      { result: '{"flags":[1]}' },
    ]);
  });

  it('says whether that row is stored without reading it, for the same key only', async () => {
    const exists = async (k: typeof key) => (await runChecked(db, 'audit_result_exists', k))[0].n;
    expect(await exists({ ...key, data_version: 'v2' })).toBe(1);
    expect(await exists(key)).toBe(0);
    expect(await exists({ ...key, data_version: 'v2', settings_hash: 'h2' })).toBe(0);
    expect(await exists({ ...key, data_version: 'v2', period_to: '2026-02-01' })).toBe(0);
  });
});
