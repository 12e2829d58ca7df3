import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccountDayRollup, dropAccountDayRollup, shareAccountDayRollup } from '../../src/db/audit-rollup.ts';
import { runAudit } from '../../src/audit/run.ts';
import { Database } from '../../src/db/database.ts';
import { importSampleDir } from './helpers.ts';
import { sqlRows } from '../../src/db/sql.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/** The databases attached to the instance besides the file itself (an audit's scratch tables live in one). */
async function attached(db: Database): Promise<string[]> {
  const rows = await sqlRows<{ name: string }>(
    db,
    `SELECT database_name AS name FROM duckdb_databases() WHERE NOT internal AND database_name <> current_database()`,
  );
  return rows.map((r) => r.name);
}

/**
 * The audit's account-day tables are built once and read by other connections of the same instance (burst_redeem
 * runs beside account_spike), also when the database file is open read-only, as the CLI and the benchmark open it.
 */
describe('audit account-day tables shared between connections', () => {
  let sample: Awaited<ReturnType<typeof importSampleDir>>;
  let db: Database;
  beforeAll(async () => {
    sample = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
    const path = sample.db.path;
    sample.closeDb();
    db = await Database.open(path, { readOnly: true, threads: 2, memoryLimit: '1GB' });
  });
  afterAll(() => {
    db.close();
    sample.cleanup();
  });

  it('another connection reads the same account-days, until the audit drops the tables it stored', async () => {
    const rows = 'SELECT account_id, day::VARCHAR AS day, issued, n FROM audit_account_day ORDER BY ALL';
    const other = await db.fork();
    try {
      // Over the kept rollups the account-days are a view of the import's rollup_earn_day: nothing is stored.
      await buildAccountDayRollup(db, '2025-10-01', '2026-10-01', true);
      await shareAccountDayRollup(db, other);
      const kept = await sqlRows(db, rows);
      expect(kept.length).toBeGreaterThan(1000);
      expect(await sqlRows(other, rows)).toEqual(kept);
      // From the raw rows they are stored in the attached database, and gone from every connection with it.
      await buildAccountDayRollup(db, '2025-10-01', '2026-10-01', false);
      await shareAccountDayRollup(db, other);
      const mine = await sqlRows(db, rows);
      expect(mine).toEqual(kept);
      expect(await sqlRows(other, rows)).toEqual(mine);
      await dropAccountDayRollup(db);
      await expect(sqlRows(other, rows)).rejects.toThrow();
    } finally {
      other.close();
      await dropAccountDayRollup(db);
    }
  });

  it('an audit on several connections gives the flags of one connection, burst_redeem among them', async () => {
    const period = { from: '2025-10-01', to: '2026-10-01' };
    const apart = await runAudit(db, { ...period, connections: 2 });
    const alone = await runAudit(db, { ...period, connections: 0 });
    expect(apart.checks.find((c) => c.check === 'burst_redeem')?.ran).toBe(true);
    expect(apart.flags.length).toBeGreaterThan(0);
    expect(JSON.stringify(apart.flags)).toBe(JSON.stringify(alone.flags));
  });

  it('two audits of two periods at once give the flags each gives alone, and detach their tables', async () => {
    const year = { from: '2025-10-01', to: '2026-10-01' };
    const quarter = { from: '2026-01-01', to: '2026-04-01' };
    const aloneYear = await runAudit(db, year);
    const aloneQuarter = await runAudit(db, quarter);
    const [a, b] = [await db.fork(), await db.fork()];
    try {
      const [yearNow, quarterNow] = await Promise.all([runAudit(a, year), runAudit(b, quarter)]);
      expect(aloneYear.flags.length).toBeGreaterThan(0);
      expect(JSON.stringify(yearNow.flags)).toBe(JSON.stringify(aloneYear.flags));
      expect(JSON.stringify(quarterNow.flags)).toBe(JSON.stringify(aloneQuarter.flags));
      expect(await attached(db)).toEqual([]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('an audit that fails after its tables are built leaves nothing attached, and the next audit is whole', async () => {
    const period = { from: '2025-10-01', to: '2026-10-01' };
    const before = await runAudit(db, period);
    const failing = runAudit(db, {
      ...period,
      onCheck: (name) => {
        if (name === 'rollup') throw new Error('cancelled by the test');
      },
    });
    await expect(failing).rejects.toThrow('cancelled by the test');
    expect(await attached(db)).toEqual([]);
    const after = await runAudit(db, period);
    expect(JSON.stringify(after.flags)).toBe(JSON.stringify(before.flags));
  });

  it('from the raw rows (tables copied into the attached database) on the read-only file: the same flags', async () => {
    const period = { from: '2026-01-01', to: '2026-04-01' };
    const kept = await runAudit(db, period);
    const raw = await runAudit(db, { ...period, raw: true });
    expect(kept.flags.length).toBeGreaterThan(0);
    expect(JSON.stringify(raw.flags)).toBe(JSON.stringify(kept.flags));
    expect(await attached(db)).toEqual([]);
  });
});
