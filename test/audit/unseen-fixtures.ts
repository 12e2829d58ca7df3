import type { Database } from '../../src/db/database.ts';
import { sqlExec } from '../../src/db/sql.ts';

/**
 * The three failure classes of issue 13 as small hand-written ledgers, on a scale and shape the checks were never
 * tuned on (test/audit/unseen-abuse.test.ts, test/audit/daily-chart.test.ts).
 */

/** Inserts earn rows from an SQL SELECT of (event_id, occurred_at, account_id, points, rule_id, approver_id, department). */
/** `tagged`: the select's last column is the row's experiment_id. */
export async function insertSelect(db: Database, select: string, tagged = false) {
  await sqlExec(
    db,
    `
    INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, approver_id, department, experiment_id, import_id, source_line)
    SELECT event_id, occurred_at, account_id, points::DECIMAL(18,2), 'earn', rule_id, approver_id, department,
           ${tagged ? 'experiment_id' : 'NULL'}, 1, row_number() OVER ()
    FROM (${select})`,
  );
}

/** Farmers F100–F111 on 2026-04-15. */
export const FARMERS = Array.from({ length: 12 }, (_, i) => `F${100 + i}`);

export async function farmingLedger(db: Database) {
  // 200 accounts in 4 departments, every weekday 1–3 awards of B1/B2/B3 (10/20/30 points): a usual day of 10–90.
  // 20 busy accounts get a BIG award (200) every third day: the ledger's 99th percentile is ~220, so the old floor
  // 2.5 × p99 sat at ~550, above the farmers' ~290.
  await insertSelect(
    db,
    `
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
      FROM range(100, 112) s(a), range(25) u(i)`,
  );
}

export async function misconfiguredRuleLedger(db: Database) {
  // 300 accounts, one award of R0–R8 (10 points) every weekday: 3,000 a day. Rule RX: 11 awards of 10 a day (110).
  // Wednesday 2026-04-15: RX pays 100 instead of 10 and 11 extra RX awards are granted: 2,200 (20×) on a day of
  // 5,200 (1.67× the usual 3,110).
  await insertSelect(
    db,
    `
      SELECT 'r' || d || '-' || a AS event_id, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 10 HOUR AS occurred_at,
             'M' || lpad(a::VARCHAR, 3, '0') AS account_id, 10 AS points, 'R' || (a % 9) AS rule_id, NULL AS approver_id,
             'D' || (a % 3) AS department
      FROM range(116) t(d), range(300) s(a) WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5
      UNION ALL
      SELECT 'x' || d || '-' || a, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 11 HOUR, 'M' || lpad(a::VARCHAR, 3, '0'),
             CASE WHEN DATE '2026-01-05' + d::INTEGER = DATE '2026-04-15' THEN 100 ELSE 10 END, 'RX', NULL, 'D' || (a % 3)
      FROM range(116) t(d), range(22) s(a)
      WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5 AND (a < 11 OR DATE '2026-01-05' + d::INTEGER = DATE '2026-04-15')`,
  );
}

export async function nightApprovalsLedger(db: Database) {
  // 20 approvers, each signing the awards of a team of 10 between 09:00 and 16:59; about 7 % of rows fall on
  // weekends (daytime). AP07 also signs 40 awards at 23:30 or 02:15, every 9 days.
  await insertSelect(
    db,
    `
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
      FROM range(40) t(k)`,
  );
}

/** Rule RD pays nothing from Monday 2026-04-13 to Friday 2026-04-24; 2026-04-01 to 04-03 is a holiday for all. */
export async function ruleDropLedger(db: Database) {
  // 300 accounts on weekdays, each with an award of R0–R5 (10 points) on about 8 days in 10; RD: 60 accounts, 20
  // points, on about 8 days in 10 (by a hash of account and day: counts wobble from day to day). The holiday keeps one account in 20 at work, for every rule alike.
  const day = "(DATE '2026-01-05' + d::INTEGER)";
  const working = `isodow(${day}) <= 5 AND (${day} NOT BETWEEN DATE '2026-04-01' AND DATE '2026-04-03' OR a % 20 = 0)`;
  await insertSelect(
    db,
    `
      SELECT 'r' || d || '-' || a AS event_id, ${day}::TIMESTAMP + INTERVAL 10 HOUR AS occurred_at,
             'M' || lpad(a::VARCHAR, 3, '0') AS account_id, 10 AS points, 'R' || (a % 6) AS rule_id,
             NULL AS approver_id, 'D' || (a % 3) AS department
      FROM range(116) t(d), range(300) s(a) WHERE ${working} AND hash(a, d, 'r') % 10 < 8
      UNION ALL
      SELECT 'd' || d || '-' || a, ${day}::TIMESTAMP + INTERVAL 11 HOUR, 'M' || lpad(a::VARCHAR, 3, '0'), 20, 'RD',
             NULL, 'D' || (a % 3)
      FROM range(116) t(d), range(60) s(a)
      WHERE ${working} AND hash(a, d, 'd') % 10 < 8 AND ${day} NOT BETWEEN DATE '2026-04-13' AND DATE '2026-04-24'`,
  );
}

/**
 * ruleDropLedger's office without its holiday, and two rules that stop paying: RD from 2026-04-13 to 04-24 with no
 * reason on record, and RE, whose experiment EXP-RE (2026-04-06 to 04-17) granted it only to its treatment arm (one
 * account in ten, rows tagged EXP-RE) and after which it was retired: its control arm got nothing during it, and
 * no one after it.
 */
export async function experimentDropLedger(db: Database) {
  const day = "(DATE '2026-01-05' + d::INTEGER)";
  const weekday = `isodow(${day}) <= 5 AND hash(a, d, 'x') % 10 < 8`;
  const during = `${day} BETWEEN DATE '2026-04-06' AND DATE '2026-04-17'`;
  await insertSelect(
    db,
    `
      SELECT 'r' || d || '-' || a AS event_id, ${day}::TIMESTAMP + INTERVAL 10 HOUR AS occurred_at,
             'M' || lpad(a::VARCHAR, 3, '0') AS account_id, 10 AS points, 'R' || (a % 6) AS rule_id,
             NULL AS approver_id, 'D' || (a % 3) AS department, NULL AS experiment_id
      FROM range(116) t(d), range(300) s(a) WHERE ${weekday}
      UNION ALL
      SELECT 'd' || d || '-' || a, ${day}::TIMESTAMP + INTERVAL 11 HOUR, 'M' || lpad(a::VARCHAR, 3, '0'), 20, 'RD',
             NULL, 'D' || (a % 3), NULL
      FROM range(116) t(d), range(60) s(a)
      WHERE ${weekday} AND ${day} NOT BETWEEN DATE '2026-04-13' AND DATE '2026-04-24'
      UNION ALL
      SELECT 'e' || d || '-' || a, ${day}::TIMESTAMP + INTERVAL 12 HOUR, 'M' || lpad(a::VARCHAR, 3, '0'), 20, 'RE',
             NULL, 'D' || (a % 3), CASE WHEN ${during} THEN 'EXP-RE' END
      FROM range(116) t(d), range(60, 120) s(a)
      WHERE ${weekday} AND (${day} < DATE '2026-04-06' OR ${during} AND a % 10 = 0)`,
    true,
  );
}

/**
 * 30 approvers (AP00–AP29, departments D0–D2), each signing the awards of a team of 10 on every weekday of 2025 in
 * daytime; late batch jobs put one row in twelve at 20:30 for everyone (8 % of rows at night), and every approver
 * signs a few rows between 23:00 and 04:00 (one per account every 600 days). AP07 also signs 3 a month from
 * February to December between 23:00 and 04:00, the hours taking turns: about 7 in each night hour over the year,
 * 3 in a month, 33 among some 230 evening rows at night.
 */
export async function steadyNightLedger(db: Database) {
  const day = "(DATE '2025-01-01' + d::INTEGER)";
  const approver = "'AP' || lpad((a // 10)::VARCHAR, 2, '0')";
  await insertSelect(
    db,
    `
      SELECT 's' || d || '-' || a AS event_id, ${day}::TIMESTAMP + INTERVAL 9 HOUR + to_hours((a % 8)::INTEGER) AS occurred_at,
             'S' || lpad(a::VARCHAR, 3, '0') AS account_id, 10 AS points, 'R1' AS rule_id, ${approver} AS approver_id,
             'D' || ((a // 10) % 3) AS department
      FROM range(365) t(d), range(300) s(a) WHERE isodow(${day}) <= 5
      UNION ALL
      SELECT 'b' || d || '-' || a, ${day}::TIMESTAMP + INTERVAL '20:30:00', 'S' || lpad(a::VARCHAR, 3, '0'), 10, 'R2',
             ${approver}, 'D' || ((a // 10) % 3)
      FROM range(365) t(d), range(300) s(a) WHERE isodow(${day}) <= 5 AND (d * 7 + a * 5) % 12 = 0
      UNION ALL
      SELECT 'l' || d || '-' || a, ${day}::TIMESTAMP + to_hours((23 + d % 5)::INTEGER) + INTERVAL 10 MINUTE,
             'S' || lpad(a::VARCHAR, 3, '0'), 10, 'R1', ${approver}, 'D' || ((a // 10) % 3)
      FROM range(365) t(d), range(300) s(a) WHERE (a * 37 + d) % 600 = 0
      UNION ALL
      SELECT 'n' || m || '-' || j, make_timestamp(2025, m::BIGINT, 5 + 9 * j::BIGINT, 0, 0, 0)
               + to_hours((23 + (3 * m + j) % 5)::INTEGER) + INTERVAL 20 MINUTE,
             'S07' || j, 10, 'R1', 'AP07', 'D1'
      FROM range(2, 13) t(m), range(3) s(j)`,
  );
}
