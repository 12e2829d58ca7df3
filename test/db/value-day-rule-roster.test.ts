import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { scopeParams } from '../../src/db/query-types.ts';
import { loadQuery } from '../../src/db/run.ts';
import { importAccounts } from '../../src/ledger/import.ts';
import { importSampleDir } from '../audit/helpers.ts';
import { writeTemp } from '../ledger/helpers.ts';
import { sqlRows } from '../../src/db/sql.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
const QUOTED = `研发部 "R&D" 'x'`;

/**
 * rollup_value_day_rule is recomputed with the attributes: after a roster import that moves accounts between
 * departments (one into a value with Chinese text and quotes, one out of the roster's value back to the ledger's),
 * a filter's day × rule sums read from it must equal the same sums added up from the scope's accounts' days.
 */
describe('rollup_value_day_rule after a roster import', () => {
  let sample: Awaited<ReturnType<typeof importSampleDir>>;
  let db: Database;
  let direct: Database;
  beforeAll(async () => {
    sample = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
    db = sample.db;
    const roster = [
      'account_id,department',
      `U0001,"${QUOTED.replaceAll('"', '""')}"`,
      `U0002,"${QUOTED.replaceAll('"', '""')}"`,
      'U0003,财务部',
    ].join('\n');
    await importAccounts(db, { file: writeTemp('roster-move.csv', `${roster}\n`) });
    // The branch that adds up the scope's accounts' days (what a ClickHouse source reads).
    direct = await db.fork();
    await direct.keepsLess('ll_value_days_kept');
  });
  afterAll(() => {
    direct.close();
    sample.cleanup();
  });

  const chart = (conn: Database, scope: { attribute: string; value: string | string[] }) =>
    sqlRows(conn, loadQuery('audit_daily_rules').sql, { since: '2025-01-01', to: '2027-01-01', ...scopeParams(scope) });

  it.each([
    ['a value with quotes and Chinese text', QUOTED],
    ['the value an account left', '人力资源部'],
    ['the value an account joined', '财务部'],
    ['a scope of two values', [QUOTED, '人力资源部']],
  ])('%s: the same sums as the accounts’ days', async (_what, value) => {
    const scope = { attribute: 'department', value };
    const fromValues = await chart(db, scope);
    expect(fromValues.length).toBeGreaterThan(0);
    expect(fromValues).toEqual(await chart(direct, scope));
  });

  it('the moved accounts count under their new value only', async () => {
    const [{ n }] = await sqlRows<{ n: number }>(
      db,
      `SELECT count(*)::INTEGER AS n FROM rollup_account_attributes
       WHERE attribute = 'department' AND value = $v AND account_id IN ('U0001', 'U0002')`,
      { v: QUOTED },
    );
    expect(n).toBe(2);
  });
});
