import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { audit, insertRows, openDb, type Row } from './fixture.ts';
import { nightAlone, nightHeavy, QUARTER, roundAlone, roundHeavy } from './two-offenders-ledger.ts';

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

  // Beside M2's 24 round credits the rest's round share was about 10 %, and M1's 7 of 35 passed.
  it('round_adjustment flags 7 round credits beside another approver keying 24, as it does alone', async () => {
    const { ids, m1 } = await aloneThenBoth('round_adjustment', roundAlone(), roundHeavy());
    expect(ids).toEqual(['M1', 'M2']);
    // M1's baseline is the program without M2 (flagged), where nobody else keys round amounts: under 1 %, not 10 %.
    expect(m1!.baseline).toBeLessThan(0.01);
  });
});
