import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccountDayRollup } from '../../src/db/audit-rollup.ts';
import { throughCte } from '../../src/db/clickhouse/cte.ts';
import type { Database } from '../../src/db/database.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import { loadQuery, usedParams } from '../../src/db/run.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { sqlRows } from '../../src/db/sql.ts';
import { insertRows, openDb, type Row } from '../audit/fixture.ts';

/**
 * audit_burst_redeem reads its floor (the `quantile` of the period's account-days) off a histogram of their values
 * instead of selecting it among every account-day: it must be DuckDB's own quantile_cont() to the last bit, at ranks
 * that fall on a value and between two (so the interpolation is exercised), on values that are not exact in binary,
 * for the kept and the raw path. Days before `from` must stay out of it.
 */
describe('audit_burst_redeem: the floor from a histogram equals quantile_cont()', () => {
  let db: Database;
  const P = { from: '2026-03-01', to: '2026-04-01' };
  beforeAll(async () => {
    db = await openDb();
    const rows: Row[] = [];
    // 23 account-days in the period with repeated values, thirds rounded to cents; and a large day before it.
    for (let i = 0; i < 23; i++) {
      const points = Math.round(((i % 6) * 7 + 1 / 3 + (i % 4)) * 100) / 100;
      rows.push({ at: `2026-03-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`, account: `A${i % 9}`, points });
    }
    rows.push({ at: '2026-02-20 10:00:00', account: 'A1', points: 9000 });
    await insertRows(db, rows);
    await rebuildRollups(db);
    await buildAccountDayRollup(db, '2026-01-31', P.to, true);
  });
  afterAll(() => db.close());

  const { sql } = loadQuery('audit_burst_redeem');
  const floorOf = async (quantile: number, kept: boolean) => {
    const q = throughCte(sql, 'floor', 'SELECT q FROM floor');
    const [{ q: got }] = await sqlRows<{ q: number }>(
      db,
      q,
      usedParams(q, { ...defaultAuditSettings().burst_redeem, ...P, quantile, kept }),
    );
    return got;
  };

  for (const quantile of [0.99, 0.9, 0.5, 0.37, 0, 1])
    it(`quantile ${quantile}`, async () => {
      const [{ want, n }] = await sqlRows<{ want: number; n: number }>(
        db,
        `SELECT quantile_cont(issued, $q::DOUBLE)::DOUBLE AS want, count(*)::INTEGER AS n FROM audit_account_day
         WHERE day >= $from::DATE AND day < $to::DATE`,
        { q: quantile, ...P },
      );
      expect(n).toBe(23);
      const got = await floorOf(quantile, true);
      expect(Object.is(got, want)).toBe(true);
      expect(Object.is(await floorOf(quantile, false), want)).toBe(true);
    });

  it('interpolates between two values where the rank falls between them', async () => {
    const values = await sqlRows<{ v: number }>(db, 'SELECT DISTINCT issued AS v FROM audit_account_day');
    for (const quantile of [0.99, 0.9]) {
      const got = await floorOf(quantile, true);
      expect(values.some((x) => x.v === got)).toBe(false);
    }
  });
});
