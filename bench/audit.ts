// Audit benchmark (issues #5 and #13). Imports the generated N-row ledger of bench/import.ts once (shared with the
// report benchmark), then runs the whole audit in a separate process for the default period (the latest complete
// quarter), a full year and the whole two years, printing wall time, CPU time and peak RSS per check, and ratios
// against two floors measured in the same process: one pass reducing the period's rows per account-day, and one scan
// of the whole ledger table. Target: a year under 5 s.
// CPU seconds (DuckDB's threads included) are printed beside wall time: on a shared machine the wall clock measures
// the neighbours too, the CPU ratio the audit's own work. Checks run on several connections at once, so per-check
// seconds overlap and add up to more than the total, and per-check CPU is not known; `--sequential` runs the checks
// one at a time on one connection instead, so that each check's CPU seconds are its own.
// Usage: npm run bench:audit -- [rows=10000000] [--sequential] [--periods quarter,year,all]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { child, fmt, generatedLedger, ROOT } from './lib.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const sequential = args.includes('--sequential');
const only = flag('--periods')?.split(',');
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000_000);
const dbPath = join(ROOT, 'bench', 'out', `report-${rows}-ordered.duckdb`);
if (!existsSync(dbPath)) child('import-child.ts', ['import', await generatedLedger(rows), dbPath]);

type Run = {
  total: number;
  cpu: number;
  floor: number;
  floorCpu: number;
  scan: number;
  scanCpu: number;
  flags: number;
  threads: number;
  steps: { check: string; seconds: number; cpu: number; peak_rss_mb: number }[];
};
const periods = [
  ['quarter', '2026Q3 (default period)', '2026-07-01', '2026-10-01'],
  ['year', 'a year, 2025-10 – 2026-09', '2025-10-01', '2026-10-01'],
  ['all', 'whole range, 24 months', '2024-10-01', '2026-10-01'],
];
for (const [key, label, from, to] of periods) {
  if (only && !only.includes(key)) continue;
  const r = child<Run>('audit-child.ts', [dbPath, from, to, ...(sequential ? ['--sequential'] : [])]);
  console.log(
    `audit ${fmt(rows, 0)} rows, ${label}${sequential ? ', checks one at a time' : ''}: ${fmt(r.total)} s (target < 5 s), ` +
      `${fmt(r.total / r.scan, 1)}× one scan of the ledger (${fmt(r.scan, 3)} s), ` +
      `${fmt(r.total / r.floor, 1)}× one account-day pass over the period (${fmt(r.floor, 3)} s), ${r.flags} flags, ` +
      `process peak ${r.peak_rss_mb} MB; CPU ${fmt(r.cpu)} s, ${fmt(r.cpu / r.scanCpu, 1)}× the scan's ${fmt(r.scanCpu, 3)} CPU s, ` +
      `${fmt(r.cpu / r.floorCpu, 1)}× the pass's ${fmt(r.floorCpu, 3)} CPU s (the work, whatever else the machine runs); ` +
      `${fmt(r.cpu / r.total, 2)} of the process's ${r.threads} DuckDB threads busy on average (CPU ÷ wall: below ${r.threads} ` +
      'the checks wait for each other or for the machine)',
  );
  for (const s of r.steps)
    console.log(
      `  ${s.check.padEnd(20)} ${fmt(s.seconds, 3).padStart(7)} s` +
        `${sequential ? `   CPU ${fmt(s.cpu, 3).padStart(7)} s` : ''}   peak RSS so far ${s.peak_rss_mb} MB`,
    );
}
