// One measured run of the cluster benchmark in its own process (bench/cluster.ts), so its peak memory is its own:
// the coarse reductions from the ClickHouse ledger into DuckDB, then the report or the audit (fetching, per query,
// only the reductions, cells and ledger rows it reads, as the CLI does).
import { appendFileSync } from 'node:fs';
import { openClickhouse } from '../src/db/clickhouse/open.ts';
import { buildReport } from '../src/report/build.ts';
import { auditPeriod } from '../src/audit/period.ts';
import { runAudit } from '../src/audit/run.ts';

const [what, source, accountsTable] = process.argv.slice(2);
const progress = process.env.LEDGER_LENS_BENCH_PROGRESS;
const t0 = performance.now();
const remote = await openClickhouse(source, { accountsTable, rows: 'on-demand' });
const t1 = performance.now();
// What the start brought back (the coarse rollups, the roster), before any query.
const start = { ...remote.stats };
// Seconds each query spent getting its rows, reductions and cells ready (the cluster's work and the transfer).
const fetchSeconds: Record<string, number> = {};
const rows = remote.db.remote;
if (rows) {
  const prepare = rows.prepare.bind(rows);
  rows.prepare = async (db, id, sql, params) => {
    const t = performance.now();
    try {
      return await prepare(db, id, sql, params);
    } finally {
      fetchSeconds[id] = (fetchSeconds[id] ?? 0) + (performance.now() - t) / 1000;
    }
  };
}
// Per check: its time and what its queries brought back. A remote source runs the checks one at a time (lanes.ts),
// so the transfers recorded since the previous check ended are this check's.
const checks: { name: string; seconds: number; rows: number; bytes: number; ledgerRows: number }[] = [];
if (what === 'report') {
  await buildReport(remote.db, {});
} else {
  const period = await auditPeriod(remote.db, undefined, undefined);
  let seen = 0;
  await runAudit(remote.db, {
    ...period,
    onCheck: (name, seconds) => {
      const mine = remote.transfers.slice(seen);
      seen = remote.transfers.length;
      const sum = (key: 'rows' | 'bytes' | 'ledgerRows') => mine.reduce((s, q) => s + q[key], 0);
      checks.push({ name, seconds, rows: sum('rows'), bytes: sum('bytes'), ledgerRows: sum('ledgerRows') });
      // A long run (the audit at 100 M rows) leaves each check's numbers behind as it ends, not only at its end.
      if (progress) appendFileSync(progress, `${JSON.stringify(checks[checks.length - 1])}\n`);
    },
  });
}
const t2 = performance.now();
remote.db.close();
remote.cleanup();
console.log(
  JSON.stringify({
    transfer_s: (t1 - t0) / 1000,
    compute_s: (t2 - t1) / 1000,
    rows: remote.stats.rows,
    bytes: remote.stats.bytes,
    ledger_rows: remote.stats.ledgerRows,
    queries: [
      { query: '(start: coarse rollups)', ...start, fetch_s: (t1 - t0) / 1000 },
      ...remote.transfers.map((q) => ({ ...q, fetch_s: fetchSeconds[q.query] ?? 0 })),
    ],
    checks,
  }),
);
