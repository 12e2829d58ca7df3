import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { loadConfig, storedConfig } from '../config.ts';
import { Database, PROJECT_ROOT } from '../db/database.ts';
import { checkpoint } from '../db/checkpoint.ts';
import { rollupsCurrent } from '../db/rollups.ts';
import { run } from '../db/run.ts';
import { UserError } from '../errors.ts';
import { importAccounts, importLedger, importRules } from '../ledger/import.ts';

/** The bundled sample ledger's files and the demo database built from them (`serve --sample`). */
export const SAMPLE_DIR = join(PROJECT_ROOT, 'sample-data');
export const SAMPLE_DB = join(PROJECT_ROOT, 'data', 'sample.duckdb');

export interface SampleFiles {
  ledger: string;
  accounts: string;
  rules: string;
  program: string;
}

export function sampleFiles(dir: string): SampleFiles {
  return {
    ledger: join(dir, 'ledger.csv'),
    accounts: join(dir, 'accounts.csv'),
    rules: join(dir, 'rules.csv'),
    program: join(dir, 'program.json'),
  };
}

export type SampleImporter = (db: Database, files: SampleFiles, log: (line: string) => void) => Promise<void>;

/** The same three imports `ledger-lens import ledger.csv --accounts … --rules … --config program.json` makes. */
export const importSample: SampleImporter = async (db, files, log) => {
  const config = loadConfig(files.program);
  const ledger = await importLedger(db, { file: files.ledger, config });
  const accounts = await importAccounts(db, { file: files.accounts });
  const rules = await importRules(db, { file: files.rules });
  for (const s of [ledger, accounts, rules])
    log(
      `imported ${s.kind} ${basename(s.file)}: ${s.rows_read} read = ${s.accepted} accepted + ${s.quarantined} quarantined + ${s.duplicates} duplicates`,
    );
};

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Whether the database was imported from exactly these files: the imports table keeps each file's sha256, the
 * program table the settings. A regenerated sample (`npm run sample`) must not be hidden behind an old database.
 */
async function builtFrom(path: string, files: SampleFiles): Promise<boolean> {
  const db = await Database.open(path, { memoryLimit: '512MB', threads: 1 });
  try {
    const rows = await run(db, 'import_files', {});
    const expected = [
      { kind: 'ledger', sha256: await sha256(files.ledger) },
      { kind: 'accounts', sha256: await sha256(files.accounts) },
      { kind: 'rules', sha256: await sha256(files.rules) },
    ];
    return (
      isDeepStrictEqual(rows, expected) &&
      isDeepStrictEqual(await storedConfig(db), loadConfig(files.program)) &&
      (await rollupsCurrent(db))
    );
  } finally {
    db.close();
  }
}

/** Files a database at `path` may leave beside it: its WAL and DuckDB's spill directory. */
function removeDatabaseFiles(path: string) {
  for (const p of [path, `${path}.wal`, `${path}.tmp`]) rmSync(p, { recursive: true, force: true });
}

/**
 * Makes sure the sample database exists and matches the sample files. The first start imports them into
 * `<path>.partial-<pid>` and renames that into place only when complete, so a start killed half-way leaves no half
 * database under the real name (its leftovers are removed by the next start). Later starts reuse the file, unless
 * the sample files changed since: then it is rebuilt the same way and replaces the old one only when complete.
 */
export async function ensureSampleDb(
  path: string,
  files: SampleFiles,
  opts: { importer?: SampleImporter; log?: (line: string) => void; pid?: number } = {},
): Promise<{ created: boolean }> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const missing = Object.values(files).filter((f) => !existsSync(f));
  // Without the files there is nothing to compare with: an existing database is served as it is.
  if (existsSync(path) && (missing.length > 0 || (await builtFrom(path, files)))) return { created: false };
  if (missing.length > 0) {
    throw new UserError('sample_missing', `the sample data is incomplete: ${missing.join(', ')} not found`, {
      hint: 'Regenerate it with `npm run sample`, or serve your own database with --db PATH.',
    });
  }
  const dir = dirname(path);
  const prefix = `${basename(path)}.partial-`;
  if (existsSync(dir))
    for (const f of readdirSync(dir)) if (f.startsWith(prefix)) rmSync(join(dir, f), { recursive: true, force: true });

  const partial = `${path}.partial-${opts.pid ?? process.pid}`;
  log(
    `${existsSync(path) ? 'the sample files changed: re-importing' : 'first start: importing'} the sample ledger into ${path} …`,
  );
  let db: Database | undefined;
  try {
    db = await Database.open(partial);
    await (opts.importer ?? importSample)(db, files, log);
    // Fold the write-ahead log into the file, so the single renamed file is the whole database.
    await checkpoint(db);
    db.close();
    db = undefined;
    // A write-ahead log left beside an old database would be replayed onto the new one.
    rmSync(`${path}.wal`, { force: true });
    renameSync(partial, path);
    removeDatabaseFiles(partial);
  } catch (e) {
    db?.close();
    removeDatabaseFiles(partial);
    throw e;
  }
  return { created: true };
}
