// One ledger (and roster) on a DuckDB file and on a three-shard ClickHouse cluster, for tests that expect the same
// flags from both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/db/database.ts';
import { type ClickhouseOpened, openClickhouse } from '../../src/db/clickhouse/open.ts';
import { importAccounts, importLedger } from '../../src/ledger/import.ts';
import { createLedgerTables, DATABASE, startCluster, type Cluster } from './cluster.ts';
import { ledgerUrl } from './generated.ts';
import { loadLedger, loadSample } from './load-sample.ts';

export interface BothEngines {
  engines: [name: string, db: Database][];
  stop(): Promise<void>;
}

/** Writes the files into a fresh directory (`write` returns their paths), imports them into both engines. */
export async function bothEngines(write: (dir: string) => { ledger: string; accounts?: string }): Promise<BothEngines> {
  const dir = mkdtempSync(join(tmpdir(), 'll-both-engines-'));
  let duck: Database | undefined;
  let cluster: Cluster | undefined;
  let click: ClickhouseOpened | undefined;
  const stop = async () => {
    duck?.close();
    click?.db.close();
    click?.cleanup();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const files = write(dir);
    duck = await Database.open(join(dir, 'ledger.duckdb'));
    await importLedger(duck, { file: files.ledger });
    if (files.accounts) await importAccounts(duck, { file: files.accounts });
    cluster = await startCluster(3);
    await createLedgerTables(cluster);
    if (files.accounts) await loadSample(cluster, { ledger: files.ledger, accounts: files.accounts });
    else await loadLedger(cluster, files.ledger);
    click = await openClickhouse(ledgerUrl(cluster), {
      rows: 'on-demand',
      ...(files.accounts ? { accountsTable: `${DATABASE}.accounts` } : {}),
    });
    return {
      engines: [
        ['DuckDB', duck],
        ['ClickHouse', click.db],
      ],
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
