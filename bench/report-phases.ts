// Per-phase timing of one report (issue 15): every statement the report runs on its connection, with wall time
// since the report started and its own duration, then the report's total. Usage:
//   node --import tsx bench/report-phases.ts DB [quarter=2026Q2]
import { DuckDBConnection } from '@duckdb/node-api';
import { Database } from '../src/db/database.ts';
import { buildReport } from '../src/report/build.ts';

const [dbPath, quarter = '2026Q2'] = process.argv.slice(2);
const t0 = performance.now();
const log: string[] = [];
const at = () => (performance.now() - t0).toFixed(0).padStart(6);
const label = (sql: string) => sql.trim().split('\n')[0].slice(0, 70);
// Every statement of every connection (the report forks some): the driver's two entry points, timed. runAndReadAll
// calls run on the same connection, so a statement inside another is not logged twice.
const busy = new WeakSet<DuckDBConnection>();
for (const m of ['run', 'runAndReadAll'] as const) {
  const orig = DuckDBConnection.prototype[m] as (...a: unknown[]) => Promise<unknown>;
  (DuckDBConnection.prototype as unknown as Record<string, unknown>)[m] = async function (
    this: DuckDBConnection,
    ...a: unknown[]
  ) {
    if (busy.has(this)) return orig.apply(this, a);
    busy.add(this);
    const s = performance.now();
    const start = at();
    try {
      return await orig.apply(this, a);
    } finally {
      busy.delete(this);
      log.push(`${start} +${(performance.now() - s).toFixed(0).padStart(5)} ms  ${m} ${label(String(a[0]))}`);
    }
  };
}
const db = await Database.open(dbPath, { readOnly: true });
log.push(`${at()} opened`);
const c = process.cpuUsage();
const r0 = performance.now();
const report = await buildReport(db, { period: { quarter }, parallel: process.env.SEQ !== '1' });
const cpu = process.cpuUsage(c);
log.push(
  `${at()} report built: ${(performance.now() - r0).toFixed(0)} ms, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
);
const j0 = performance.now();
const text = JSON.stringify(report, null, 2);
log.push(`${at()} JSON ${text.length} chars: ${(performance.now() - j0).toFixed(0)} ms`);
console.log(log.join('\n'));
db.close();
