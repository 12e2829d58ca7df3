import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { flagTop } from '../../src/audit/checks/account-spike.ts';
import { audit, insertRows, openDb } from './fixture.ts';
import { denseLedger } from './dense-ledger.ts';

/** The dense ledger (dense-ledger.ts): every account active every day of its window. */
const P = { from: '2026-03-01', to: '2026-04-01' };

describe('account_spike: one large award on an account active every day', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDb();
    await denseLedger(db);
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
