// The Health page's daily chart: how much CPU its judgement in JavaScript (the series, the weekday bands, the rule
// spikes and drops, src/audit/spike-days.ts) takes against its floor, reading the same rows from the rollup
// (audit_daily_rules), on every quarter of a database, unfiltered and within one department, in one run.
// Usage: node --import tsx bench/daily-chart.ts DB   (e.g. bench/out/report-10000000-ordered.duckdb; read-only)
import { Database } from '../src/db/database.ts';
import { run } from '../src/db/run.ts';
import { storedAuditSettings } from '../src/audit/settings.ts';
import { bandLookbackDays, seriesOf } from '../src/audit/series.ts';
import { judgeSpikes } from '../src/audit/spike-days.ts';
import { addDays, quartersBetween, quarterPeriod } from '../src/dates.ts';
import { sqlRows } from '../src/db/sql.ts';
import { fmt } from './lib.ts';

const db = await Database.open(process.argv[2] ?? 'bench/out/report-10000000-ordered.duckdb', { readOnly: true });
const settings = await storedAuditSettings(db);
const [{ first, last, department }] = await sqlRows<{ first: string; last: string; department: string | null }>(
  db,
  `SELECT strftime(min(occurred_at), '%Y-%m-%d') AS first, strftime(max(occurred_at), '%Y-%m-%d') AS last,
          (SELECT min(value) FROM account_attributes WHERE attribute = 'department') AS department FROM ledger`,
);
const cpuMs = async (fn: () => unknown) => {
  const c = process.cpuUsage();
  await fn();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
};
const lookback = bandLookbackDays(settings.program_spike);
// The first call of each is cold, as on a freshly started server: both sums include it.
let read = 0;
let judge = 0;
let views = 0;
for (const q of quartersBetween(first, last).map(quarterPeriod))
  for (const value of department ? [null, department] : [null]) {
    const since = addDays(q.from, -lookback);
    const params = { since, to: q.to, scope_attribute: value && 'department', scope_value: value };
    let rows: Awaited<ReturnType<typeof run<'audit_daily_rules'>>> = [];
    read += await cpuMs(async () => {
      rows = await run(db, 'audit_daily_rules', params);
    });
    judge += await cpuMs(() => judgeSpikes(seriesOf(since, q.to, rows), lookback, settings));
    views++;
  }
console.log(
  `daily chart, ${views} views: judgement ${fmt(judge / views, 1)} ms CPU a view = ${fmt(judge / read)}× the read of its rows (${fmt(read / views, 1)} ms CPU)`,
);
db.close();
