import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { openDb } from '../audit/fixture.ts';
import { runChecked } from './fixture.ts';

/**
 * An approver's peer group (audit_off_hours.sql: the department most of their rows belong to) when two departments
 * tie: before, arg_max kept whichever row the parallel aggregation met first, so the same audit could judge an
 * approver against a different department from one run to the next (seen on a generated ledger: a flag's peer share
 * read 0.18 % in one run and 0.179 % in the next). The tie goes to the first department name.
 */
describe('audit_off_hours: a tie between two departments', () => {
  let db: Database;
  const approvers = 400;
  beforeAll(async () => {
    db = await openDb();
    // Each approver signs two rows for department 'Y' and two for 'X', in an order that alternates between approvers.
    await sqlExec(
      db,
      `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, approver_id, department, import_id, source_line)
       SELECT 'e' || i, TIMESTAMP '2026-03-02 10:00:00' + INTERVAL (i % 97) MINUTE, 'A' || (i % 13), 10, 'earn', 'R1',
              'M' || (i // 4), CASE WHEN ((i // 4) % 2 = 0) = (i % 4 < 2) THEN 'Y' ELSE 'X' END, 1, i + 1
       FROM range(${approvers * 4}) t(i)`,
    );
    await rebuildRollups(db);
  });
  afterAll(() => db.close());

  it('goes to the first department name, from the rows and from rollup_approver_hour', async () => {
    const P = { from: '2026-03-01', to: '2026-04-01', start: '08:00', end: '20:00', days: '1,2,3,4,5' };
    for (const kept of [false, true]) {
      const rows = await runChecked(db, 'audit_off_hours', { ...P, kept });
      expect(rows).toHaveLength(approvers * 2);
      expect(new Set(rows.map((r) => r.department))).toEqual(new Set(['X']));
    }
  });
});
