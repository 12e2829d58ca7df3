import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { benfordDigits } from '../../src/audit/benford.ts';
import type { Database } from '../../src/db/database.ts';
import { audit, openDb } from './fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { rngFor } from '../../src/sample/rng.ts';

const P = { from: '2026-03-01', to: '2026-04-01' };

/** n adjustments keyed by approver H in March, amount(i) for i = 0..n−1. */
async function adjustments(db: Database, n: number, amount: string) {
  await sqlExec(
    db,
    `
    INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, approver_id, import_id, source_line)
    SELECT 'j' || i, TIMESTAMP '2026-03-02 10:00:00' + to_minutes(i), 'U' || (i % 50), (${amount})::DECIMAL(18,2), 'adjust', 'H', 1, i
    FROM range(${n}) t(i)`,
  );
}

describe('benford check', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  it('flags uniform amounts (every integer 10..9999) for the program and for the approver, both digit tests', async () => {
    await adjustments(db, 9990, '10 + i');
    const r = await audit(db, { ...P, checks: ['benford'] });
    expect(r.checks[0].ran).toBe(true);
    // 2 scopes (program, approver H) × 2 tests; uniform first digits are far from Benford (MAD ≈ 0.060 ≥ 0.015).
    expect(r.flags.map((f) => [f.subject, f.threshold]).sort()).toEqual([
      ['approver', 0.0022],
      ['approver', 0.015],
      ['program', 0.0022],
      ['program', 0.015],
    ]);
    // Evidence: rows whose leading digits are the most over-represented (for first digits 7, 8, 9: 3 × 1,110 rows).
    const first = r.flags.find((f) => f.subject === 'program' && f.threshold === 0.015)!;
    expect(first.event_count).toBe(3 * 1110);
  });

  it('does not flag amounts that follow Benford: 10^(1 + 3·(i + 0.5)/n) rounded to cents', async () => {
    await adjustments(db, 5000, 'round(10 ^ (1 + 3 * (i + 0.5) / 5000), 2)');
    const r = await audit(db, { ...P, checks: ['benford'] });
    expect(r.checks[0].ran).toBe(true);
    expect(r.flags).toEqual([]);
    const d = await benfordDigits(db, { ...P, field: 'adjust' });
    if (d.first.skipped !== null) throw new Error(d.first.skipped);
    expect(d.first.conformity).toBe('close');
  });

  it('does not flag approvers whose 520 amounts follow Benford by sampling noise alone; flags one who invents them', async () => {
    // 20 approvers × 520 amounts log-uniform over three decades (Benford's law exactly, seeded draws): at n ≈ 500
    // the MAD's noise alone reaches Nigrini's 0.015 for about one group in fifteen (three of these twenty; an outside
    // red team's clean approvers were flagged so). F keys 520 amounts whose first digits are spread evenly.
    const rng = rngFor(1, 'benford');
    const values: string[] = [];
    for (let i = 0; i < 20 * 520; i++) {
      const x = Math.round(10 ** (1 + 3 * rng.next()) * 100) / 100;
      values.push(
        `('b${i}', TIMESTAMP '2026-03-02 10:00:00' + to_minutes(${i % 600}), 'U${i % 50}', ${x}, 'A${i % 20}', ${i})`,
      );
    }
    for (let i = 0; i < 520; i++)
      values.push(
        `('f${i}', TIMESTAMP '2026-03-03 10:00:00' + to_minutes(${i}), 'U${i % 50}', ${(1 + (i % 9)) * 10 ** (1 + (i % 3)) + (i % 7)}, 'F', ${20000 + i})`,
      );
    await sqlExec(
      db,
      `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, approver_id, import_id, source_line)
       SELECT id, ts, acct, x::DECIMAL(18,2), 'adjust', approver, 1, line FROM (VALUES ${values.join(', ')}) v(id, ts, acct, x, approver, line)`,
    );
    const r = await audit(db, { ...P, checks: ['benford'] });
    const first = r.flags.filter((f) => f.subject === 'approver' && f.threshold === 0.015);
    expect(first.map((f) => f.account_id)).toEqual(['F']);
  });

  it('is skipped, saying why, with too few amounts', async () => {
    await adjustments(db, 300, '10 + 7 * i');
    const r = await audit(db, { ...P, checks: ['benford'] });
    expect(r.checks[0]).toMatchObject({ ran: false, flags: 0 });
    expect(r.checks[0].skipped_reason).toMatch(/adjust first: skipped, only 300 usable values/);
  });
});
