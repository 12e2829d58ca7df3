import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spotCheck } from '../../src/audit/spot-check.ts';
import type { Database } from '../../src/db/database.ts';
import { openDb } from './fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';

/**
 * 1,000 rows: 600 in March (400 of department A, 200 of B), 400 in April (200 + 200), plus 50 expiry rows that are
 * never sampled. Strata by month: round(0.1 × 600) = 60 and round(0.1 × 400) = 40; by month and department:
 * 40, 20, 20, 20.
 */
describe('spot check (the audit sample)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await sqlExec(
      db,
      `
      INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, department, import_id, source_line)
      SELECT 'r' || lpad(i::VARCHAR, 4, '0'),
             CASE WHEN i < 600 THEN TIMESTAMP '2026-03-02 10:00:00' ELSE TIMESTAMP '2026-04-02 10:00:00' END + to_minutes(i),
             'U' || (i % 37), 10, 'earn', CASE WHEN i < 400 OR (i >= 600 AND i < 800) THEN 'A' ELSE 'B' END, 1, i
      FROM range(1000) t(i)
      UNION ALL
      SELECT 'x' || i, TIMESTAMP '2026-03-31 23:59:59', 'U' || i, -1, 'expire', 'A', 1, 2000 + i FROM range(50) t(i)`,
    );
  });
  afterAll(() => db.close());
  const P = { from: '2026-03-01', to: '2026-05-01' };

  it('draws round(rate × rows) per month, no expiry rows, the same rows for the same seed', async () => {
    const a = await spotCheck(db, { ...P, seed: 42 });
    const b = await spotCheck(db, { ...P, seed: 42 });
    expect(a.strata).toEqual([
      { stratum: '2026-03', rows: 600, drawn: 60 },
      { stratum: '2026-04', rows: 400, drawn: 40 },
    ]);
    expect(a.rows).toHaveLength(100);
    expect(a.rows.every((r) => r.event_type !== 'expire')).toBe(true);
    expect(new Set(a.rows.map((r) => r.event_id)).size).toBe(100);
    expect(b.rows).toEqual(a.rows);
    const c = await spotCheck(db, { ...P, seed: 43 });
    expect(c.rows.map((r) => r.event_id)).not.toEqual(a.rows.map((r) => r.event_id));
  });

  it('stratifies by an attribute as well when asked', async () => {
    const s = await spotCheck(db, { ...P, seed: 1, by: 'department', rate: 0.1 });
    expect(s.strata.map((x) => [x.stratum, x.rows, x.drawn])).toEqual([
      ['2026-03|A', 400, 40],
      ['2026-03|B', 200, 20],
      ['2026-04|A', 200, 20],
      ['2026-04|B', 200, 20],
    ]);
    expect(s.rows.filter((r) => r.department === 'B' && r.occurred_at.startsWith('2026-04'))).toHaveLength(20);
  });

  it('refuses a rate outside (0, 1]', async () => {
    await expect(spotCheck(db, { ...P, rate: 1.5 })).rejects.toThrow(/not a share/);
  });
});
