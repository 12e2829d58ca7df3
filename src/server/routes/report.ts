import { pickLang } from '../../i18n/index.ts';
import { renderReportHtml } from '../../report/html/render.ts';
import { cohortGrid, giniByQuarter } from '../../report/trends.ts';
import { programSeries } from '../../audit/series.ts';
import { withScope } from '../../db/scope.ts';
import { resolvePeriod } from '../period.ts';
import type { Context, PeriodQuery, Routes } from '../context.ts';
import { parseQuery, periodOf, ReportPageQuery, ReportQuery, ScopeQuery } from '../params.ts';
import { sendError, sendJson, sendText } from '../respond.ts';

/** The report and the series the health and fairness pages draw; all computed by src/report, as the CLI does. */
export function reportRoutes(ctx: Context): Routes {
  const { db, exclusive, cached, buildReport } = ctx;
  const report = (q: { quarter?: string; month?: string; by?: string; filter?: { attribute: string; value: string } }) => {
    const period: PeriodQuery = periodOf(q);
    const key = `report|${period.from ?? ''}|${period.to ?? ''}|${q.by ?? ''}|${q.filter ? `${q.filter.attribute}=${q.filter.value}` : ''}`;
    return cached(key, () => exclusive(() => buildReport!(db, { ...period, by: q.by, filter: q.filter })));
  };
  const resolve = (q: { quarter?: string; month?: string }) => resolvePeriod(ctx, q);
  const routes: Routes = {
    'GET /api/report': async (_req, res, url) => {
      if (!buildReport) return noReports(res);
      sendJson(res, 200, await report(parseQuery(ReportQuery, url.searchParams)));
    },
    'GET /report.html': async (req, res, url) => {
      if (!buildReport) return noReports(res);
      const q = parseQuery(ReportPageQuery, url.searchParams);
      sendText(res, 200, 'text/html', renderReportHtml(await report(q), q.lang ?? pickLang(req.headers['accept-language'])));
    },
    'GET /api/gini-trend': async (_req, res, url) => {
      const { filter } = parseQuery(ScopeQuery, url.searchParams);
      const key = `gini|${filter ? `${filter.attribute}=${filter.value}` : ''}`;
      sendJson(res, 200, { quarters: await cached(key, () => exclusive(() => giniByQuarter(db, filter))) });
    },
    'GET /api/cohorts': async (_req, res, url) => {
      if (!buildReport) return noReports(res);
      const q = parseQuery(ReportQuery, url.searchParams);
      // The cohort grid ends where the report's period ends, default quarter included.
      const period = await resolve(q);
      const key = `cohorts|${period.to}|${q.filter ? `${q.filter.attribute}=${q.filter.value}` : ''}`;
      sendJson(res, 200, { to: period.to, cells: await cached(key, () => exclusive(() => cohortGrid(db, { to: period.to }, q.filter))) });
    },
    'GET /api/daily': async (_req, res, url) => {
      if (!buildReport) return noReports(res);
      const q = parseQuery(ReportQuery, url.searchParams);
      const period = await resolve(q);
      const key = `daily|${period.from}|${period.to}|${q.filter ? `${q.filter.attribute}=${q.filter.value}` : ''}`;
      const days = await cached(key, () => exclusive(() => withScope(db, q.filter, () => programSeries(db, period.from, period.to))));
      sendJson(res, 200, { period, days });
    },
  };
  return routes;
}

const noReports = (res: Parameters<typeof sendError>[0]) =>
  sendError(res, 404, 'report_unavailable', 'This server has no report module wired in.', 'Start it with `ledger-lens serve`.');
