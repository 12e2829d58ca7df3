import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/database.ts';
import { pickLang } from '../i18n/index.ts';
import { renderReportHtml } from '../report/html/render.ts';
import type { Report } from '../report/schema.ts';
import { databaseTotals, importHistory } from './history.ts';
import { renderHome } from './page.ts';
import { HomeQuery, parseQuery, quarterPeriod, ReportPageQuery, ReportQuery } from './params.ts';
import { sendError, sendFailure, sendJson, sendText } from './respond.ts';
import { memo, serial } from './serial.ts';
import { applySecurityHeaders, authorized } from './security.ts';

/** Computes the report for a quarter with the same domain code as `ledger-lens report` (numbers must be identical). */
export type ReportBuilder = (db: Database, q: { quarter: string; from: string; to: string; by?: string }) => Promise<Report>;

export interface AppOptions {
  db: Database;
  token?: string;
  /** Absent until the metrics module provides one; the report routes then answer 404 saying so. */
  buildReport?: ReportBuilder;
  log?: (line: string) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** The HTTP routes. Every parameter is validated with zod; no SQL text ever comes from the client. */
export function createApp(opts: AppOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { db, token, buildReport } = opts;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const exclusive = serial();
  const reports = memo<Report>(32);
  const report = async (params: { quarter: string; by?: string }) => {
    if (!buildReport) return null;
    return reports(`${params.quarter}|${params.by ?? ''}`, () => exclusive(() => buildReport(db, { ...params, ...quarterPeriod(params.quarter) })));
  };
  const noReports = (res: ServerResponse) =>
    sendError(res, 404, 'report_unavailable', 'This server has no report module wired in yet.', 'Use `ledger-lens report` once it is available.');

  const routes: Record<string, Handler> = {
    '/api/health': async (_req, res) => sendJson(res, 200, { ok: true }),
    '/api/imports': async (_req, res) => sendJson(res, 200, await exclusive(async () => ({ imports: await importHistory(db), totals: await databaseTotals(db) }))),
    '/api/report': async (_req, res, url) => {
      const r = await report(parseQuery(ReportQuery, url.searchParams));
      return r ? sendJson(res, 200, r) : noReports(res);
    },
    '/report.html': async (req, res, url) => {
      const q = parseQuery(ReportPageQuery, url.searchParams);
      const r = await report(q);
      if (!r) return noReports(res);
      sendText(res, 200, 'text/html', renderReportHtml(r, q.lang ?? pickLang(req.headers['accept-language'])));
    },
    '/': async (req, res, url) => {
      const q = parseQuery(HomeQuery, url.searchParams);
      const lang = q.lang ?? pickLang(req.headers['accept-language']);
      const data = await exclusive(async () => ({ imports: await importHistory(db), totals: await databaseTotals(db), reports: Boolean(buildReport) }));
      // The token came in this page's URL; links and the form carry it on so the next page opens too.
      sendText(res, 200, 'text/html', renderHome(lang, data, token ? (url.searchParams.get('token') ?? undefined) : undefined));
    },
  };

  return (req, res) => {
    applySecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const done = (e?: unknown) => {
      if (e === undefined) return;
      if (res.headersSent) {
        log(`error after the response started: ${(e as Error)?.message ?? String(e)}`);
        res.destroy();
      } else sendFailure(res, e, log);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendError(res, 405, 'method_not_allowed', `${req.method} is not supported; this server only answers GET.`);
    }
    if (!authorized(req, url, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="ledger-lens"');
      return sendError(res, 401, 'unauthorized', 'This server requires an access token.', 'Send "Authorization: Bearer <token>", or open the page as /?token=<token>.');
    }
    const route = routes[url.pathname];
    if (!route) return sendError(res, 404, 'not_found', `No route ${url.pathname}.`, 'Routes: /, /report.html, /api/health, /api/imports, /api/report.');
    route(req, res, url).then(() => done(), done);
  };
}
