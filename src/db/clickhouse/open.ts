// A ClickHouse ledger as a Ledger Lens database: an in-memory DuckDB whose tables are filled from the remote tables,
// after their schemas are checked. Nothing is ever written to ClickHouse (every query runs with readonly=1).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../database.ts';
import { type ClickhouseConnection, ClickhouseReader, type TransferStats } from './client.ts';
import { checkLedgerSchema, checkRemoteRows, loadAccounts, loadLedger } from './load.ts';
import { ClickhouseRows, type QueryTransfer } from './rows.ts';
import { loadRollups } from './reduce.ts';
import { fillLocalRollups, refreshAttributes } from '../rollups.ts';
import { parseClickhouseUrl } from './url.ts';

export interface ClickhouseOpened {
  db: Database;
  stats: TransferStats;
  /** On demand: what each query fetched, in order (empty for 'all'). */
  transfers: QueryTransfer[];
  /** Removes the spill directory; call after db.close(). */
  cleanup(): void;
}

export interface ClickhouseOpenOptions {
  accountsTable?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * 'all' copies every ledger row and every rollup now; 'on-demand' fetches, for each query, only the rows and the
   * large rollups' cells it reads (rows.ts): report, rank, audit and serve, whose memory stays bounded.
   */
  rows?: 'all' | 'on-demand';
  /** Queries go through this connection instead of HTTP to the URL's host (an embedded engine; tests and checks). */
  connection?: ClickhouseConnection;
  /**
   * The local DuckDB's memory_limit (default: LEDGER_LENS_MEMORY_LIMIT or 1GB, as Database.open). Unchecked: tests
   * set it far below the floor a file import needs, to show that what the cluster sends back fits.
   */
  memoryLimit?: string;
}

export async function openClickhouse(sourceUrl: string, opts: ClickhouseOpenOptions = {}): Promise<ClickhouseOpened> {
  const source = parseClickhouseUrl(sourceUrl);
  const reader = new ClickhouseReader(source, opts.env, opts.connection);
  // DuckDB spills beyond its memory limit to this directory, so a large remote table does not grow the process.
  const spill = mkdtempSync(join(tmpdir(), 'll-clickhouse-spill-'));
  const cleanup = () => rmSync(spill, { recursive: true, force: true });
  let db: Database | undefined;
  let keepReader = false;
  try {
    db = await Database.open(':memory:', { tempDirectory: spill, memoryLimit: opts.memoryLimit });
    const present = await checkLedgerSchema(reader);
    const parts = join(spill, 'parts');
    mkdirSync(parts);
    await checkRemoteRows(reader);
    const onDemand = opts.rows === 'on-demand';
    // On demand, the rollups that grow with the ledger come back per query, for the cells it reads (rows.ts).
    await loadRollups(reader, db, present, parts, onDemand);
    let transfers: QueryTransfer[] = [];
    let rows: ClickhouseRows | undefined;
    if (onDemand) {
      rows = new ClickhouseRows(reader, present, parts);
      await db.attachRemote(rows);
      transfers = rows.transfers;
      keepReader = true;
    } else {
      await loadLedger(reader, db, present, parts);
      // Every row is local now: the rollups no shard reduces are reduced here (none is read on demand).
      await fillLocalRollups(db);
    }
    if (opts.accountsTable) {
      const roster = await loadAccounts(reader, db, opts.accountsTable);
      if (rows && roster.department) rows.rosterDepartment = roster.department;
    }
    // Attributes per account (roster first, else the latest row) come from both tables, as after an import.
    await refreshAttributes(db);
    return { db, stats: reader.stats, transfers, cleanup };
  } catch (e) {
    db?.close();
    cleanup();
    throw e;
  } finally {
    // On demand, the reader lives as long as the database (db.close() closes it).
    if (!keepReader) await reader.close();
  }
}
