import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { audit, openDb } from './fixture.ts';

/**
 * The three failure classes of issue 13, each a small hand-written ledger on a scale and shape the checks were never
 * tuned on. Each test failed on the checks before the issue (0 flags) and passes after.
 */

/** Inserts earn rows from an SQL SELECT of (event_id, occurred_at, account_id, points, rule_id, approver_id, department). */
async function insertSelect(db: Database, select: string) {
  await db.exec(`
    INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, approver_id, department, import_id, source_line)
    SELECT event_id, occurred_at, account_id, points::DECIMAL(18,2), 'earn', rule_id, approver_id, department, 1, row_number() OVER ()
    FROM (${select})`);
}

describe('farming bursts: 25 awards of one base rule within 25 minutes, below the busiest accounts\' days', () => {
  let db: Database;
  const farmers = Array.from({ length: 12 }, (_, i) => `F${100 + i}`);
  beforeAll(async () => {
    db = await openDb();
    // 200 accounts in 4 departments, every weekday 1–3 awards of B1/B2/B3 (10/20/30 points): a usual day of 10–90.
    // 20 busy accounts get a BIG award (200) every third day: the ledger's 99th percentile is ~220, so the old floor
    // 2.5 × p99 sat at ~550, above the farmers' ~290.
    await insertSelect(db, `
      SELECT 'b' || d || '-' || a || '-' || j AS event_id,
             (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 9 HOUR + to_hours(j::INTEGER) AS occurred_at,
             'F' || lpad(a::VARCHAR, 3, '0') AS account_id, 10 * (1 + (a + j + d) % 3) AS points,
             'B' || (1 + (a + j + d) % 3) AS rule_id, NULL AS approver_id, 'D' || (a % 4) AS department
      FROM range(116) t(d), range(200) s(a), range(3) u(j)
      WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5 AND j <= (a + d) % 3
      UNION ALL
      SELECT 'big' || d || '-' || a, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 16 HOUR,
             'F' || lpad(a::VARCHAR, 3, '0'), 200, 'BIG', NULL, 'D' || (a % 4)
      FROM range(116) t(d), range(20) s(a)
      WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5 AND (d + a) % 3 = 0
      UNION ALL
      SELECT 'farm' || a || '-' || i, TIMESTAMP '2026-04-15 14:00:00' + to_minutes(i::INTEGER),
             'F' || a, 10, 'B1', NULL, 'D' || (a % 4)
      FROM range(100, 112) s(a), range(25) u(i)`);
  });
  afterAll(() => db.close());

  it('flags each of the 12 farmers on that day and no one else, naming the burst', async () => {
    const r = await audit(db, { from: '2026-04-01', to: '2026-05-01', checks: ['account_spike'] });
    expect(r.flags.map((f) => [f.account_id, f.from]).sort()).toEqual(farmers.map((a) => [a, '2026-04-15']));
    for (const f of r.flags) {
      expect(f.event_count).toBeGreaterThanOrEqual(25);
      expect(f.explanation).toMatch(/2[56] awards of B1, 2[45] awards of B1 within 2[34] min, where an account gets at most 1 a day/);
    }
  });
});

describe('a misconfigured rule: 20× its usual total while the program total rises 1.7×', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    // 300 accounts, one award of R0–R8 (10 points) every weekday: 3,000 a day. Rule RX: 11 awards of 10 a day (110).
    // Wednesday 2026-04-15: RX pays 100 instead of 10 and 11 extra RX awards are granted: 2,200 (20×) on a day of
    // 5,200 (1.67× the usual 3,110).
    await insertSelect(db, `
      SELECT 'r' || d || '-' || a AS event_id, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 10 HOUR AS occurred_at,
             'M' || lpad(a::VARCHAR, 3, '0') AS account_id, 10 AS points, 'R' || (a % 9) AS rule_id, NULL AS approver_id,
             'D' || (a % 3) AS department
      FROM range(116) t(d), range(300) s(a) WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5
      UNION ALL
      SELECT 'x' || d || '-' || a, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 11 HOUR, 'M' || lpad(a::VARCHAR, 3, '0'),
             CASE WHEN DATE '2026-01-05' + d::INTEGER = DATE '2026-04-15' THEN 100 ELSE 10 END, 'RX', NULL, 'D' || (a % 3)
      FROM range(116) t(d), range(22) s(a)
      WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5 AND (a < 11 OR DATE '2026-01-05' + d::INTEGER = DATE '2026-04-15')`);
  });
  afterAll(() => db.close());

  it('flags the rule on that day with its usual and actual value, and nothing else', async () => {
    const r = await audit(db, { from: '2026-04-01', to: '2026-05-01', checks: ['program_spike', 'rule_spike'] });
    expect(r.flags.map((f) => [f.check, f.from, f.rule_id, f.value, f.baseline])).toEqual([['rule_spike', '2026-04-15', 'RX', 2200, 110]]);
    expect(r.flags[0].explanation).toMatch(/RX paid 2200 points on 2026-04-15 against 110 usual/);
    expect(r.flags[0].explanation).toMatch(/program total 5200 against 3110/);
    expect(r.flags[0].event_count).toBe(22);
  });
});

describe('night approvals: 40 over a year, 3–4 a month, where no other approver signs at night', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    // 20 approvers, each signing the awards of a team of 10 between 09:00 and 16:59; about 7 % of rows fall on
    // weekends (daytime). AP07 also signs 40 awards at 23:30 or 02:15, every 9 days.
    await insertSelect(db, `
      SELECT 'n' || d || '-' || a AS event_id,
             (DATE '2026-01-01' + d::INTEGER)::TIMESTAMP + INTERVAL 9 HOUR + to_hours((a % 8)::INTEGER) AS occurred_at,
             'N' || lpad(a::VARCHAR, 3, '0') AS account_id, 10 AS points, 'R1' AS rule_id,
             'AP' || lpad((a // 10)::VARCHAR, 2, '0') AS approver_id, 'D' || ((a // 10) % 5) AS department
      FROM range(365) t(d), range(200) s(a)
      WHERE isodow(DATE '2026-01-01' + d::INTEGER) <= 5 OR (a + d) % 6 = 0
      UNION ALL
      SELECT 'night' || k, (DATE '2026-01-03' + (9 * k)::INTEGER)::TIMESTAMP
               + CASE WHEN k % 2 = 0 THEN INTERVAL '23:30:00' ELSE INTERVAL '26:15:00' END,
             'N07' || (k % 10), 10, 'R1', 'AP07', 'D2'
      FROM range(40) t(k)`);
  });
  afterAll(() => db.close());

  it('flags AP07 over the year, and in a single quarter too, and no weekend approver', async () => {
    const year = await audit(db, { from: '2026-01-01', to: '2027-01-01', checks: ['off_hours_approval'] });
    expect(year.flags.map((f) => f.account_id)).toEqual(['AP07']);
    expect(year.flags[0].value).toBe(40);
    expect(year.flags[0].event_count).toBe(40);
    expect(year.flags[0].explanation).toMatch(/at night/);
    const quarter = await audit(db, { from: '2026-04-01', to: '2026-07-01', checks: ['off_hours_approval'] });
    expect(quarter.flags.map((f) => f.account_id)).toEqual(['AP07']);
  });
});
