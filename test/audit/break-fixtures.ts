import type { Database } from '../../src/db/database.ts';
import { insertSelect } from './unseen-fixtures.ts';

/**
 * A class of 60 pupils awarded on school days (Monday to Friday) from 2026-03-02 to 2026-11-30: rule A (1 point) to
 * about 4 pupils in 10 a day, rule B (2 points) to about 3 in 10. `summer`: no row at all from Saturday 2026-07-04
 * to Monday 08-31 (term starts Tuesday 09-01). In the autumn term A pays 20 points on Wednesday 2026-10-07 (the
 * day's total about 9×) and B pays nothing from Monday 10-19 to Friday 10-30.
 */
export async function schoolBreakLedger(db: Database, summer: boolean) {
  const day = "(DATE '2026-03-02' + d::INTEGER)";
  const open = `isodow(${day}) <= 5${summer ? ` AND ${day} NOT BETWEEN DATE '2026-07-04' AND DATE '2026-08-31'` : ''}`;
  await insertSelect(
    db,
    `
      SELECT 'a' || d || '-' || p AS event_id, ${day}::TIMESTAMP + INTERVAL 9 HOUR + to_minutes((p * 7)::INTEGER) AS occurred_at,
             'P' || lpad(p::VARCHAR, 2, '0') AS account_id, CASE WHEN ${day} = DATE '2026-10-07' THEN 20 ELSE 1 END AS points,
             'A' AS rule_id, 'T1' AS approver_id, 'C1' AS department
      FROM range(274) t(d), range(60) s(p) WHERE ${open} AND hash(p, d, 'award-a') % 10 < 4
      UNION ALL
      SELECT 'b' || d || '-' || p, ${day}::TIMESTAMP + INTERVAL 14 HOUR + to_minutes((p * 3)::INTEGER), 'P' || lpad(p::VARCHAR, 2, '0'),
             2, 'B', 'T1', 'C1'
      FROM range(274) t(d), range(60) s(p)
      WHERE ${open} AND hash(p, d, 'award-b') % 10 < 3 AND ${day} NOT BETWEEN DATE '2026-10-19' AND DATE '2026-10-30'`,
  );
}

/**
 * 120 sales reps on weekdays of 2026: a client visit V (5 points) on about one rep-day in eight, and a referral R01 of
 * 10 to 60 points (its size varies with the deal) on about 4.6 rep-days a day, from 2026-06-01. On Friday 2026-10-30
 * only one referral came in, of 10 points (its least): at 4.6 a day, a day of one or none comes about one in eighteen. On Thursday
 * 2026-11-12 the visit paid 1 point instead of 5, as many visits as usual (a rule whose value was changed by mistake).
 */
export async function thinReferralLedger(db: Database) {
  const day = "(DATE '2026-01-05' + d::INTEGER)";
  const weekday = `isodow(${day}) <= 5`;
  const the30th = `${day} = DATE '2026-10-30'`;
  await insertSelect(
    db,
    `
      SELECT 'v' || d || '-' || a AS event_id, ${day}::TIMESTAMP + INTERVAL 10 HOUR + to_minutes(a::INTEGER) AS occurred_at,
             'SR' || lpad(a::VARCHAR, 3, '0') AS account_id, CASE WHEN ${day} = DATE '2026-11-12' THEN 1 ELSE 5 END AS points, 'V' AS rule_id, NULL AS approver_id,
             'T' || (a % 8) AS department
      FROM range(360) t(d), range(120) s(a) WHERE ${weekday} AND hash(a, d, 'v') % 8 = 0
      UNION ALL
      SELECT 'r' || d || '-' || a, ${day}::TIMESTAMP + INTERVAL 15 HOUR + to_minutes(a::INTEGER), 'SR' || lpad(a::VARCHAR, 3, '0'),
             10 + hash(a, d, 'p') % 51, 'R01', NULL, 'T' || (a % 8)
      FROM range(360) t(d), range(120) s(a)
      WHERE ${weekday} AND ${day} >= DATE '2026-06-01' AND NOT ${the30th} AND hash(a, d, 'r') % 1000 < 38
      UNION ALL
      SELECT 'r-30', TIMESTAMP '2026-10-30 15:00:00', 'SR007', 10, 'R01', NULL, 'T7'`,
  );
}
