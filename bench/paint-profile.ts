// Where the Health page's first paint goes, in the page's own clock (ms from the navigation's start): the HTML, the
// bundle's evaluation (DOMContentLoaded), /api/meta, the report request, the paint (KPI cards and the monthly chart
// present, seen by a MutationObserver), and main-thread tasks over 50 ms. Each round opens a fresh server and a fresh
// browser context per web build, in turns, on a quarter nobody asked for and then on the prewarmed default view.
// Usage: node bench/paint-profile.ts DB ROUNDS [WEB_ROOT…]  (no WEB_ROOT: dist/web; a database copy is kept beside DB;
// DB `sample`: the bundled sample, whose report is quick, to see the page's own part of the paint under a busy machine)
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { startLoopbackServer } from '../src/server/loopback.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../src/db/database.ts';
import { ensureSampleDb, SAMPLE_DIR, sampleFiles } from '../src/demo/database.ts';
import { ensureWebBuilt, WEB_ROOT } from '../src/server/build-web.ts';
import { launch } from '../test/e2e/chromium.ts';

const [source, rounds, ...roots] = process.argv.slice(2);
const webRoots = roots.length > 0 ? roots : [WEB_ROOT];
await ensureWebBuilt();
// Kept between runs: the first run stores the audits of every listed period, as the dashboard bench's first server does.
const path =
  source === 'sample' ? join(mkdtempSync(join(tmpdir(), 'll-paint-')), 'sample.duckdb') : `${source}.paint-profile`;
if (source === 'sample') await ensureSampleDb(path, sampleFiles(SAMPLE_DIR), { log: () => {} });
else if (!existsSync(path)) copyFileSync(source, path);
const db = await Database.open(path);
const browser = await launch();
let quarters: string[] = [];
const summary = new Map<string, { asked: number; answered: number; paint: number }[]>();
for (let round = 0; round < Number(rounds ?? 1); round++)
  for (const webRoot of webRoots) {
    const server = await startLoopbackServer(db, {
      // The sample's report is quick: no start-up work (nor the audits it would store) runs beside the pages.
      prewarm: source !== 'sample',
      webRoot,
    });
    const m = (await (await fetch(new URL('/api/meta', server.url))).json()) as {
      default_quarter: string;
      quarters: string[];
    };
    quarters = quarters.length > 0 ? quarters : m.quarters.filter((q) => q !== m.default_quarter);
    await (await fetch(new URL(`/api/report?quarter=${m.default_quarter}&by=department`, server.url))).arrayBuffer();
    await server.warmed();
    if (source !== 'sample') await server.auditsStored();
    // A quarter no server of this run asked for yet, then the default view the server computed at its start.
    for (const q of [quarters.shift() ?? m.default_quarter, m.default_quarter]) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      await page.addInitScript(() => {
        const w = window as unknown as { longTasks: string[]; paintAt?: number };
        w.longTasks = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) w.longTasks.push(`${e.startTime.toFixed(0)}+${e.duration.toFixed(0)}`);
        }).observe({ type: 'longtask', buffered: true });
        new MutationObserver((_, o) => {
          if (
            document.querySelector('[data-kpi=issued]') &&
            document.querySelector('[data-chart=monthly-flows] svg, [data-chart=monthly-flows] .chart-empty')
          ) {
            w.paintAt = performance.now();
            o.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(new URL(`/health?quarter=${q}&lang=en`, server.url).toString());
      await page.waitForFunction(() => (window as unknown as { paintAt?: number }).paintAt !== undefined, undefined, {
        polling: 'raf',
        timeout: 120_000,
      });
      const t = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
          (r) =>
            `${r.name.replace(location.origin, '').replace(/\?.*/, '')} ${r.startTime.toFixed(0)}→${r.responseEnd.toFixed(0)}`,
        );
        const w = window as unknown as { longTasks: string[]; paintAt: number };
        return `html ${n.requestStart.toFixed(0)}→${n.responseEnd.toFixed(0)}, DCL ${n.domContentLoadedEventEnd.toFixed(0)}, ${res.join(', ')}, PAINT ${w.paintAt.toFixed(0)}; long tasks ${w.longTasks.join(' ')}`;
      });
      console.log(`${webRoot.split('/').slice(-2).join('/')} ${q}: ${t}`);
      const ends = await page.evaluate(() => {
        const reports = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) =>
          r.name.includes('/api/report?'),
        );
        return {
          asked: Math.min(...reports.map((r) => r.startTime)),
          answered: Math.max(...reports.map((r) => r.responseEnd)),
          paint: (window as unknown as { paintAt: number }).paintAt,
        };
      });
      const key = `${webRoot} ${q === m.default_quarter ? 'prewarmed' : 'cold'}`;
      summary.set(key, [...(summary.get(key) ?? []), ends]);
      await page.close();
    }
    await server.close();
  }
await browser.close();
db.close();
// Medians per build and view: until the report is asked, the report's own time, and from its answer to the paint.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)].toFixed(0);
for (const [key, runs] of summary)
  console.log(
    `${key}: ${runs.length} runs, median report asked at ${median(runs.map((r) => r.asked))} ms, answered in ${median(runs.map((r) => r.answered - r.asked))} ms, paint ${median(runs.map((r) => r.paint - r.answered))} ms after it, paint at ${median(runs.map((r) => r.paint))} ms`,
  );
