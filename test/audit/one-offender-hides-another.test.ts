import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { audit, insertRows, openDb, type Row } from './fixture.ts';
import { nightAlone, nightHeavy, QUARTER, roundAlone, roundHeavy, weekdaySigner } from './two-offenders-ledger.ts';

/**
 * Two offenders in one program: a heavy one must not raise "the rest of the program" so far that a steady one beside
 * them passes (audit.md: a habit that contains the offence hides it; a program share that contains another
 * offender's rows hides it the same way). Each scenario is checked alone first, so the test shows what the second
 * offender used to hide.
 */
describe('one offender does not hide another', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDb();
  });
  afterEach(() => db.close());

  /** The check's flags on M1's rows alone, then with M2's added; M1 is flagged alone. */
  async function aloneThenBoth(check: string, alone: Row[], heavy: Row[]) {
    await insertRows(db, alone);
    const first = await audit(db, { ...QUARTER, checks: [check] });
    expect(first.flags.map((f) => f.account_id)).toEqual(['M1']);
    await insertRows(db, heavy);
    const flags = (await audit(db, { ...QUARTER, checks: [check] })).flags;
    return { ids: flags.map((f) => f.account_id).sort(), m1: flags.find((f) => f.account_id === 'M1') };
  }

  // Beside M2's 40 night rows the rest of the program's night share was about 4 %, and M1's 8 of 138 passed.
  it('off_hours_approval flags a steady night signer beside a heavy one, as it does alone', async () => {
    const { ids, m1 } = await aloneThenBoth('off_hours_approval', nightAlone(), nightHeavy());
    expect(ids).toEqual(['M1', 'M2']);
    // M1's baseline is the program without M2 (flagged), where nobody else signs at night: about 0.1 %, not 4 %.
    expect(Number.parseFloat(String(m1!.reason_vars.program))).toBeLessThan(0.2);
  });

  // Review: leaving M1 (flagged) out of the pool also took M1's April day approvals away, so the pool's share at
  // 03:00 rose (its +1 prior over fewer approvals) and M2, flagged on the first pass, passed on the second. A
  // flag, once given, stays.
  it('off_hours_approval keeps a flag of the first pass when leaving another offender out raises the pool', async () => {
    const { days, rows, add } = weekdaySigner();
    for (const m of ['M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M1']) {
      for (let i = 0; i < 130; i++) add(m, days[i % days.length], i % 2 ? 10 : 14, (i * 7) % 60);
      if (m !== 'M1') for (let i = 0; i < 7; i++) add(m, days[(i * 9) % days.length], 20, 30);
    }
    for (let i = 0; i < 30; i++) add('M1', days[(i * 2 + 1) % days.length], 21, 40);
    for (let i = 0; i < 3000; i++) add('M2', days[i % days.length], 9 + (i % 10), (i * 13) % 60);
    for (let i = 0; i < 15; i++) add('M2', days[i % 20], 3, 10 + i);
    await insertRows(db, rows);
    const flags = (await audit(db, { ...QUARTER, checks: ['off_hours_approval'] })).flags;
    expect(flags.map((f) => f.account_id).sort()).toEqual(['M1', 'M2']);
  });

  // Beside M2's 24 round credits the rest's round share was about 10 %, and M1's 7 of 35 passed.
  it('round_adjustment flags 7 round credits beside another approver keying 24, as it does alone', async () => {
    const { ids, m1 } = await aloneThenBoth('round_adjustment', roundAlone(), roundHeavy());
    expect(ids).toEqual(['M1', 'M2']);
    // M1's baseline is the program without M2 (flagged), where nobody else keys round amounts: under 1 %, not 10 %.
    expect(m1!.baseline).toBeLessThan(0.01);
  });
});
