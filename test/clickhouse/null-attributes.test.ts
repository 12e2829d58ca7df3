// A loyalty ledger without departments is normal: every row's department and region NULL. 18.16 dropped the
// connection on the accounts' latest attributes at open time (argMax of a tuple of an all-NULL Nullable column), so
// such a ledger could not be opened from a cluster at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';
import { createLedgerTables, insertTsv, startCluster, type Cluster } from './cluster.ts';
import { LEDGER_EXPORT, tsvLine } from './load-sample.ts';

const DB = 'llnoattr';
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster(2);
  await createLedgerTables(cluster, DB);
});

afterAll(async () => {
  await cluster?.stop();
});

const LATEST = `SELECT account_id, strftime(last_at, '%Y-%m-%d %H:%M:%S') AS last_at, last_event_id, department, region
  FROM account_latest ORDER BY account_id`;

describe('a ledger whose department and region are NULL on every row', () => {
  it("opens from ClickHouse, with DuckDB's latest rows per account (attributes NULL)", async () => {
    const duck = await Database.open(':memory:');
    // Six accounts over two shards, with ties on occurred_at broken by event_id.
    await sqlExec(
      duck,
      `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, department, region, import_id, source_line)
       SELECT 'e' || lpad(i::VARCHAR, 3, '0'), TIMESTAMP '2026-03-02 10:00:00' + INTERVAL (i // 2) HOUR, 'U' || (i % 6),
         5, 'earn', NULL, NULL, 1, i
       FROM range(40) t(i)`,
    );
    await rebuildRollups(duck);
    const a = await sqlRows<Record<string, unknown>>(duck, LATEST);
    const tsv = (await sqlRows<Record<string, unknown>>(duck, LEDGER_EXPORT)).map((r) => tsvLine(Object.values(r)));
    await insertTsv(cluster, `${DB}.ledger`, tsv.join(''));
    const remote = await openClickhouse(`clickhouse://127.0.0.1:${cluster.httpPort}/${DB}.ledger`);
    try {
      const b = await sqlRows<Record<string, unknown>>(remote.db, LATEST);
      expect(a).toHaveLength(6);
      expect(a.every((r) => r.department === null && r.region === null)).toBe(true);
      expect(b).toEqual(a);
    } finally {
      duck.close();
      remote.db.close();
      remote.cleanup();
    }
  });
});
