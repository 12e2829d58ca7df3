import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { rebuildRollups, rollupsCurrent } from '../../src/db/rollups.ts';
import { audit, day, insertRows, type Row } from './fixture.ts';
import { denseLedger } from './dense-ledger.ts';

/**
 * One large award alone counts on an account active on at least half of its window's days, the window counted from
 * the account's first earn day in the whole ledger when that lies inside it. A new account (the review's: ten daily
 * check-ins since it joined, then one award of 1,500) is dense from its first day; a dormant member — activity
 * before its window, then silence, then a check-in yesterday and the same award — keeps the whole window and is
 * sparse: counted from its first active day in the window, yesterday's check-in made it "dense" (README).
 * The ledger: dense-ledger.ts's, in a database file; the audit's span starts on 2026-02-01 (March, a window of 28 days).
 */
const P = { from: '2026-03-01', to: '2026-04-01' };

const daily = (account: string, first: string, days: number): Row[] =>
  Array.from({ length: days }, (_, d) => ({
    at: `${day(first, d)} 09:00:00`,
    account,
    points: 10,
    rule: 'DAILY',
    department: 'D',
  }));
const award = (account: string, at: string): Row => ({ at, account, points: 1500, rule: 'BONUS', department: 'D' });

describe('account_spike: one large award of a new account and of a dormant one', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'll-spike-new-'));
    db = await Database.open(join(dir, 'audit.duckdb'), { threads: 2, memoryLimit: '1GB' });
    await denseLedger(db);
    await insertRows(db, [
      // NEW joins on 2026-03-10: ten daily check-ins, then one award of 1,500 on 03-20.
      ...daily('NEW', '2026-03-10', 10),
      award('NEW', '2026-03-20 16:00:00'),
      // EARLY joined before the audit's span (January, every day), silent from 01-11, a check-in the day before.
      ...daily('EARLY', '2026-01-01', 10),
      ...daily('EARLY', '2026-03-19', 1),
      award('EARLY', '2026-03-20 16:00:00'),
      // INSPAN joined inside the span but before its window (02-02 – 02-06), silent, a check-in the day before.
      ...daily('INSPAN', '2026-02-02', 5),
      ...daily('INSPAN', '2026-03-19', 1),
      award('INSPAN', '2026-03-20 16:00:00'),
      // NEW1 and NEW2 (a review's): one check-in the day before, or two days before, then the award: a day of history
      // has no spread to be far above, and counted over one or two days it made them "dense".
      ...daily('NEW1', '2026-03-19', 1),
      award('NEW1', '2026-03-20 16:00:00'),
      ...daily('NEW2', '2026-03-18', 1),
      award('NEW2', '2026-03-20 16:00:00'),
    ]);
    await rebuildRollups(db);
  }, 120_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const flagged = async (raw: boolean) => {
    const r = await audit(db, { ...P, checks: ['account_spike'], raw });
    return r.flags
      .filter((f) => ['NEW', 'EARLY', 'INSPAN', 'NEW1', 'NEW2'].includes(f.account_id ?? ''))
      .map((f) => [f.account_id, f.from, f.value, f.severity]);
  };

  it('reads the import-time rollups (the path the first test compares)', async () => {
    expect(await rollupsCurrent(db)).toBe(true);
  });

  it('flags the new account’s award and not the dormant members’, from the kept rollups', async () => {
    expect(await flagged(false)).toEqual([['NEW', '2026-03-20', 1500, 'high']]);
  });

  it('flags the same from the ledger rows', async () => {
    expect(await flagged(true)).toEqual([['NEW', '2026-03-20', 1500, 'high']]);
  });
});
