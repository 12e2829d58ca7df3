import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { insertRows, openDb } from '../audit/fixture.ts';
import { runChecked } from './fixture.ts';

/**
 * audit_account_spike's yardstick `award` (the ledger's largest mean award; top_floor is a multiple of it) summed
 * the span's points as doubles, whose total depends on the order they are added: on a generated ledger the same
 * database audited twice gave 1968.9458689458693 and 1968.9458689458688, as threads happened to add the cells.
 * The same cells in the opposite order must give the same number to the last bit, with campaign days divided and
 * without campaigns.
 */
describe('audit_account_spike: award does not depend on the order of the cells', () => {
  let db: Database;
  const P = { from: '2026-03-01', to: '2026-04-01' };
  // 600 account-days of one rule in March and the 28 days before, with cents that are not binary fractions, and the
  // one account-day whose ledger row is imported (the query returns candidates with their rows).
  const cells = `SELECT 'A' || (i % 150) AS account_id, DATE '2026-02-01' + (i % 56)::INTEGER AS day, 'R1' AS rule_id,
                        (100 + (i * 37) % 100 / 100.0 + (i % 7) * 0.13)::DECIMAL(18, 2)::DOUBLE AS issued, 1 AS n
                 FROM range(600) t(i)
                 UNION ALL SELECT 'A0', DATE '2026-03-02', 'R1', 1.0, 1`;
  beforeAll(async () => {
    db = await openDb();
    // The schema's tables and views exist once a row is imported; the query reads the two views set below.
    await insertRows(db, [{ at: '2026-03-02 10:00:00', account: 'A0', points: 1, department: 'D', rule: 'R1' }]);
    await rebuildRollups(db);
    await sqlExec(db, `CREATE TABLE cells_up AS SELECT * FROM (${cells}) ORDER BY issued, account_id, day`);
    await sqlExec(
      db,
      `CREATE TABLE cells_down AS SELECT * FROM (${cells}) ORDER BY issued DESC, account_id DESC, day DESC`,
    );
  });
  afterAll(() => db.close());

  async function award(table: string, campaigns: string): Promise<number> {
    await sqlExec(db, `CREATE OR REPLACE TEMP VIEW audit_account_rule_day AS SELECT * FROM ${table}`);
    await sqlExec(
      db,
      `CREATE OR REPLACE TEMP VIEW audit_account_day AS
       SELECT account_id, day, sum(issued)::DOUBLE AS issued, sum(n)::INTEGER AS n FROM ${table} GROUP BY ALL`,
    );
    // Any day a candidate (any points reach the floor, any z passes): A0's day is returned, with award.
    const params = {
      ...P,
      window_days: 28,
      award_min_days: 1,
      top_awards: 0.001,
      z: -1e9,
      burst_alpha: 0.01,
      skip_days: '',
      kept: false,
    };
    const rows = await runChecked(db, 'audit_account_spike', { ...params, campaigns });
    expect(rows.map((r) => [r.account_id, r.day])).toEqual([['A0', '2026-03-02']]);
    return rows[0].award as number;
  }

  it('gives the same award, to the last bit, whichever order the cells are added in', async () => {
    for (const campaigns of ['', '2026-02-07||3,2026-03-04|R1|3,2026-03-19||7']) {
      const up = await award('cells_up', campaigns);
      const down = await award('cells_down', campaigns);
      expect(up).toBeGreaterThan(50);
      expect(Object.is(up, down), `${campaigns || 'no campaigns'}: ${up} vs ${down}`).toBe(true);
    }
  });
});
