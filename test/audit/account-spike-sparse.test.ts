import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { audit, insertRows, openDb, type Row } from './fixture.ts';

/**
 * A sparse loyalty ledger (the red team's D4 and D5): 600 members of department M over 2026-01-01 – 2026-03-31, every
 * day of the week. A member buys on about one day in twelve (PURCHASE, points per yuan: log-uniform from 30 to 3,840,
 * two decimals, so an ordinary purchase is often several times the rule's mean award) and checks in on about one
 * day in forty (CHECKIN, 5 points, once). No member is active on more than a few days of any four weeks, so its own
 * history is mostly zero days.
 */
const P = { from: '2026-03-01', to: '2026-04-01' };

async function loyalty(db: Database) {
  await sqlExec(
    db,
    `
    INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, department, import_id, source_line)
    SELECT 'p' || d || '-' || a, (DATE '2026-01-01' + d::INTEGER)::TIMESTAMP + INTERVAL 10 HOUR + (a % 480) * INTERVAL 1 MINUTE,
           'M' || lpad(a::VARCHAR, 3, '0'),
           round(30 * pow(2, ((d * 37 + a * 101) % 701) / 100.0), 2)::DECIMAL(18,2), 'earn', 'PURCHASE', 'M', 1, d * 1000 + a
    FROM range(90) t(d), range(600) s(a)
    WHERE (d * 7 + a * 5) % 12 = 0
    UNION ALL
    SELECT 'c' || d || '-' || a, (DATE '2026-01-01' + d::INTEGER)::TIMESTAMP + INTERVAL 8 HOUR + (a % 600) * INTERVAL 1 MINUTE,
           'M' || lpad(a::VARCHAR, 3, '0'), 5::DECIMAL(18,2), 'earn', 'CHECKIN', 'M', 1, 900000 + d * 1000 + a
    FROM range(90) t(d), range(600) s(a)
    WHERE (d * 5 + a * 3) % 40 = 0`,
  );
}

const checkins = (day: string, account: string, n: number, everyMinutes: number): Row[] =>
  Array.from({ length: n }, (_, k) => ({
    at: `${day} 12:${String(k * everyMinutes).padStart(2, '0')}:00`,
    account,
    rule: 'CHECKIN',
    points: 5,
    department: 'M',
  }));

describe('account_spike on a sparse loyalty ledger whose purchases vary', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await loyalty(db);
    // FARM: 25 check-ins within 24 minutes (125 points), less than an ordinary purchase day of its peers.
    await insertRows(db, checkins('2026-03-18', 'FARM', 25, 1));
  });
  afterAll(() => db.close());

  it('flags no ordinary purchase of a member whose own history is mostly zero days', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    expect(r.flags.filter((f) => f.account_id !== 'FARM').map((f) => [f.account_id, f.from, f.value])).toEqual([]);
  });

  it('flags the burst of 25 check-ins on its own evidence, though the day is below the peers’ median day', async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    const farm = r.flags.filter((f) => f.account_id === 'FARM');
    expect(farm.map((f) => [f.from, f.value, f.reason_vars.rule, f.reason_vars.n])).toEqual([
      ['2026-03-18', 125, 'CHECKIN', 25],
    ]);
    expect(farm[0].value).toBeLessThan(farm[0].reason_vars.peer_median as number);
    expect(farm[0].reason_key).toBe('account_spike_burst_alone');
  });
});
