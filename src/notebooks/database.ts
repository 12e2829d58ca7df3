import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSampleDb, SAMPLE_DB, SAMPLE_DIR, sampleFiles } from '../demo/database.ts';
import { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';

export interface NotebookDatabase {
  db: Database;
  /** The file the notebooks describe (the one asked for, not the temp copy when one was needed). */
  source: string;
  close(): void;
}

/**
 * Opens the database the notebooks read: `path` when given, else the sample database (imported on first use, as
 * `npm start` does). Always read-only, with the views created by `Database.open`. A running `ledger-lens serve`
 * holds the file's lock; then the notebooks read a temp copy of it instead of failing.
 */
export async function openNotebookDatabase(
  path: string | undefined,
  log: (line: string) => void,
): Promise<NotebookDatabase> {
  const source = path ?? SAMPLE_DB;
  if (path === undefined) await ensureSample(log);
  else if (!existsSync(path)) {
    throw new UserError('db_not_found', `--db ${path}: no such file`, {
      hint: 'Give a database written by `ledger-lens import`, or leave --db out to use the sample.',
    });
  }
  try {
    const db = await Database.open(source, { readOnly: true });
    return { db, source, close: () => db.close() };
  } catch (e) {
    if (!(e instanceof UserError && e.code === 'db_open_failed')) throw e;
    log(`${source} is locked by another process (a running server?): reading a temp copy`);
    const dir = mkdtempSync(join(tmpdir(), 'll-notebooks-db-'));
    const copy = join(dir, 'copy.duckdb');
    copyFileSync(source, copy);
    if (existsSync(`${source}.wal`)) copyFileSync(`${source}.wal`, `${copy}.wal`);
    const db = await Database.open(copy, { readOnly: true });
    return {
      db,
      source,
      close() {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

/** ensureSampleDb opens the file to compare it with the sample files; a server holding it is not an error here. */
async function ensureSample(log: (line: string) => void): Promise<void> {
  try {
    await ensureSampleDb(SAMPLE_DB, sampleFiles(SAMPLE_DIR), { log });
  } catch (e) {
    if (e instanceof UserError && e.code === 'db_open_failed' && existsSync(SAMPLE_DB)) return;
    throw e;
  }
}
