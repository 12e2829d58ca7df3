import { existsSync, statSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { storeProgramConfig } from '../db/program.ts';
import { resolve } from 'node:path';
import { Database } from '../db/database.ts';
import { memoryLimitFromEnv } from '../db/memory-limit.ts';
import { assertRollups, buildReportRollups } from '../db/rollups.ts';
import { loadConfig, storableConfig, type ProgramConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import { DEFAULT_DB } from './args.ts';

/** Where `npm start` (serve --sample) keeps the sample; the default database when ./ledger-lens.duckdb is missing. */
export const STARTED_SAMPLE_DB = './data/sample.duckdb';

/** Where an analysis command reads its data (cli.md): a database written by `import`, or a ledger file read directly. */
export interface SourceOptions {
  /** Database path; the CLI fills in its default (./ledger-lens.duckdb). */
  db: string;
  ledger?: string;
  accounts?: string;
  rules?: string;
  mapping?: string;
  config?: string;
  encoding?: string;
  /** clickhouse://HOST:PORT/DATABASE.TABLE: read the ledger from ClickHouse (credentials from the environment). */
  source?: string;
  /** DATABASE.TABLE of the roster beside --source. */
  'accounts-table'?: string;
}

export interface OpenedSource {
  db: Database;
  /** Settings from --config when given; otherwise undefined and the database's stored settings apply. */
  config?: ProgramConfig;
  /** Rows of --ledger/--accounts/--rules that were quarantined, to mention on stderr. */
  quarantined: number;
  /**
   * Set when a report's --ledger was read the one-shot way and is still being checked (repeated ids, padded values)
   * beside the report: false means the file needs the full import, so open it again with `fullRead` and report
   * again. Awaited before the database is closed.
   */
  checked?: Promise<boolean>;
}

/**
 * Opens the data for a command. `--db` must exist and is opened read-only, so a
 * report never changes it; `--ledger` is imported into an in-memory database with the same validation as
 * `ledger-lens import` (quarantined rows are left out and counted).
 */
export async function openSource(
  opts: SourceOptions,
  read: { reportOnly?: boolean; fullRead?: boolean } = {},
): Promise<OpenedSource> {
  const config = opts.config ? loadConfig(opts.config) : undefined;
  if (opts.source) return openRemote(opts.source, opts, config);
  if (opts['accounts-table'])
    throw new UserError('bad_usage', '--accounts-table goes with --source clickhouse://…', {
      hint: 'With --db or --ledger, import the roster from a file (--accounts F).',
    });
  if (opts.ledger) return importToMemory(opts.ledger, opts, config, Boolean(read.reportOnly && !read.fullRead));
  for (const flag of ['accounts', 'rules', 'mapping', 'encoding'] as const) {
    if (opts[flag])
      throw new UserError('bad_usage', `--${flag} goes with --ledger <file>`, {
        hint: `To add a ${flag === 'accounts' ? 'roster' : flag} to a database, run ledger-lens import with it.`,
      });
  }
  const path = defaultToSample(opts.db);
  if (!existsSync(path)) {
    throw new UserError('db_missing', `${resolve(path)}: no such database`, {
      hint: `Run \`ledger-lens import <ledger file> --db ${path}\` first, or read a file directly with --ledger <file>.`,
    });
  }
  const db = await Database.open(path, { readOnly: true });
  try {
    await assertRollups(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, config, quarantined: 0 };
}

/** The README's commands run as printed after `npm start`: without --db and without an import, read the sample. */
function defaultToSample(path: string): string {
  if (path !== DEFAULT_DB || existsSync(path) || !existsSync(STARTED_SAMPLE_DB)) return path;
  process.stderr.write(`note: ${DEFAULT_DB} does not exist; reading ${STARTED_SAMPLE_DB} (give --db to choose)\n`);
  return STARTED_SAMPLE_DB;
}

async function importToMemory(
  ledger: string,
  opts: SourceOptions,
  config: ProgramConfig | undefined,
  reportOnly: boolean,
): Promise<OpenedSource> {
  // Imported lazily: only this path reads a file. A clean file's report needs only the one-shot read; the
  // importer's modules load when the file, a roster or a rule list needs them.
  const { rollupIdsClean, readCleanLedger } = await import('../ledger/read-clean.ts');
  // Every core: the whole command is this one read and the passes over it.
  const db = await Database.open(':memory:', { threads: availableParallelism(), memoryLimit: inMemoryLimit(ledger) });
  let checked: Promise<boolean> | undefined;
  try {
    let quarantined = 0;
    // A report of a clean export reads it in one typed pass and builds only the rollups the report reads; any
    // other file (or any row the import would not accept as it is) takes the full import.
    // Its last checks run beside the report (OpenedSource.checked).
    // The account and rule ids are checked from the accounts and rules the rollups group anyway (rollupIdsClean).
    const clean =
      reportOnly && !opts.mapping && !opts.encoding
        ? await readCleanLedger(db, ledger, { checkLater: true, idsLater: true })
        : undefined;
    checked = clean?.checked;
    if (clean) {
      await buildReportRollups(db);
      const ids = await rollupIdsClean(db).catch(() => false);
      checked = clean.checked ? clean.checked.then((rest) => rest && ids) : Promise.resolve(ids);
    }
    if (!clean || opts.accounts || opts.rules) {
      const { importAccounts, importLedger, importRules } = await import('../ledger/import.ts');
      if (!clean) {
        const read = { file: ledger, mapping: opts.mapping, encoding: opts.encoding, config };
        quarantined += (await importLedger(db, read)).quarantined;
      }
      if (opts.accounts)
        quarantined += (await importAccounts(db, { file: opts.accounts, encoding: opts.encoding })).quarantined;
      if (opts.rules) quarantined += (await importRules(db, { file: opts.rules, encoding: opts.encoding })).quarantined;
    }
    return { db, config, quarantined, checked };
  } catch (e) {
    await checked;
    db.close();
    throw e;
  }
}

/**
 * The memory limit of a database that holds a ledger file's rows in memory (no file to spill them to cheaply): the
 * rows take about 1.6 bytes per byte of CSV, and the passes over them need room beside, so three times the file,
 * at least the usual 1 GB and at most half the machine's memory. LEDGER_LENS_MEMORY_LIMIT, when set, decides.
 */
function inMemoryLimit(file: string): string | undefined {
  if (memoryLimitFromEnv() !== undefined) return undefined;
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    // Missing or unreadable: the import says so in its own words.
  }
  const bytes = Math.min(Math.max(2 ** 30, 3 * size), totalmem() / 2);
  return `${Math.floor(bytes / 2 ** 20)}MB`;
}

/** --source: the ClickHouse tables copied into an in-memory database (src/db/clickhouse); --rules may add a local catalogue. */
async function openRemote(url: string, opts: SourceOptions, config: ProgramConfig | undefined): Promise<OpenedSource> {
  for (const flag of ['ledger', 'accounts', 'mapping', 'encoding'] as const) {
    if (opts[flag])
      throw new UserError('bad_usage', `--${flag} cannot be combined with --source`, {
        hint:
          flag === 'accounts'
            ? 'Give the roster as --accounts-table DATABASE.TABLE.'
            : 'Read either a ClickHouse table (--source) or a file (--ledger).',
      });
  }
  const { openClickhouse } = await import('../db/clickhouse/open.ts');
  const remote = await openClickhouse(url, {
    accountsTable: opts['accounts-table'],
    rows: 'on-demand',
  });
  process.once('exit', remote.cleanup);
  try {
    let quarantined = 0;
    if (opts.rules) {
      const { importRules } = await import('../ledger/import.ts');
      quarantined += (await importRules(remote.db, { file: opts.rules })).quarantined;
    }
    // Kept in the in-memory database as an import keeps it, so a server's pages read the same settings.
    if (config) {
      const stored = storableConfig(config);
      await storeProgramConfig(remote.db, JSON.stringify(stored.config));
    }
    return { db: remote.db, config, quarantined };
  } catch (e) {
    remote.db.close();
    throw e;
  }
}
