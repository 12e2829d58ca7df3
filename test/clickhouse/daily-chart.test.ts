// The Health chart over a ClickHouse source fetching rows on demand reads the experiments as over DuckDB: only the
// tagged rows leave the cluster, and the chart equals the one of the same ledger in DuckDB.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dailyChart } from '../../src/audit/daily-chart.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import type { Database } from '../../src/db/database.ts';
import { openDb } from '../audit/fixture.ts';
import { experimentDropLedger } from '../audit/unseen-fixtures.ts';
import { createLedgerTables, DATABASE, insertTsv, startCluster, type Cluster } from './cluster.ts';
import { LEDGER_EXPORT, tsvLine } from './load-sample.ts';
import { sqlRows } from '../../src/db/sql.ts';

let cluster: Cluster;
let local: Database;

beforeAll(async () => {
  local = await openDb();
  await experimentDropLedger(local);
  await rebuildRollups(local);
  cluster = await startCluster(1);
  await createLedgerTables(cluster);
  const rows = await sqlRows<Record<string, unknown>>(local, LEDGER_EXPORT);
  await insertTsv(cluster, `${DATABASE}.ledger`, rows.map((r) => tsvLine(Object.values(r))).join(''));
});

afterAll(async () => {
  local?.close();
  await cluster?.stop();
});

it('marks the same days as over DuckDB, fetching only the rows tagged with an experiment', async () => {
  const url = `clickhouse://127.0.0.1:${cluster.httpPort}/${DATABASE}.ledger`;
  const opened = await openClickhouse(url, { rows: 'on-demand' });
  try {
    const settings = defaultAuditSettings();
    const remote = await dailyChart(opened.db, '2026-04-01', '2026-05-01', settings);
    const expected = await dailyChart(local, '2026-04-01', '2026-05-01', settings);
    expect(remote).toEqual(expected);
    expect([...new Set(remote.days.flatMap((d) => d.drops.map((x) => x.rule_id)))]).toEqual(['RD']);
    const [{ n }] = await sqlRows<{ n: number }>(
      local,
      "SELECT count(*)::INTEGER AS n FROM ledger WHERE experiment_id = 'EXP-RE' AND occurred_at >= DATE '2025-12-10'",
    );
    expect(n).toBeGreaterThan(0);
    expect(opened.stats.ledgerRows).toBe(n);
  } finally {
    opened.db.close();
    opened.cleanup();
  }
});
