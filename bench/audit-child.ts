// One measured audit, in its own process (see bench/audit.ts): wall time and peak RSS after every check.
import { runAudit } from '../src/audit/run.ts';
import { Database } from '../src/db/database.ts';

const [dbPath, from, to] = process.argv.slice(2);
const db = await Database.open(dbPath, { readOnly: true });
await db.all('SELECT sum(points)::DOUBLE FROM ledger'); // warm the file cache, as the report benchmark does
const steps: { check: string; seconds: number; peak_rss_mb: number }[] = [];
const t0 = performance.now();
const result = await runAudit(db, {
  from,
  to,
  // maxRSS is the process's peak so far (KB): the value after a check is the peak up to and including it.
  onCheck: (check, seconds) => steps.push({ check, seconds, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }),
});
const total = (performance.now() - t0) / 1000;
db.close();
console.log(JSON.stringify({ total, flags: result.flags.length, steps }));
