import { pickLang } from '../../i18n/index.ts';
import { renderReportHtml } from '../../report/html/render.ts';
import { cohortGrid, giniByQuarter } from '../../report/trends.ts';
import { dailyChart } from '../../audit/daily-chart.ts';
import { resolvePeriod } from '../period.ts';
import { quarterOf } from '../../dates.ts';
import type { Context, PeriodQuery, Routes } from '../context.ts';
import { parseQuery, PeriodQueryParams, periodOf, ReportPageQuery, ReportQuery, ScopeQuery } from '../params.ts';
import { withoutReadScope } from '../read-scope.ts';
import { programMetrics } from '../../report/program-metrics.ts';
import { reportIntervals } from '../../report/intervals.ts';
import type { PeriodMemo } from '../../report/build.ts';
import { startBootstrapThread } from '../../stats/bootstrap-thread.ts';
import { privacyOf } from '../privacy.ts';
import { noteExport } from '../access-log.ts';
import { sendAnswer, sendError, sendText } from '../respond.ts';

type Scope = { attribute: string; value: string };
const scopeKey = (f?: Scope) => (f ? `${f.attribute}=${f.value}` : '');

/**
 * The report and the series the health and fairness pages draw; all computed by src/report, as the CLI does.
 * `warm` computes what the Health page asks for first (the default quarter, unfiltered) and the Fairness page's
 * unfiltered trend ahead of any visitor.
 */
export function reportApi(ctx: Context): { routes: Routes; warm: () => Promise<void> } {
  const { read, cached, buildReport } = ctx;
  // A period's numbers, kept for the next report that needs them (a quarter's report computes the quarter before).
  const periodMemo: PeriodMemo = { get: cached, has: ctx.isCached };
  // Numbers first: the page's report comes without the bootstrap intervals, which have their own request.
  const report = (q: { quarter?: string; month?: string; by?: string; filter?: Scope }, intervals = false) => {
    const period: PeriodQuery = periodOf(q);
    const key = `report|${intervals ? 'ci' : ''}|${period.from ?? ''}|${period.to ?? ''}|${q.by ?? ''}|${scopeKey(q.filter)}`;
    return cached(key, () =>
      read((db) =>
        ctx.beside((second) =>
          buildReport!(db, { ...period, by: q.by, filter: q.filter, intervals, second, memo: periodMemo }),
        ),
      ),
    );
  };
  const resolve = (q: { quarter?: string; month?: string }) => resolvePeriod(ctx, q);
  const cohorts = (period: { to: string }, filter?: Scope) =>
    cached(`cohorts|${period.to}|${scopeKey(filter)}`, () => read((db) => cohortGrid(db, { to: period.to }, filter)));
  const daily = (period: { from: string; to: string }, filter?: Scope) =>
    cached(`daily|${period.from}|${period.to}|${scopeKey(filter)}`, () =>
      // The audit's settings and campaigns: the chart marks the days `ledger-lens audit` flags.
      read(async (db) => dailyChart(db, period.from, period.to, await ctx.auditSettings(db), filter)),
    );
  // The Fairness page's trend: every quarter, whatever the period, so the unfiltered one is the same for every view.
  const trend = (filter?: Scope) => cached(`gini|${scopeKey(filter)}`, () => read((db) => giniByQuarter(db, filter)));
  const warm = async () => {
    if (!buildReport) return;
    // The intervals' thread (its start costs about 0.06 CPU s) is ready before the first page asks for an interval.
    startBootstrapThread();
    const period = await resolve({});
    await Promise.all([
      report({ quarter: quarterOf(period.from), by: 'department' }),
      daily(period),
      cohorts(period),
      trend(),
    ]);
  };
  const routes: Routes = {
    'GET /api/report': async (_req, res, url) => {
      if (!buildReport) return noReports(res);
      sendAnswer(res, '/api/report', await report(parseQuery(ReportQuery, url.searchParams)));
    },
    // The Gini's bootstrap intervals of the same report, asked for after the numbers: the report's own two values
    // and bootstraps (src/report/intervals.ts), not the whole report again.
    'GET /api/report/intervals': async (_req, res, url) => {
      if (!buildReport) return noReports(res);
      const q = parseQuery(ReportQuery, url.searchParams);
      const { from, to } = periodOf(q);
      const key = `report-ci|${from ?? ''}|${to ?? ''}|${scopeKey(q.filter)}`;
      const period = from && to ? { from, to } : undefined;
      sendAnswer(
        res,
        '/api/report/intervals',
        await cached(key, () => read((db) => reportIntervals(db, { period, filter: q.filter }))),
      );
    },
    'GET /report.html': async (req, res, url) => {
      if (!buildReport) return noReports(res);
      const q = parseQuery(ReportPageQuery, url.searchParams);
      const r = privacyOf(res)(await report(q, true));
      // The printable report is an export too: the access log says which period, and how many ledger rows it sums.
      noteExport(res, `report-${r.period.from}-${r.period.to}.html`, r.rows ?? 0);
      sendText(res, 200, 'text/html', renderReportHtml(r, q.lang ?? pickLang(req.headers['accept-language'])));
    },
    // The program's aggregate KPIs, read outside any scope (src/server/access.ts decides who may): no page filter,
    // no groups, no series, so nothing about a person or a small group outside the scope comes with them.
    'GET /api/program-totals': async (_req, res, url) => {
      if (!buildReport) return noReports(res);
      const q = parseQuery(PeriodQueryParams, url.searchParams);
      sendAnswer(res, '/api/program-totals', programMetrics(await withoutReadScope(() => report(q))));
    },
    'GET /api/gini-trend': async (_req, res, url) => {
      const { filter } = parseQuery(ScopeQuery, url.searchParams);
      sendAnswer(res, '/api/gini-trend', { quarters: await trend(filter) });
    },
    'GET /api/cohorts': async (_req, res, url) => {
      if (!buildReport) return noReports(res);
      const q = parseQuery(ReportQuery, url.searchParams);
      // The cohort grid ends where the report's period ends, default quarter included.
      const period = await resolve(q);
      sendAnswer(res, '/api/cohorts', { to: period.to, cells: await cohorts(period, q.filter) });
    },
    'GET /api/daily': async (_req, res, url) => {
      if (!buildReport) return noReports(res);
      const q = parseQuery(ReportQuery, url.searchParams);
      const period = await resolve(q);
      sendAnswer(res, '/api/daily', { period, ...(await daily(period, q.filter)) });
    },
  };
  return { routes, warm };
}

const noReports = (res: Parameters<typeof sendError>[0]) =>
  sendError(
    res,
    404,
    'report_unavailable',
    'This server has no report module wired in.',
    'Start it with `ledger-lens serve`.',
  );
