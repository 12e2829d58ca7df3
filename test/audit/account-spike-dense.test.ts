import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { flagTop } from '../../src/audit/checks/account-spike.ts';
import { audit, insertRows, openDb } from './fixture.ts';

/**
 * A dense ledger (the review's probe): 300 accounts of department D paid 10 points (DAILY) every day of
 * 2026-01-01 – 2026-03-31 and a BONUS of 200–240 on one day in fifteen. An account paid the same every day has a
 * constant history (MAD 0) though it is active on every day of its window: one large award is far above it.
 */
const P = { from: '2026-03-01', to: '2026-04-01' };

async function dense(db: Database) {
  await sqlExec(
    db,
    `
    INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, department, import_id, source_line)
    SELECT 'd' || d || '-' || a, (DATE '2026-01-01' + d::INTEGER)::TIMESTAMP + INTERVAL 9 HOUR, 'A' || a,
           10::DECIMAL(18,2), 'earn', 'DAILY', 'D', 1, d * 1000 + a
    FROM range(90) t(d), range(300) s(a)
    UNION ALL
    SELECT 'b' || d || '-' || a, (DATE '2026-01-01' + d::INTEGER)::TIMESTAMP + INTERVAL 15 HOUR, 'A' || a,
           (200 + (a % 5) * 10)::DECIMAL(18,2), 'earn', 'BONUS', 'D', 1, 500000 + d * 1000 + a
    FROM range(90) t(d), range(300) s(a) WHERE (d + a) % 15 = 0`,
  );
}

describe('account_spike: one large award on an account active every day', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await dense(db);
    await insertRows(db, [{ at: '2026-03-15 16:00:00', account: 'A7', points: 1500, rule: 'BONUS', department: 'D' }]);
  });
  afterAll(() => db.close());

  it('flags the award of an account paid the same every day (a constant history, active on all its days)', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    const a7 = r.flags.filter((f) => f.account_id === 'A7');
    expect(a7.map((f) => [f.from, f.value, f.severity])).toEqual([['2026-03-15', 1510, 'high']]);
  });
});

describe('account_spike: the day a flag of several days reports', () => {
  const day = (d: string, issued: number, alone: boolean) => ({ day: d, issued, alone });

  it('is the day with most points among those that passed z, not a day kept on its burst alone with more', () => {
    const days = [day('2026-03-10', 900, false), day('2026-03-11', 1200, true), day('2026-03-12', 700, false)];
    expect(flagTop(days).day).toBe('2026-03-10');
  });

  it('is the day with most points when every day was kept on its burst alone', () => {
    const days = [day('2026-03-10', 125, true), day('2026-03-12', 140, true)];
    expect(flagTop(days).day).toBe('2026-03-12');
  });
});
