// One measured audit, in its own process (see bench/audit.ts): wall time and peak RSS after every check.
import { runAudit } from '../src/audit/run.ts';
import { Database } from '../src/db/database.ts';

/** CPU seconds of this process (DuckDB's threads included) since `since`: the work done, whatever else the machine runs. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

const [dbPath, from, to] = process.argv.slice(2);
const db = await Database.open(dbPath, { readOnly: true });
await db.all('SELECT sum(points)::DOUBLE FROM ledger'); // warm the file cache, as the report benchmark does
// The floor, measured in the same process: one pass that reduces the period's rows per account and day (the least
// any audit of the period must do), best of three.
const floors: number[] = [];
const floorCpus: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  await db.all(
    `SELECT count(*) FROM (SELECT account_id, date_trunc('day', occurred_at), sum(points), count(*) FROM ledger
     WHERE occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP GROUP BY ALL)`,
    { from, to },
  );
  floors.push((performance.now() - t) / 1000);
  floorCpus.push(cpuSeconds(c));
}
const floor = Math.min(...floors);
const floorCpu = Math.min(...floorCpus);
const steps: { check: string; seconds: number; peak_rss_mb: number }[] = [];
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const result = await runAudit(db, {
  from,
  to,
  // maxRSS is the process's peak so far (KB): the value after a check is the peak up to and including it.
  onCheck: (check, seconds) =>
    steps.push({ check, seconds, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }),
});
const total = (performance.now() - t0) / 1000;
const cpu = cpuSeconds(cpu0);
db.close();
console.log(JSON.stringify({ total, cpu, floor, floorCpu, flags: result.flags.length, steps }));
