import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { ROLLUPS } from '../../src/db/rollups.ts';
import { cli } from '../cli-run.ts';
import { tempDir } from '../ledger/helpers.ts';
import { sqlExec } from '../../src/db/sql.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'sample-data', 'ledger.csv');

/** A database as an older version wrote it: the same ledger, no rollup tables. */
async function olderDatabase(): Promise<string> {
  const path = join(tempDir(), 'old.duckdb');
  const db = await Database.open(path, { threads: 1 });
  await importLedger(db, { file: SAMPLE });
  for (const t of [...ROLLUPS.map((r) => r.table), 'account_latest', 'rollup_account_attributes', 'rollup_state'])
    await sqlExec(db, `DROP TABLE ${t}`);
  db.close();
  return path;
}

describe('ledger-lens rollups', () => {
  it('a database without rollups is refused with the command that builds them; after it, the report runs', async () => {
    const path = await olderDatabase();
    const before = await cli(['report', '--db', path, '--json']);
    expect(before.code).toBe(2);
    expect(before.stderr).toContain(`ledger-lens rollups --db ${path}`);
    expect(before.stderr).not.toMatch(/\n\s+at /);
    const built = await cli(['rollups', '--db', path, '--json']);
    expect(built.code, built.stderr).toBe(0);
    expect(JSON.parse(built.stdout).ledger_rows).toBeGreaterThan(50_000);
    const after = await cli(['report', '--db', path, '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout).issued).toBeGreaterThan(0);
  }, 120_000);

  it('an older database opened for writing gets empty rollup tables, and reading it still names the command', async () => {
    const path = await olderDatabase();
    const db = await Database.open(path, { threads: 1 });
    db.close();
    const r = await cli(['report', '--db', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ledger-lens rollups');
  }, 120_000);
});
