/**
 * The resource-bound benchmark (`npm run bench:scale [-- ROWS [MEMORY_LIMIT]]`): a generated ledger of ROWS rows
 * (bench/lib.ts) imported and reported in child processes under DuckDB's memory_limit (LEDGER_LENS_MEMORY_LIMIT,
 * default here 1GB), each child's peak RSS measured. The issue asks for 100,000,000 rows: that needs ~6 GB of CSV
 * and a database of similar size, so check the disk first.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { child, fmt, generatedLedger, ROOT } from './lib.ts';

const ROWS = Number(process.argv[2] ?? 10_000_000);
const LIMIT = process.argv[3] ?? process.env.LEDGER_LENS_MEMORY_LIMIT ?? '1GB';
process.env.LEDGER_LENS_MEMORY_LIMIT = LIMIT;

const file = await generatedLedger(ROWS);
const dbPath = join(ROOT, 'bench', 'out', `scale-${ROWS}.duckdb`);
rmSync(dbPath, { force: true });
const imported = child<{ rows: number; accepted: number; seconds: number }>('import-child.ts', [
  'import',
  file,
  dbPath,
]);
// The last complete quarter of the generated ledger (2024-10-01 … 2026-09-30), no grouping.
const report = child<{ scan: number; report: number }>('report-child.ts', [dbPath, '2026Q3', '']);
const limitMb = /^(\d+(?:\.\d+)?)\s*GB$/i.test(LIMIT)
  ? Number(LIMIT.replace(/GB/i, '')) * 1024
  : /^(\d+)\s*MB$/i.test(LIMIT)
    ? Number(LIMIT.replace(/MB/i, ''))
    : NaN;
console.log(
  `scale: ${fmt(ROWS, 0)} rows (${fmt(statSync(file).size / 1024 ** 3)} GB CSV), DuckDB memory_limit ${LIMIT}`,
);
console.log(
  `  import: ${fmt(imported.accepted, 0)} accepted in ${fmt(imported.seconds, 1)} s, peak RSS ${imported.peak_rss_mb} MB; database ${fmt(statSync(dbPath).size / 1024 ** 3)} GB`,
);
console.log(
  `  report: ${fmt(report.report, 1)} s (median of 3), full scan ${fmt(report.scan, 2)} s, peak RSS ${report.peak_rss_mb} MB`,
);
// RSS also holds Node itself and DuckDB's non-buffer memory; memory_limit bounds the buffer pool. Allow 512 MB for the rest.
const within = (mb: number) => Number.isNaN(limitMb) || mb <= limitMb + 512;
console.log(
  `  within the limit (+512 MB for Node and DuckDB outside its buffer pool): import ${within(imported.peak_rss_mb)}, report ${within(report.peak_rss_mb)}`,
);
process.exitCode = imported.accepted === ROWS && within(imported.peak_rss_mb) && within(report.peak_rss_mb) ? 0 : 1;
