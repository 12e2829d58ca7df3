// A/B benchmark (issue #6): `ab` on a generated ledger whose rule R7 is an experiment (10M rows by default; imported
// once through the real importer), and the two-arm bootstrap (2,000 resamples, medians of two metrics and the Gini
// difference) over 50,000 accounts. Each measurement runs in its own process. Usage: npm run bench:ab -- [rows]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { child, fmt, generatedLedger, ROOT } from './lib.ts';

const rows = Number(process.argv[2] ?? 10_000_000);
const dbPath = join(ROOT, 'bench', 'out', `ab-${rows}.duckdb`);
if (!existsSync(dbPath))
  child('import-child.ts', ['import', await generatedLedger(rows, { experiment: true }), dbPath]);

console.log(`ab benchmark: ${fmt(rows, 0)} rows, experiment EXP-BENCH (R7 in 2026Q2)`);
const runs = [0, 1, 2].map(() =>
  child<{ open: number; ab: number; accounts: number; resamples: number }>('ab-child.ts', ['ab', dbPath]),
);
const best = runs.reduce((a, b) => (b.ab < a.ab ? b : a));
console.log(
  `  ab: ${fmt(best.ab)} s best of 3 (target < 3 s; ${fmt(best.accounts, 0)} accounts, ${best.resamples} resamples; open ${fmt(best.open)} s), peak ${best.peak_rss_mb} MB`,
);
const boot = [0, 1, 2].map(() => child<{ bootstrap: number; accounts: number }>('ab-child.ts', ['bootstrap', '50000']));
const fastest = boot.reduce((a, b) => (b.bootstrap < a.bootstrap ? b : a));
console.log(
  `  bootstrap 2,000 resamples over ${fmt(fastest.accounts, 0)} accounts: ${fmt(fastest.bootstrap)} s best of 3 (target < 2 s)`,
);
