// Dashboard benchmark (issue: dashboard). On the generated N-row database (imported once, as bench/report.ts does):
// p50 / p95 latency of each page's API requests, cold (new period or filter: nothing cached) and warm (the same
// request again), and the time to first render of the Health page in headless Chromium, cold and warm.
// Usage: npm run bench:dashboard -- [rows=10000000]
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../src/db/database.ts';
import { reportBuilder } from '../src/server/report-builder.ts';
import { startServer } from '../src/server/server.ts';
import { ensureWebBuilt } from '../src/server/build-web.ts';
import { launch } from '../test/e2e/chromium.ts';
import { child, fmt, generatedLedger, ROOT } from './lib.ts';

const rows = Number(process.argv[2] ?? 10_000_000);
const dir = join(ROOT, 'bench', 'out');
const source = join(dir, `report-${rows}-ordered.duckdb`);
if (!existsSync(source)) child('import-child.ts', ['import', await generatedLedger(rows), source]);
// The server takes the file's write lock and may write temp tables: work on a copy.
const dbPath = join(dir, `dashboard-${rows}.duckdb`);
copyFileSync(source, dbPath);
await ensureWebBuilt();

const db = await Database.open(dbPath);
const server = await startServer({ db, host: '127.0.0.1', port: 0, buildReport: reportBuilder(), log: () => {}, prewarm: true });
const timed = async (path: string) => {
  const t = performance.now();
  const r = await fetch(new URL(path, server.url));
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  await r.arrayBuffer();
  return performance.now() - t;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

const meta = (await (await fetch(new URL('/api/meta', server.url))).json()) as { quarters: string[]; default_quarter: string; attributes: { attribute: string; values: { value: string }[] }[] };
// As `serve` does, the server computes the default Health view at start; wait for it (this request joins it).
const t0 = performance.now();
await fetch(new URL(`/api/report?quarter=${meta.default_quarter}&by=department`, server.url));
console.log(`  prewarm of the default view (${meta.default_quarter}) done ${fmt((performance.now() - t0) / 1000)} s after start`);
const departments = meta.attributes.find((a) => a.attribute === 'department')?.values.map((v) => v.value) ?? [];
// A quarter change and a filter change are each a cold request set: 3 quarters × (everyone + 2 departments).
const views = meta.quarters.slice(1, 4).flatMap((q) => [`quarter=${q}`, ...departments.slice(0, 2).map((d) => `quarter=${q}&filter=${encodeURIComponent(`department=${d}`)}`)]);
const ROUTES: Record<string, (v: string) => string> = {
  // What the Health page asks for: the (filtered) report with the department split, and the unfiltered split.
  'health: report': (v) => `/api/report?${v}&by=department`,
  'health: department bars': (v) => `/api/report?${v.replace(/&filter=.*/, '')}&by=department`,
  'health: daily': (v) => `/api/daily?${v}`,
  'health: cohorts': (v) => `/api/cohorts?${v}`,
  'fairness: report by department': (v) => `/api/report?${v}&by=department`,
  'fairness: gini-trend': (v) => `/api/gini-trend${v.includes('filter') ? `?${v.slice(v.indexOf('filter'))}` : ''}`,
};
console.log(`dashboard benchmark: ${fmt(rows, 0)} rows, ${views.length} views (quarter × filter)`);
for (const [name, path] of Object.entries(ROUTES)) {
  const cold: number[] = [];
  const warm: number[] = [];
  for (const v of views) cold.push(await timed(path(v)));
  for (const v of views) warm.push(await timed(path(v)));
  console.log(`  ${name.padEnd(32)} cold p50 ${fmt(pct(cold, 50), 0)} ms, p95 ${fmt(pct(cold, 95), 0)} ms · warm p50 ${fmt(pct(warm, 50), 1)} ms, p95 ${fmt(pct(warm, 95), 1)} ms (target p95 ≤ 150 ms)`);
}
for (const path of ['/api/meta', '/api/imports']) {
  const t = [await timed(path), await timed(path), await timed(path)];
  console.log(`  ${path.padEnd(32)} ${t.map((x) => `${fmt(x, 0)} ms`).join(', ')}`);
}

// First render: from navigation to the KPI cards on screen, and to every Health chart drawn.
const browser = await launch();
for (const [label, quarter] of [['cold', meta.quarters[5] ?? meta.quarters.at(-1)!], ['warm', meta.quarters[1]], ['default view, prewarmed', meta.default_quarter]] as const) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const t = performance.now();
  await page.goto(new URL(`/health?quarter=${quarter}&lang=en`, server.url).toString());
  await page.locator('[data-kpi=issued]').waitFor({ timeout: 120_000 });
  const kpis = performance.now() - t;
  // A chart with no data for the period shows a sentence instead of an SVG: either counts as rendered.
  for (const id of ['monthly-flows', 'daily-issued', 'departments', 'cohorts']) await page.locator(`[data-chart=${id}] svg, [data-chart=${id}] .chart-empty`).first().waitFor({ timeout: 120_000 });
  console.log(`  Health page first render (${label}, ${quarter}): KPI cards ${fmt(kpis / 1000)} s, all charts ${fmt((performance.now() - t) / 1000)} s (target ≤ 2 s)`);
  await page.close();
}
await browser.close();
await server.close();
db.close();
rmSync(dbPath, { force: true });
