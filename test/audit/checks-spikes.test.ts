import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTimeline } from '../../src/audit/timeline.ts';
import { programSeries } from '../../src/audit/spike-days.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import type { Database } from '../../src/db/database.ts';
import { audit, insertRows, openDb } from './fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';

/**
 * 40 accounts of department D earn on every weekday from 2026-01-05 to 2026-03-31, each day 100, 150 or 200 points
 * ((day + account) mod 3), nothing at weekends. So every active account-day is 100, 150 or 200: the 99th
 * percentile is 200 (the few spike days below are under 1 % of the ~1,700 account-days) and the floor
 * a normal weekday of the program is about 40 × 150 = 6,000.
 */
const P = { from: '2026-03-01', to: '2026-04-01' };

async function baseLedger(db: Database) {
  await sqlExec(
    db,
    `
    INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, rule_id, department, import_id, source_line)
    SELECT 'b' || d || '-' || a, (DATE '2026-01-05' + d::INTEGER)::TIMESTAMP + INTERVAL 10 HOUR, 'A' || lpad(a::VARCHAR, 2, '0'),
           (100 + 50 * ((d + a) % 3))::DECIMAL(18,2), 'earn', 'R1', 'D', 1, d * 100 + a
    FROM range(86) t(d), range(40) s(a)
    WHERE isodow(DATE '2026-01-05' + d::INTEGER) <= 5`,
  );
}

describe('spike checks on a generated regular ledger', () => {
  let db: Database;
  let spikeIds: string[];
  beforeAll(async () => {
    db = await openDb();
    await baseLedger(db);
    spikeIds = await insertRows(db, [
      { at: '2026-03-10 15:00:00', account: 'A00', points: 5000, rule: 'R15', department: 'D' }, // account spike
      { at: '2026-03-12 15:00:00', account: 'S01', points: 600, rule: 'R15', department: 'D' }, // a newcomer's single R15 award of 600
      { at: '2026-03-11 15:00:00', account: 'A02', points: 140, rule: 'R15', department: 'D' }, // A02's day: ≤ 340
    ]);
    // A batch error on Tuesday 2026-03-17: rule BATCH pays 1,000 to 30 accounts (+30,000 on a ~6,000 day).
    await insertRows(
      db,
      Array.from({ length: 30 }, (_, a) => ({
        at: '2026-03-17 09:00:00',
        account: `A${String(a).padStart(2, '0')}`,
        points: 1000,
        rule: 'BATCH',
        department: 'D',
      })),
    );
    // Thursday 2026-03-19: +3,000 from one rule (10 others × 300), 1.5× a normal day: unusual but under the 3× minimum.
    await insertRows(
      db,
      Array.from({ length: 10 }, (_, a) => ({
        at: '2026-03-19 09:00:00',
        account: `X${a}`,
        points: 300,
        rule: 'EXTRA',
        department: 'E',
      })),
    );
  });
  afterAll(() => db.close());

  it('program_spike flags the batch day, names the rule, and not the 1.5× day', async () => {
    const r = await audit(db, { ...P, checks: ['program_spike'] });
    expect(r.flags.map((f) => [f.from, f.rule_id, f.event_count])).toEqual([['2026-03-17', 'BATCH', 30]]);
    expect(r.flags[0].value).toBeGreaterThan(3 * (r.flags[0].baseline as number));
  });

  it("account_spike flags A00 (5,000), not the newcomer's one ordinary award, the accounts the batch paid, nor 140 + a normal day", async () => {
    const r = await audit(db, { ...P, checks: ['account_spike'] });
    // The largest ordinary award is R15's mean award, 1,913.3 (of 5,000, 600 and 140): a day needs twice that, 3,826.7.
    // S01's 600 is an ordinary R15 award; A00's 5,150 is more than two of them.
    expect(r.flags.map((f) => [f.account_id, f.from, f.value])).toEqual([['A00', '2026-03-10', 5150]]);
    expect(r.flags[0].event_ids).toContain(spikeIds[0]);
    expect(r.flags[0].reason_vars.award as number).toBeCloseTo(5740 / 3, 9);
    // (The batch's accounts are not flagged: their BATCH rows are explained by program_spike, the rest is a normal day.)
    const s = defaultAuditSettings();
    s.account_spike.top_awards = 3; // 5,740
    expect((await audit(db, { ...P, checks: ['account_spike'], settings: s })).flags).toEqual([]);
    // A planned ×5 campaign of R15 that day: the 5,000 counts as 1,000, an ordinary R15 award.
    const campaign = {
      ...defaultAuditSettings(),
      campaigns: [{ from: '2026-03-10', to: '2026-03-10', rule: 'R15', label: 'R15 ×5', multiplier: 5 }],
    };
    expect((await audit(db, { ...P, checks: ['account_spike'], settings: campaign })).flags).toEqual([]);
  });

  it("programSeries gives the expected band, and accountTimeline the account's own band", async () => {
    const series = await programSeries(db, P.from, P.to);
    expect(series).toHaveLength(31);
    const batch = series.find((p) => p.day === '2026-03-17')!;
    expect(batch.spike).toBe(true);
    expect(batch.value).toBeGreaterThan(batch.upper as number);
    expect(series.filter((p) => p.spike).map((p) => p.day)).toEqual(['2026-03-17']);
    const timeline = await accountTimeline(db, 'A00', P.from, P.to);
    const d = timeline.find((p) => p.day === '2026-03-10')!;
    expect(d.issued).toBe(5000 + 150); // the spike and the account's regular R1 day ((64 + 0) mod 3 = 1 → 150)
    expect(d.issued).toBeGreaterThan(d.upper);
  });
});
