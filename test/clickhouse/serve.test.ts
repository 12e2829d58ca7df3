// serve --source reads a ClickHouse ledger as report does: no ledger row copied at start, none fetched for a
// quarter's report, and the large rollups' cells only for the queries that read them; the numbers equal DuckDB's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer } from '../../src/server/loopback.ts';
import { Database } from '../../src/db/database.ts';
import { openSource } from '../../src/cli/source.ts';
import { loadConfig } from '../../src/config.ts';
import { buildReport } from '../../src/report/build.ts';
import { cohortGrid } from '../../src/report/trends.ts';
import { importAccounts, importLedger, importRules } from '../../src/ledger/import.ts';
import type { ClickhouseRows } from '../../src/db/clickhouse/rows.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { createLedgerTables, DATABASE, startCluster, type Cluster } from './cluster.ts';
import { differences } from './close.ts';
import { loadSample, SAMPLE_FILES } from './load-sample.ts';
import { sqlRows } from '../../src/db/sql.ts';

const files = SAMPLE_FILES;

let cluster: Cluster;
let db: Database;
let server: RunningServer;

const count = async (table: string) =>
  (await sqlRows<{ n: number }>(db, `SELECT count(*)::INTEGER AS n FROM ${table}`))[0].n;
const fetched = () => (db.remote as ClickhouseRows).transfers;

/** The same quarter's report over DuckDB's import of the same files. */
async function duckReport(opts: { by?: string; filter?: { attribute: string; value: string } }) {
  const duck = await Database.open(':memory:');
  try {
    await importLedger(duck, { file: files.ledger });
    await importAccounts(duck, { file: files.accounts });
    await importRules(duck, { file: files.rules });
    const report = await buildReport(duck, {
      period: { quarter: '2026Q1' },
      ...opts,
      intervals: false,
      config: loadConfig(files.config),
    });
    return JSON.parse(JSON.stringify(report));
  } finally {
    duck.close();
  }
}

beforeAll(async () => {
  cluster = await startCluster(3);
  await createLedgerTables(cluster);
  await loadSample(cluster, files);
  // The database `serve --source` opens (src/cli/serve.ts), and the server it starts, without prewarming so that
  // what came back is the request's own.
  ({ db } = await openSource({
    db: '',
    source: `clickhouse://127.0.0.1:${cluster.httpPort}/${DATABASE}.ledger`,
    'accounts-table': `${DATABASE}.accounts`,
    rules: files.rules,
    config: files.config,
  }));
  server = await startLoopbackServer(db);
});

afterAll(async () => {
  await server?.close();
  db?.close();
  await cluster?.stop();
});

describe('serve --source clickhouse://…', () => {
  it('copies no ledger row and no account × day cell at start', async () => {
    expect(db.remote).toBeDefined();
    expect(await count('ledger')).toBe(0);
    expect(await count('rollup_account_day')).toBe(0);
    expect(await count('rollup_approver_hour')).toBe(0);
    expect(await count('rollup_account_month')).toBeGreaterThan(0);
  });

  it("answers /api/report for a quarter with DuckDB's numbers, fetching no ledger row and no account × day cell", async () => {
    const res = await fetch(`${server.url}api/report?quarter=2026Q1&by=department`);
    expect(res.status).toBe(200);
    const api = await res.json();
    const queries = fetched().map((t) => t.query);
    // Each reduction the report needs ran on the cluster (rule usage, expiring points), and nothing else came back.
    expect([...new Set(queries)].sort()).toEqual(['data_range', 'expiring_soon', 'rule_usage']);
    expect(fetched().reduce((s, t) => s + t.ledgerRows, 0)).toBe(0);
    expect(await count('ledger')).toBe(0);
    expect(await count('rollup_account_day')).toBe(0);

    expect(api.population.n).toBeGreaterThan(0);
    expect(differences(await duckReport({ by: 'department' }), api)).toEqual([]);
  });

  it("answers the Health page's cohorts, unfiltered and filtered, with DuckDB's grid and no account × day cell", async () => {
    const duck = await Database.open(':memory:');
    try {
      await importLedger(duck, { file: files.ledger });
      await importAccounts(duck, { file: files.accounts });
      for (const filter of [undefined, { attribute: 'department', value: '生产部' }]) {
        const grid = await cohortGrid(db, { to: '2026-04-01' }, filter);
        expect(grid.length).toBeGreaterThan(0);
        expect(grid).toEqual(await cohortGrid(duck, { to: '2026-04-01' }, filter));
      }
    } finally {
      duck.close();
    }
    expect(await count('rollup_account_day')).toBe(0);
  });

  it('a page that reads account × day cells (a filter) fetches them then, and still equals DuckDB', async () => {
    const res = await fetch(`${server.url}api/report?quarter=2026Q1&filter=department%3D%E7%94%9F%E4%BA%A7%E9%83%A8`);
    expect(res.status).toBe(200);
    const api = await res.json();
    expect(await count('rollup_account_day')).toBeGreaterThan(0);
    expect(api.population.n).toBeGreaterThan(0);
    expect(differences(await duckReport({ filter: { attribute: 'department', value: '生产部' } }), api)).toEqual([]);
  });
});
