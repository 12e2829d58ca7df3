import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import { loadConfig } from '../../src/config.ts';
import { importAccounts, importLedger, importRules } from '../../src/ledger/import.ts';
export { cli } from '../cli-run.ts';

export const SAMPLE = join(PROJECT_ROOT, 'sample-data');

/** The sample ledger, roster, rules and program config imported into a database file in a fresh temp dir. */
export async function sampleDb(prefix: string): Promise<{ dir: string; path: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'sample.duckdb');
  const db = await Database.open(path, { threads: 2 });
  try {
    await importLedger(db, { file: join(SAMPLE, 'ledger.csv'), config: loadConfig(join(SAMPLE, 'program.json')) });
    await importAccounts(db, { file: join(SAMPLE, 'accounts.csv') });
    await importRules(db, { file: join(SAMPLE, 'rules.csv') });
  } finally {
    db.close();
  }
  return { dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
