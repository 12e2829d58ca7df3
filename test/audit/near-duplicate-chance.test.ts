// Near duplicates judged against the ledger's own rate of repeats of a rule (outside red teams: a class's answers
// entered in sittings, visits logged in batches, per-delivery awards without a per-event reason each gave one flag
// per repeat). The ledger of test/audit/routine-repeats.ts, imported for real, audited on both of DuckDB's paths.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.ts';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { PLANTED, writeRoutineRepeats } from './routine-repeats.ts';

describe('near_duplicate on a rule repeated within minutes by routine', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'll-neardup-'));
    const file = join(dir, 'ledger.csv');
    writeRoutineRepeats(file);
    db = await Database.open(join(dir, 'db.duckdb'), { threads: 1, memoryLimit: '1GB' });
    await importLedger(db, { file });
  }, 60_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const audit = (raw: boolean) =>
    runAudit(db, { from: '2026-03-01', to: '2026-04-01', checks: ['near_duplicate'], raw });

  it("flags the planted repeats of a rule never repeated within minutes, and an account's repeats beyond chance, only", async () => {
    const r = await audit(false);
    expect([...new Set(r.flags.map((f) => f.account_id))].sort()).toEqual(PLANTED);
    const byAccount = (a: string) => r.flags.filter((f) => f.account_id === a);
    // One flag per planted repeat of PRIZE, with and without a reason.
    expect(byAccount('P07').map((f) => [f.rule_id, f.value])).toEqual([['PRIZE', 120]]);
    expect(byAccount('P08').map((f) => [f.rule_id, f.value])).toEqual([['PRIZE', 90]]);
    // P08's plant, the rule's one other repeat, is flagged itself, so it is left out of the rate P07 is judged by.
    expect(byAccount('P07')[0].reason_key).toBe('near_duplicate');
    // P09's routine rule: its 120 planted repeats and its ordinary ones, each naming the chance of so many at the
    // class's share.
    expect(byAccount('P09').length).toBeGreaterThanOrEqual(120);
    expect(byAccount('P09').every((f) => f.rule_id === 'ANSWER' && (f.score ?? 1) < 1e-6)).toBe(true);
    expect(byAccount('P09')[0].explanation).toMatch(/P09 had ANSWER again within 10 min \d+ of the \d+ times/);
  });

  it('gives the same flags over the raw rows as over the kept rollups', async () => {
    expect((await audit(true)).flags).toEqual((await audit(false)).flags);
  });
});
