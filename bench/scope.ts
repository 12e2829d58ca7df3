// A manager's reads within their scope (issue 19): the audit and the report of one department of ten, computed by
// reading the database through the scope's TEMP views (src/db/within-scope.ts), against the program's own audit and
// report measured in the same process (the floor: a scope holds a tenth of the rows, so it should cost no more).
// Usage: npm run bench:scope -- [rows=1000000]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runAudit } from '../src/audit/run.ts';
import { Database } from '../src/db/database.ts';
import { withinScope } from '../src/db/within-scope.ts';
import { reportBuilder } from '../src/server/report-builder.ts';
import { child, fmt, generatedLedger, ROOT } from './lib.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const dbPath = join(ROOT, 'bench', 'out', `report-${rows}-ordered.duckdb`);
if (!existsSync(dbPath)) child('import-child.ts', ['import', await generatedLedger(rows), dbPath]);

const db = await Database.open(dbPath, { readOnly: true });
const build = reportBuilder();
const period = { from: '2026-07-01', to: '2026-10-01' };
const scope = { attribute: 'department', value: '研发部' };
const two = { attribute: 'department', value: ['研发部', '市场部'] };

/** Best of three wall times, in seconds. */
async function best(task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await task();
    times.push((performance.now() - t) / 1000);
  }
  return Math.min(...times);
}

const audit = () => runAudit(db, period);
const report = () => build(db, period);
const cases: [string, () => Promise<unknown>, number][] = [];
const programAudit = await best(audit);
const programReport = await best(report);
cases.push(['audit, one department', () => withinScope(db, scope, audit), programAudit]);
cases.push(['audit, two departments', () => withinScope(db, two, audit), programAudit]);
cases.push(['report, one department', () => withinScope(db, scope, report), programReport]);
cases.push([
  'report, the same department as a page filter',
  () => build(db, { ...period, filter: scope }),
  programReport,
]);
console.log(
  `${fmt(rows, 0)} rows, 2026Q3: program audit ${fmt(programAudit, 3)} s, program report ${fmt(programReport, 3)} s`,
);
for (const [label, task, floor] of cases) {
  const s = await best(task);
  console.log(`  ${label.padEnd(44)} ${fmt(s, 3).padStart(7)} s   ${fmt(s / floor, 2)}× the program's`);
}
db.close();
