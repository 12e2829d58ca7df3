// Import benchmark (issue: foundation). Generates an N-row CSV ledger, then measures in separate processes:
// DuckDB's own read_csv scan of the file and the full `importLedger` into a fresh database file.
// Usage: npm run bench:import -- [rows=10000000]
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../src/db/database.ts';
import { child, fmt, ROOT } from './lib.ts';

const rows = Number(process.argv[2] ?? 10_000_000);
const dir = join(ROOT, 'bench', 'out');
mkdirSync(dir, { recursive: true });
const file = join(dir, `ledger-${rows}.csv`);

if (!existsSync(file)) {
  process.stderr.write(`generating ${fmt(rows, 0)} rows into ${file} …\n`);
  const db = await Database.open(':memory:');
  // Realistic shape: ids, local timestamps over two years, 100k accounts, signed points by type, rules, departments.
  await db.exec(`COPY (
    SELECT 'E' || i AS event_id,
      strftime(TIMESTAMP '2024-10-01' + to_seconds((hash(i) % 63072000)::BIGINT), '%Y-%m-%d %H:%M:%S') AS occurred_at,
      'A' || lpad(((hash(i * 7) % 100000))::VARCHAR, 6, '0') AS account_id,
      CASE WHEN i % 10 < 7 THEN ((hash(i) % 50) + 1)::VARCHAR WHEN i % 10 < 9 THEN '-' || ((hash(i) % 200) + 1)::VARCHAR ELSE '-' || ((hash(i) % 20) + 1)::VARCHAR || '.5' END AS points,
      CASE WHEN i % 10 < 7 THEN 'earn' WHEN i % 10 < 9 THEN 'redeem' ELSE 'deduct' END AS event_type,
      'R' || (hash(i * 3) % 40) AS rule_id,
      (['研发部','销售部','市场部','财务部','人力资源部','客服部','生产部','质量部','采购部','行政部'])[((hash(i * 11) % 10) + 1)::INTEGER] AS department,
      CASE WHEN i % 3 = 0 THEN 'M' || (hash(i) % 500) END AS approver_id
    FROM range(${rows}) t(i)) TO '${file}' (HEADER)`);
  db.close();
}
const mb = statSync(file).size / 1e6;
const scan = child<{ rows: number; seconds: number }>('import-child.ts', ['scan', file]);
const imp = child<{ rows: number; accepted: number; seconds: number }>('import-child.ts', ['import', file, join(dir, 'bench.duckdb')]);
const ratio = imp.seconds / scan.seconds;
console.log(`import benchmark: ${fmt(rows, 0)} rows, ${fmt(mb, 0)} MB CSV`);
console.log(`  DuckDB read_csv scan : ${fmt(scan.seconds)} s, peak ${scan.peak_rss_mb} MB`);
console.log(`  ledger-lens import   : ${fmt(imp.seconds)} s, ${fmt(imp.rows / imp.seconds, 0)} rows/s, peak ${imp.peak_rss_mb} MB (accepted ${fmt(imp.accepted, 0)})`);
console.log(`  ratio import / scan  : ${fmt(ratio)}× (target ≤ 3×), peak memory target < 2048 MB: ${imp.peak_rss_mb < 2048 ? 'met' : 'MISSED'}`);
