// Where a cold view's time goes: every SQL statement of one view's requests (Health: report numbers, daily chart,
// cohorts; Fairness: its numbers and the Gini trend; Rankings: the quarter's first month by department), timed on one
// connection, slowest first by CPU. Usage: node bench/health-profile.ts DB QUARTER [attr=value]
import { Database } from '../src/db/database.ts';
import { buildReport } from '../src/report/build.ts';
import { cohortGrid, giniByQuarter } from '../src/report/trends.ts';
import { fairnessView } from '../src/report/fairness-view.ts';
import { rankings } from '../src/rank/rankings.ts';
import { dailyChart } from '../src/audit/daily-chart.ts';
import { storedAuditSettings } from '../src/audit/settings.ts';
import { parseQuarter } from '../src/periods/quarters.ts';
import { profileStatements } from './statement-profile.ts';

const [path, quarter, f] = process.argv.slice(2);
const filter = f ? { attribute: f.split('=')[0], value: f.split('=')[1] } : undefined;
const db = await Database.open(path, { readOnly: true });
// Every statement on the view's connection, timed where it runs (the query's header names it).
const statements = profileStatements(db);
const period = parseQuarter(quarter);
const step = async (name: string, fn: () => Promise<unknown>) => {
  const t = performance.now();
  const c = process.cpuUsage();
  await fn();
  const u = process.cpuUsage(c);
  console.log(
    `${name}: ${(performance.now() - t).toFixed(0)} ms wall, ${((u.user + u.system) / 1000).toFixed(0)} ms CPU`,
  );
};
await step('report', () => buildReport(db, { period: { quarter }, by: 'department', filter, intervals: false }));
await step('daily', async () => dailyChart(db, period.from, period.to, await storedAuditSettings(db), filter));
await step('cohorts', () => cohortGrid(db, { to: period.to }, filter));
await step('fairness', () => fairnessView(db, { period, by: 'department', filter }));
await step('gini trend', () => giniByQuarter(db, filter));
await step('rankings', () => rankings(db, { period: 'month', at: period.from, by: 'department', top: 20, filter }));
const times = statements().sort((a, b) => b.cpu - a.cpu);
for (const t of times.slice(0, 25))
  console.log(
    `${(t.cpu * 1000).toFixed(0).padStart(6)} ms CPU ${(t.wall * 1000).toFixed(0).padStart(6)} ms  ${t.label}`,
  );
db.close();
