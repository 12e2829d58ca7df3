import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.ts';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { sampleDbFile } from '../hardening/sample-db.ts';

/** Issue 17: a flag keeps its id when the audit runs again, and after rows of other accounts are imported. */
describe('stable flag identity', () => {
  let sample: Awaited<ReturnType<typeof sampleDbFile>>;
  let db: Database;
  const Q = { from: '2026-01-01', to: '2026-04-01' };
  beforeAll(async () => {
    sample = await sampleDbFile();
    db = await Database.open(sample.path, { threads: 2 });
  }, 180_000);
  afterAll(() => {
    db?.close();
    sample?.cleanup();
  });

  const ids = async (period = Q) => (await runAudit(db, period)).flags;

  it('names every flag of a quarter once, and the same on a second run', async () => {
    const first = await ids();
    expect(first.length).toBeGreaterThanOrEqual(4);
    expect(new Set(first.map((f) => f.flag_id)).size).toBe(first.length);
    for (const f of first) expect(f.flag_id).toMatch(new RegExp(`^${f.check}-[0-9a-f]{16}$`));
    expect((await ids()).map((f) => f.flag_id)).toEqual(first.map((f) => f.flag_id));
  }, 120_000);

  it('gives a day finding the same id in the quarter and in a half-year audit', async () => {
    const quarter = (await ids()).filter((f) => f.check === 'account_spike');
    expect(quarter.length).toBeGreaterThan(0);
    const half = new Set((await ids({ from: '2026-01-01', to: '2026-07-01' })).map((f) => f.flag_id));
    expect(quarter.filter((f) => !half.has(f.flag_id)).map((f) => f.flag_id)).toEqual([]);
  }, 120_000);

  it('keeps every id after an import of rows about an unrelated new account', async () => {
    const before = await ids();
    const file = join(sample.dir, 'more.csv');
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        `X${String(i).padStart(6, '0')},2026-02-${String((i % 27) + 1).padStart(2, '0')} 10:00:00,U9990,10,earn,R01,,,,,,,,研发部,华南`,
    );
    writeFileSync(
      file,
      `event_id,occurred_at,account_id,points,event_type,rule_id,experiment_id,variant,counterparty_id,approver_id,category,cash_value,reason,department,region\n${rows.join('\n')}\n`,
    );
    const summary = await importLedger(db, { file });
    expect(summary.accepted).toBe(40);
    const after = await ids();
    const known = new Set(after.map((f) => f.flag_id));
    // Scores and ranks may move with the new rows; the findings' ids may not.
    expect(before.filter((f) => !known.has(f.flag_id)).map((f) => `${f.flag_id} ${f.explanation}`)).toEqual([]);
  }, 180_000);
});
