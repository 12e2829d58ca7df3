// One measured run of the report benchmark, in its own process (see bench/report.ts); the report as `report --db`
// makes it (the period before on a second connection).
import { Database } from '../src/db/database.ts';
import { buildReport } from '../src/report/build.ts';
import { sqlRows } from '../src/db/sql.ts';

const [dbPath, quarter, by] = process.argv.slice(2);
const db = await Database.open(dbPath, { readOnly: true });
/** CPU seconds (every thread of this process: DuckDB's, the bootstrap's workers) of each timed call, by label. */
const cpu: Record<string, number[]> = {};
const time = async (fn: () => Promise<unknown>, label = '') => {
  const t = performance.now();
  const c = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(c);
  (cpu[label] ??= []).push((d.user + d.system) / 1e6);
  return (performance.now() - t) / 1000;
};
// Warm once (views, file cache) so both numbers measure steady state.
await sqlRows(db, 'SELECT sum(points)::DOUBLE FROM ledger');
const scans: number[] = [];
for (let i = 0; i < 5; i++) scans.push(await time(() => sqlRows(db, 'SELECT sum(points)::DOUBLE AS s FROM ledger')));
// A raw scan as the metrics used to make it: every row read and summed per account (the old report made 17).
const grouped: number[] = [];
for (let i = 0; i < 3; i++)
  grouped.push(
    await time(
      () => sqlRows(db, 'SELECT count(*) AS n FROM (SELECT account_id, sum(points) FROM ledger GROUP BY account_id)'),
      'grouped',
    ),
  );
const reports: number[] = [];
for (let i = 0; i < 3; i++)
  reports.push(
    await time(() => buildReport(db, { period: { quarter }, by: by || undefined, parallel: true }), 'report'),
  );
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  JSON.stringify({
    scan: median(scans),
    scan_grouped: median(grouped),
    report: median(reports),
    scan_grouped_cpu: median(cpu.grouped),
    report_cpu: median(cpu.report),
  }),
);
