// Per-phase timing of one one-shot `report --ledger FILE --json` (issue 15), run in this process as the CLI runs it:
// every statement of every connection (the read, the checks beside it, the rollups, the report's two periods) with
// its start, wall time and the process's CPU meanwhile (bench/statement-log.ts), then the command's totals, Node's
// start and the bootstrap thread included. Usage:
//   node --import tsx bench/one-shot-phases.ts LEDGER.csv [quarter=2026Q2] [shortest ms shown=20]
import { logStatements } from './statement-log.ts';

const [csv, quarter = '2026Q2', shortest = '20'] = process.argv.slice(2);
const { lines, at } = logStatements(Number(shortest));
const { run } = await import('../src/cli/report.ts');
lines.push(`${at()} command loaded`);
// The report's JSON is not what this measures: kept from the terminal.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (() => true) as typeof process.stdout.write;
const code = await run(['--ledger', csv, '--quarter', quarter, '--json']);
process.stdout.write = write;
const cpu = process.cpuUsage();
lines.push(
  `${at()} done (exit ${code}): process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, ${(process.uptime()).toFixed(2)} s since Node started`,
);
console.log([...lines].sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b)).join('\n'));
