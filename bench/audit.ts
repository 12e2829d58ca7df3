// Audit benchmark (issues #5 and #13). Imports the generated N-row ledger of bench/import.ts once (shared with the
// report benchmark), then runs the whole audit in a separate process for the default period (the latest complete
// quarter), a full year and the whole two years, printing wall time, peak RSS per check, and the ratio against a
// floor measured in the same process: one pass reducing the period's rows per account-day. Target: a year under 5 s.
// CPU seconds (DuckDB's threads included) are printed beside wall time: on a shared machine the wall clock measures
// the neighbours too, the CPU ratio the audit's own work. Checks run on several connections at once, so per-check
// seconds overlap and add up to more than the total.
// Usage: npm run bench:audit -- [rows=10000000]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { child, fmt, generatedLedger, ROOT } from './lib.ts';

const rows = Number(process.argv[2] ?? 10_000_000);
const dbPath = join(ROOT, 'bench', 'out', `report-${rows}-ordered.duckdb`);
if (!existsSync(dbPath)) child('import-child.ts', ['import', await generatedLedger(rows), dbPath]);

type Run = {
  total: number;
  cpu: number;
  floor: number;
  floorCpu: number;
  flags: number;
  steps: { check: string; seconds: number; peak_rss_mb: number }[];
};
const periods = [
  ['2026Q3 (default period)', '2026-07-01', '2026-10-01'],
  ['a year, 2025-10 – 2026-09', '2025-10-01', '2026-10-01'],
  ['whole range, 24 months', '2024-10-01', '2026-10-01'],
];
for (const [label, from, to] of periods) {
  const r = child<Run>('audit-child.ts', [dbPath, from, to]);
  console.log(
    `audit ${fmt(rows, 0)} rows, ${label}: ${fmt(r.total)} s (target < 5 s), ${fmt(r.total / r.floor, 1)}× the floor of ${fmt(r.floor, 3)} s ` +
      `(one account-day pass over the period), ${r.flags} flags, process peak ${r.peak_rss_mb} MB; ` +
      `CPU ${fmt(r.cpu)} s, ${fmt(r.cpu / r.floorCpu, 1)}× the floor's ${fmt(r.floorCpu, 3)} CPU s (the work, whatever else the machine runs)`,
  );
  for (const s of r.steps)
    console.log(`  ${s.check.padEnd(20)} ${fmt(s.seconds, 3).padStart(7)} s   peak RSS so far ${s.peak_rss_mb} MB`);
}
