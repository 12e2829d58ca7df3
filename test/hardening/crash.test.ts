import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { dbState, importProcess, killPoints, writeBigLedger } from './crash.ts';

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

  it(`leaves exactly the pre-import state after each kill, the file still opens, and the same import then succeeds`, async () => {
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

    // How long the import takes here, on a copy, so the kill points fall inside it on any machine.
    const probe = join(dir, 'probe.duckdb');
    copyFileSync(dbPath, probe);
    const { ms } = await importProcess(big, probe);
    const points = killPoints(SEED, 3, ms);
    const outcomes: string[] = [];
    let finished = false;
    for (const at of points) {
      const { killed } = await importProcess(big, dbPath, at);
      outcomes.push(`${at} ms: ${killed ? 'killed' : 'finished first'}`);
      // Runs vary in speed: an import that beat its kill is simply the successful import below.
      if (!killed) {
        finished = true;
        break;
      }
      expect(await dbState(dbPath), `after a kill at ${at} ms of ${Math.round(ms)}`).toEqual(before);
    }
    console.log(`crash: import of ${ROWS.toLocaleString('en')} rows takes ${Math.round(ms)} ms; kills at ${outcomes.join(', ')}; state unchanged after each kill`);
    expect(outcomes.filter((o) => o.endsWith('killed')).length).toBeGreaterThanOrEqual(2);

    if (!finished) expect((await importProcess(big, dbPath)).killed).toBe(false);
    const after = await dbState(dbPath);
    expect(after.ledger.rows).toBe(50 + ROWS);
    expect(after.imports.rows).toBe(before.imports.rows + 1);
    // The same rows as the uninterrupted import on the probe copy: nothing of the killed attempts leaked in.
    expect(after.ledger).toEqual((await dbState(probe)).ledger);
  }, 180_000);
});
