// Report benchmark (issue: metrics). Imports the generated N-row ledger of bench/import.ts once, then measures in a
// separate process the whole quarterly report (with and without --by department) against one plain scan
// (`SELECT sum(points) FROM ledger`) of the same database. Usage: npm run bench:report -- [rows=10000000]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { child, fmt, generatedLedger, ROOT } from './lib.ts';
import { oneShotVsPandas, pandasMissing } from './one-shot.ts';

const rows = Number(process.argv[2] ?? 10_000_000);
const dir = join(ROOT, 'bench', 'out');
const dbPath = join(dir, `report-${rows}-ordered.duckdb`);
const csv = await generatedLedger(rows);
if (!existsSync(dbPath)) {
  // The same generated ledger as the import benchmark, imported through the real importer.
  child('import-child.ts', ['import', csv, dbPath]);
}
console.log(`report benchmark: ${fmt(rows, 0)} rows, quarter 2026Q2`);
for (const by of ['', 'department']) {
  const r = child<{ scan: number; report: number; scan_grouped: number; report_cpu: number; scan_grouped_cpu: number }>(
    'report-child.ts',
    [dbPath, '2026Q2', by],
  );
  console.log(
    `  report${by ? ` --by ${by}` : ''}: ${fmt(r.report)} s (target < 2 s), plain scan ${fmt(r.scan * 1000)} ms, ratio ${fmt(r.report / r.scan, 0)} scan-equivalents (target ≤ 15), peak ${r.peak_rss_mb} MB`,
  );
  // Issue 15's target: ≤ 1 s and ≤ 5 raw scans (every row summed per account), in wall and in CPU time.
  console.log(
    `    = ${fmt(r.report / r.scan_grouped, 1)} raw scans of ${fmt(r.scan_grouped * 1000, 0)} ms (target ≤ 1 s and ≤ 5); CPU ${fmt(r.report_cpu, 2)} s = ${fmt(r.report_cpu / r.scan_grouped_cpu, 1)} raw scans`,
  );
}
// The one-shot report of the CSV itself (no database kept) against the pandas peer (issue 15: ≥ 3× faster).
const missing = pandasMissing();
if (missing) console.log(`  SKIP report --ledger vs pandas peer: ${missing}`);
else {
  const { ours, peer, oursJson, peerJson } = oneShotVsPandas(csv, '2026Q2', '2026-04-01', '2026-07-01');
  console.log(
    `  report --ledger (one shot): ${fmt(ours.seconds)} s vs pandas ${fmt(peer.seconds)} s = ${fmt(peer.seconds / ours.seconds)}× faster (target ≥ 3×); CPU ${fmt(ours.cpu, 1)} s vs ${fmt(peer.cpu, 1)} s; issued ${fmt(oursJson.issued)} / ${fmt(peerJson.issued)}, Gini ${fmt(oursJson.gini, 6)} / ${fmt(peerJson.gini, 6)}`,
  );
}
