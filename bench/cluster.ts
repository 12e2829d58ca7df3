// npm run bench:cluster -- ROWS [report|audit]: a generated ledger in three local ClickHouse shards, then `report` and `audit` read
// through --source. Prints their times, the rows and bytes that came back to Node, and the peak memory of each
// Node process, beside a floor measured in the same run: the cluster's own scan of the same table.
import { type Cluster, createLedgerTables, DATABASE, startCluster } from '../test/clickhouse/cluster.ts';
import { loadavg } from 'node:os';
import { child, fmt } from './lib.ts';

const rows = Number(process.argv[2] ?? 100_000_000);
// `npm run bench:cluster -- ROWS report`: the report only (the audit of a large ledger takes much longer); `audit`:
// the audit only (when the session has time for one of them at 100 M rows).
const only = process.argv[3];
if (only !== undefined && only !== 'report' && only !== 'audit')
  throw new Error('usage: npm run bench:cluster -- ROWS [report|audit]');
if (!Number.isSafeInteger(rows) || rows < 1000) throw new Error('usage: npm run bench:cluster -- ROWS (at least 1000)');
const accounts = Math.max(100, Math.min(100_000, Math.floor(rows / 100)));

/** Rows of a ledger a kept cluster directory already holds (0 when it holds none): a run with other ROWS regenerates. */
async function loadedRows(cluster: Cluster): Promise<number> {
  const exists = await cluster.query(`EXISTS TABLE ${DATABASE}.ledger`);
  if (exists.trim() !== '1') return 0;
  const roster = await cluster.query(`EXISTS TABLE ${DATABASE}.accounts`);
  if (roster.trim() !== '1' || Number(await cluster.query(`SELECT count() FROM ${DATABASE}.accounts`)) !== accounts)
    return -1;
  return Number(await cluster.query(`SELECT count() FROM ${DATABASE}.ledger`));
}

const seconds = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};

// The same shape as bench/lib.ts's generated CSV: two years of rows, signed points by type, 40 rules, ten
// departments, approvers on a third of the rows; generated inside ClickHouse so the load costs no Node time.
// Each shard generates its own accounts' rows (the Distributed table's key, cityHash64(account_id) % shards) straight
// into its local table, all shards at once: no row travels between servers, and the layout is the one an insert
// through the Distributed table gives.
const DEPARTMENTS = "['研发部','销售部','市场部','财务部','人力资源部','客服部','生产部','质量部','采购部','行政部']";
const ACCOUNT = `concat('A', toString(cityHash64(number * 7) % ${accounts}))`;
const generate = (
  shard: number,
  shards: number,
  from: number,
  count: number,
) => `INSERT INTO ${DATABASE}.ledger_local SELECT
  concat('E', toString(number)) AS event_id,
  toDateTime('2024-10-01 00:00:00') + (cityHash64(number) % 63072000) AS occurred_at,
  ${ACCOUNT} AS account_id,
  toDecimal64(multiIf(number % 10 < 7, toInt64(cityHash64(number) % 50) + 1, number % 10 < 9, -(toInt64(cityHash64(number) % 200) + 1), -(toInt64(cityHash64(number) % 20) + 1)), 2)
    - toDecimal64(if(number % 10 = 9, 0.5, 0), 2) AS points,
  multiIf(number % 10 < 7, 'earn', number % 10 < 9, 'redeem', 'deduct') AS event_type,
  concat('R', toString(cityHash64(number * 3) % 40)) AS rule_id,
  CAST(NULL AS Nullable(String)), CAST(NULL AS Nullable(String)), CAST(NULL AS Nullable(String)),
  if(number % 3 = 0, concat('M', toString(cityHash64(number) % 500)), NULL) AS approver_id,
  CAST(NULL AS Nullable(String)), CAST(NULL AS Nullable(Decimal(18, 2))), CAST(NULL AS Nullable(String)),
  arrayElement(${DEPARTMENTS}, (cityHash64(number * 11) % 10) + 1) AS department,
  CAST(NULL AS Nullable(String)) AS region
FROM (SELECT number + ${from} AS number FROM numbers(${count}))
WHERE cityHash64(${ACCOUNT}) % ${shards} = ${shard}`;
// Slices of numbers per INSERT: each request ends well within the HTTP client's 300 s wait for an answer.
const SLICE = 5_000_000;
const ROSTER = `INSERT INTO ${DATABASE}.accounts SELECT concat('A', toString(number)), NULL, toDate('2020-01-01') + (number % 1500), NULL,
  arrayElement(${DEPARTMENTS}, (number % 10) + 1), NULL, NULL, NULL, NULL FROM numbers(${accounts})`;

// LEDGER_LENS_CLUSTER_DIR=DIR keeps the three shards' data in DIR between runs: a later run with the same ROWS finds
// the generated ledger there and measures report and audit without generating it again (at 100 M rows the
// generation takes about a quarter of an hour).
const keepDir = process.env.LEDGER_LENS_CLUSTER_DIR || undefined;
const cluster = await startCluster(3, keepDir);
try {
  const loaded = keepDir ? await loadedRows(cluster) : 0;
  if (loaded !== rows) {
    // A kept directory with another size, or a generation stopped half-way: start again from empty tables.
    if (keepDir)
      for (let i = 0; i < cluster.shards.length; i++) await cluster.query(`DROP DATABASE IF EXISTS ${DATABASE}`, i);
    await createLedgerTables(cluster);
  }
  const load =
    loaded === rows
      ? 0
      : await seconds(async () => {
          // Blocks of about a million rows, so each insert writes few parts per monthly partition.
          const settings = { min_insert_block_size_rows: '1048576', max_insert_block_size: '1048576' };
          const n = cluster.shards.length;
          await Promise.all(
            cluster.shards.map(async (_, i) => {
              for (let from = 0; from < rows; from += SLICE)
                await cluster.query(generate(i, n, from, Math.min(SLICE, rows - from)), i, undefined, settings);
            }),
          );
          await cluster.query(ROSTER);
        });
  // Floor: the cluster itself reading every column of every row once (what any engine must pay).
  const floor = await seconds(() =>
    cluster.query(
      `SELECT count(), sum(points), uniq(account_id), max(length(event_id)), count(approver_id) FROM ${DATABASE}.ledger`,
    ),
  );
  const source = `clickhouse://127.0.0.1:${cluster.httpPort}/${DATABASE}.ledger`;
  type Run = {
    transfer_s: number;
    compute_s: number;
    rows: number;
    bytes: number;
    ledger_rows: number;
    peak_rss_mb: number;
    queries: { query: string; rows: number; bytes: number; ledgerRows: number; fetch_s: number }[];
    checks: { name: string; seconds: number; rows: number; bytes: number; ledgerRows: number }[];
  };
  const line = (name: string, r: Run) => {
    const total = r.transfer_s + r.compute_s;
    // The 1-minute load average as the run ends: wall times on a shared machine mean little without it.
    return `${name.padEnd(7)} load ${fmt(loadavg()[0], 1)}  ${fmt(total)} s (start ${fmt(r.transfer_s)} s, queries with their fetches ${fmt(r.compute_s)} s; ${fmt(total / floor, 1)}× the floor)  rows to Node ${fmt(r.rows, 0)} (ledger rows ${fmt(r.ledger_rows, 0)})  bytes ${fmt(r.bytes / 2 ** 20, 1)} MiB  peak RSS ${fmt(r.peak_rss_mb, 0)} MB`;
  };
  // Each line as soon as its run ends: at 100 M rows the audit takes long after the report.
  console.log(
    load === 0
      ? `cluster: 3 local shards, ${fmt(rows, 0)} ledger rows, ${fmt(accounts, 0)} accounts; reused from ${keepDir}`
      : `cluster: 3 local shards, ${fmt(rows, 0)} ledger rows, ${fmt(accounts, 0)} accounts; generated in ${fmt(load)} s (${fmt(rows / load / 1e6, 2)} M rows/s)`,
  );
  console.log(`floor   ${fmt(floor, 3)} s (one scan of every row on the cluster)`);
  // What each step brought back: the coarse rollups at start, then each query's reductions, cells and rows.
  const steps = (name: string, r: Run) => {
    for (const q of r.queries)
      console.log(
        `  ${name} ${q.query.padEnd(28)} rows ${fmt(q.rows, 0).padStart(11)} (ledger ${fmt(q.ledgerRows, 0)})  ${fmt(q.bytes / 2 ** 20, 1)} MiB  fetched in ${fmt(q.fetch_s)} s`,
      );
    for (const c of r.checks)
      console.log(
        `  ${name} check ${c.name.padEnd(22)} ${fmt(c.seconds).padStart(8)} s  rows back ${fmt(c.rows, 0).padStart(11)} (ledger ${fmt(c.ledgerRows, 0)})  ${fmt(c.bytes / 2 ** 20, 1)} MiB`,
      );
  };
  if (only !== 'audit') {
    const report = child<Run>('cluster-child.ts', ['report', source, `${DATABASE}.accounts`]);
    console.log(line('report', report));
    steps('report', report);
  }
  if (only !== 'report') {
    const audit = child<Run>('cluster-child.ts', ['audit', source, `${DATABASE}.accounts`]);
    console.log(line('audit', audit));
    steps('audit', audit);
  }
} finally {
  await cluster.stop();
}
