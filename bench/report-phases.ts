// Per-phase timing of one report (issue 15): every statement the report runs on its connections, with wall time
// since the report started and its own duration (bench/statement-log.ts), then the report's total. Usage:
//   node --import tsx bench/report-phases.ts DB [quarter=2026Q2]
import { Database } from '../src/db/database.ts';
import { buildReport } from '../src/report/build.ts';
import { logStatements } from './statement-log.ts';

const [dbPath, quarter = '2026Q2'] = process.argv.slice(2);
const { lines: log, at } = logStatements();
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
