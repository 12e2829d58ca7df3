import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';
import { audit, openDb } from './fixture.ts';
import { poissonBounds, SPARSE_RULES } from './poisson-counts.ts';

/**
 * Sparse rules paid as Poisson counts (the red teams' D1): 500 workers of department W over 2026-01-01 – 2026-04-30,
 * every day, F01 (5 points) at 0.08 awards a day and F02 (10 points) at 0.04, each day's count drawn from a Poisson
 * law by a hash of (rule, account, day). Nothing is planted: two awards of F02 on one day are as common as chance
 * makes them (about 2 % of its paid days), so no day is "beyond the maximum the ledger pays". Measured on the days a
 * worker was active at all, F02's rate was six times its calendar rate, and every pair was flagged.
 */
const P = { from: '2026-04-01', to: '2026-05-01' };

/** A Poisson(rate) count from a uniform u in [0, 1). */
const poisson = (u: string, rate: number) =>
  `CASE ${poissonBounds(rate)
    .map((x, k) => `WHEN ${u} < ${x} THEN ${k}`)
    .join(' ')} ELSE 4 END`;

async function ledger(db: Database) {
  for (const [rule, points, rate, salt] of SPARSE_RULES)
    await sqlExec(
      db,
      `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, department, import_id, source_line)
       SELECT '${rule}-' || d || '-' || a || '-' || k, (DATE '2026-01-01' + d::INTEGER)::TIMESTAMP + INTERVAL 8 HOUR
                + ((a * 37 + k * 211) % 540) * INTERVAL 1 MINUTE,
              'W' || lpad(a::VARCHAR, 3, '0'), ${points}::DECIMAL(18,2), 'earn', '${rule}', 'W', 1,
              ${salt} * 10000000 + d * 10000 + a * 10 + k
       FROM (SELECT d, a, ${poisson(`(hash(${salt}, a, d) % 1000000) / 1000000.0`, rate)} AS n
             FROM range(120) t(d), range(500) s(a)) c, range(4) r(k)
       WHERE k < n`,
    );
}

describe('account_spike on sparse rules paid as Poisson counts', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await ledger(db);
  });
  afterAll(() => db.close());

  it('holds F02 paid twice on about 2 % of its paid days, as chance pays it', async () => {
    const [{ days, pairs }] = await sqlRows<{ days: number; pairs: number }>(
      db,
      `SELECT count(*)::DOUBLE AS days, count(*) FILTER (WHERE n >= 2)::DOUBLE AS pairs FROM
       (SELECT account_id, occurred_at::DATE, count(*) AS n FROM ledger WHERE rule_id = 'F02' GROUP BY ALL)`,
    );
    expect(pairs / days).toBeGreaterThan(0.01);
    expect(pairs / days).toBeLessThan(0.03);
  });

  it('flags no chance pair of a sparse rule as beyond the maximum the ledger pays', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    expect(r.flags.map((f) => [f.account_id, f.from, f.reason_key])).toEqual([]);
  });
});
