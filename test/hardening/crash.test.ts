import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { classifyState, dbState, importProcess, killPoints, writeBigLedger } from './crash.ts';

const SEED = 20_260_801;
const ROWS = 600_000;
const dir = mkdtempSync(join(tmpdir(), 'll-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crash safety: SIGKILL at random points of a large import', () => {
  it('draws kill points inside the import, reproducibly', () => {
    const a = killPoints(SEED, 3, 4000);
    expect(a).toEqual(killPoints(SEED, 3, 4000));
    for (const t of a) expect(t).toBeGreaterThanOrEqual(200); // 5 % of 4,000 ms
    for (const t of a) expect(t).toBeLessThanOrEqual(3400); // 85 %
  });

  it(`leaves exactly the state before or exactly the state after each kill, and the same import then succeeds`, async () => {
    const dbPath = join(dir, 'crash.duckdb');
    const big = join(dir, 'big.csv');
    await writeBigLedger(big, ROWS);
    // A database with data already in it, from an earlier import.
    const setup = await Database.open(dbPath, { threads: 1 });
    const small = join(dir, 'small.csv');
    await writeBigLedger(small, 50, 's');
    await importLedger(setup, { file: small });
    setup.close();
    const before = await dbState(dbPath);
    expect(before.ledger.rows).toBe(50);

    // The uninterrupted import on a copy: the one state other than `before` a kill may leave. Its duration places
    // the kill points; a kill that lands after the commit rightly leaves this state, so timing cannot fail the test.
    const probe = join(dir, 'probe.duckdb');
    copyFileSync(dbPath, probe);
    const { ms } = await importProcess(big, probe);
    const after = await dbState(probe);
    expect(after.ledger.rows).toBe(50 + ROWS);
    expect(classifyState(before, before, after)).toBe('before');
    expect(classifyState(after, before, after)).toBe('after');

    const outcomes: string[] = [];
    let committed = false;
    for (const at of killPoints(SEED, 3, ms)) {
      const { killed } = await importProcess(big, dbPath, at);
      const state = classifyState(await dbState(dbPath), before, after);
      outcomes.push(`${at} ms: ${killed ? 'killed' : 'finished first'}, state ${state}`);
      expect(state, `after a kill at ${at} ms of ${Math.round(ms)}`).not.toBe('between');
      if (!killed) expect(state).toBe('after');
      // Once committed, a further run would be a second import of the same file: stop here.
      if (state === 'after') {
        committed = true;
        break;
      }
    }
    console.log(
      `crash: import of ${ROWS.toLocaleString('en')} rows takes ${Math.round(ms)} ms; ${outcomes.join('; ')}`,
    );

    if (!committed) expect((await importProcess(big, dbPath)).killed).toBe(false);
    const final = await dbState(dbPath);
    expect(classifyState(final, before, after)).toBe('after');
    // The same rows as the uninterrupted import on the probe copy: nothing of the killed attempts leaked in.
    expect(final.ledger).toEqual(after.ledger);
  }, 180_000);
});
