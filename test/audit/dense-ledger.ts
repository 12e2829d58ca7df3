import type { Database } from '../../src/db/database.ts';
import { sqlExec } from '../../src/db/sql.ts';

/**
 * A dense ledger (the review's probe): 300 accounts A0 … A299 of department D paid 10 points (DAILY) every day of
 * 2026-01-01 – 2026-03-31 and a BONUS of 200–240 on one day in fifteen. An account paid the same every day has a
 * constant history (MAD 0) though it is active on every day of its window: one large award is far above it.
 */
export async function denseLedger(db: Database): Promise<void> {
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
