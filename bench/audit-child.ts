// One measured audit, in its own process (see bench/audit.ts): wall time, CPU time and peak RSS after every check.
// With --sequential the checks run one at a time on one connection, so each check's CPU seconds are its own.
import { runAudit } from '../src/audit/run.ts';
import { Database } from '../src/db/database.ts';
import { sqlRows } from '../src/db/sql.ts';

/** CPU seconds of this process (DuckDB's threads included) since `since`: the work done, whatever else the machine runs. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

const [dbPath, from, to, mode] = process.argv.slice(2);
const sequential = mode === '--sequential';
const db = await Database.open(dbPath, { readOnly: true });
await sqlRows(db, 'SELECT sum(points)::DOUBLE FROM ledger'); // warm the file cache, as the report benchmark does

/** Best of three wall and CPU seconds of one query. */
async function best(sql: string, params: Record<string, string> = {}) {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await sqlRows(db, sql, params);
    wall = Math.min(wall, (performance.now() - t) / 1000);
    cpu = Math.min(cpu, cpuSeconds(c));
  }
  return { wall, cpu };
}
// Two floors, measured in the same process: one pass that reduces the period's rows per account and day (the least
// any audit of the period must do), and one scan of the whole ledger table (the columns the checks read).
const period = await best(
  `SELECT count(*) FROM (SELECT account_id, date_trunc('day', occurred_at), sum(points), count(*) FROM ledger
   WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP GROUP BY ALL)`,
  { from, to },
);
const scan = await best(
  `SELECT count(*), sum(points)::DOUBLE, max(occurred_at), max(account_id), max(event_type), max(rule_id), max(approver_id)
   FROM ledger`,
);
const steps: { check: string; seconds: number; cpu: number; peak_rss_mb: number }[] = [];
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let last = process.cpuUsage();
const result = await runAudit(db, {
  from,
  to,
  connections: sequential ? 0 : undefined,
  // maxRSS is the process's peak so far (KB): the value after a check is the peak up to and including it. The CPU
  // since the previous check is this check's own only when the checks run one at a time.
  onCheck: (check, seconds) => {
    steps.push({
      check,
      seconds,
      cpu: cpuSeconds(last),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    });
    last = process.cpuUsage();
  },
});
const total = (performance.now() - t0) / 1000;
const cpu = cpuSeconds(cpu0);
const [{ threads }] = await sqlRows<{ threads: number }>(db, `SELECT current_setting('threads')::INTEGER AS threads`);
db.close();
console.log(
  JSON.stringify({
    total,
    cpu,
    floor: period.wall,
    floorCpu: period.cpu,
    scan: scan.wall,
    scanCpu: scan.cpu,
    flags: result.flags.length,
    threads,
    steps,
  }),
);
