// Import benchmark (issues: foundation, 15). Generates an N-row CSV ledger, then measures in separate processes:
// DuckDB's own read_csv scan of the file, its de-duplicated CTAS of the file into a new database file (the floor of
// a persisted idempotent import, issue 15), and the full `importLedger` (rollups included) into a fresh file.
// Usage: npm run bench:import -- [rows=10000000]
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { child, fmt, generatedLedger, ROOT } from './lib.ts';

const rows = Number(process.argv[2] ?? 10_000_000);
const dir = join(ROOT, 'bench', 'out');
const file = await generatedLedger(rows);
const mb = statSync(file).size / 1e6;
const scan = child<{ rows: number; seconds: number }>('import-child.ts', ['scan', file]);
const floor = child<{ seconds: number }>('import-child.ts', ['insert', file, join(dir, 'floor.duckdb')]);
const ctas = child<{ seconds: number }>('import-child.ts', ['ctas', file, join(dir, 'ctas.duckdb')]);
const imp = child<{
  rows: number;
  accepted: number;
  seconds: number;
  phases: { phase: string; wall: number; cpu: number }[];
}>('import-child.ts', ['import', file, join(dir, 'bench.duckdb')]);
const ratio = imp.seconds / scan.seconds;
console.log(`import benchmark: ${fmt(rows, 0)} rows, ${fmt(mb, 0)} MB CSV`);
console.log(`  DuckDB read_csv scan : ${fmt(scan.seconds)} s, peak ${scan.peak_rss_mb} MB`);
console.log(
  `  DuckDB plain INSERT  : ${fmt(floor.seconds)} s, peak ${floor.peak_rss_mb} MB (typed insert of the same file, no validation: the write floor)`,
);
console.log(
  `  ledger-lens import   : ${fmt(imp.seconds)} s, ${fmt(imp.rows / imp.seconds, 0)} rows/s, peak ${imp.peak_rss_mb} MB (accepted ${fmt(imp.accepted, 0)})`,
);
console.log(
  `  ratio import / scan  : ${fmt(ratio)}× (target ≤ 3×); import / plain INSERT: ${fmt(imp.seconds / floor.seconds)}×`,
);
console.log(
  `  vs CTAS DISTINCT ON   : ${fmt(imp.seconds)} s vs ${fmt(ctas.seconds)} s = ${fmt(imp.seconds / ctas.seconds)}× (target ≤ 1.5×); CPU ${fmt(imp.cpu_s, 1)} s vs ${fmt(ctas.cpu_s, 1)} s = ${fmt(imp.cpu_s / ctas.cpu_s)}×; floor peak ${ctas.peak_rss_mb} MB`,
);
console.log(
  `  peak memory          : ${imp.peak_rss_mb} MB (target < 2048 MB: ${imp.peak_rss_mb < 2048 ? 'met' : 'MISSED'})`,
);
console.log('  import by phase (wall s / CPU s; CPU counts both cores):');
for (const p of imp.phases)
  console.log(`    ${p.phase.padEnd(24)} ${fmt(p.wall).padStart(8)} / ${fmt(p.cpu).padStart(8)}`);
