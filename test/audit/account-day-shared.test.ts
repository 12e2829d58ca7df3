import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccountDayRollup, dropAccountDayRollup, shareAccountDayRollup } from '../../src/db/audit-rollup.ts';
import { runAudit } from '../../src/audit/run.ts';
import { Database } from '../../src/db/database.ts';
import { importSampleDir } from './helpers.ts';
import { sqlRows } from '../../src/db/sql.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

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

  it('another connection reads the same account-days, until the audit drops them', async () => {
    const rows = 'SELECT account_id, day::VARCHAR AS day, issued, n FROM audit_account_day ORDER BY ALL';
    await buildAccountDayRollup(db, '2025-10-01', '2026-10-01', true);
    const other = await db.fork();
    try {
      await shareAccountDayRollup(db, other);
      const mine = await sqlRows(db, rows);
      expect(mine.length).toBeGreaterThan(1000);
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
});
