import { withCampaigns } from '../audit/campaigns.ts';
import { storedAuditSettings, type Campaign } from '../audit/settings.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { isUserError, UserError } from '../errors.ts';
import { PROJECT_ROOT } from '../db/database.ts';
import type { Context, ReportBuilder, Routes } from './context.ts';
import { sendError, sendFailure } from './respond.ts';
import { auditRoutes } from './routes/audit.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { markRoutes } from './routes/marks.ts';
import { accountRoutes } from './routes/account.ts';
import { dataRoutes } from './routes/data.ts';
import { experimentRoutes } from './routes/experiments.ts';
import { fairnessRoutes } from './routes/fairness.ts';
import { rankRoutes } from './routes/rank.ts';
import { reportApi } from './routes/report.ts';
import { staticHandler } from './routes/static.ts';
import { uploadRoutes } from './routes/upload.ts';
import { xlsxRoutes } from './routes/xlsx.ts';
import { memo } from './memo.ts';
import { auditPrefill } from './audit-prefill.ts';
import type { runAudit } from '../audit/run.ts';
import { ReadPool } from '../db/pool.ts';
import { cancelWhenAbandoned, clientSignal, outsideRequest, withClientSignal } from './cancel.ts';
import { applySecurityHeaders, hostChecker, tokenCookie } from './security.ts';
import { accessControl } from './access-control.ts';
import type { Users } from './users.ts';
import { removeUploads } from './routes/upload.ts';
import { logWriter } from './log-writer.ts';
import { queryTimeoutFromEnv, withBudget } from './budget.ts';
import { readScope, scopeText, withoutReadScope } from './read-scope.ts';
import { withinScope, withoutScope } from '../db/within-scope.ts';

export type { ReportBuilder } from './context.ts';

export interface AppOptions {
  db: Database;
  token?: string;
  /** Absent in tests that check the plumbing only; the report routes then answer 404 saying so. */
  buildReport?: ReportBuilder;
  log?: (line: string) => void;
  /** The built web app (default dist/web). */
  webRoot?: string;
  /** Where uploads wait between check and import (default: `<database>.uploads`), and the largest accepted. */
  uploadDir?: string;
  maxUploadBytes?: number;
  /** The mall's item catalogue for the economics route (serve --sample passes the sample's items.csv). */
  itemsFile?: string;
  /** The experiments' arm assignment file (`ab --assignments`), when the data comes with one (the sample does). */
  assignmentsFile?: string;
  /** Planned campaigns from `serve --campaigns F`, added to the config's audit.campaigns. */
  campaigns?: Campaign[];
  /**
   * Compute the default Health view at start and after each import, before anyone asks, and store the audits of
   * the periods the pages offer first (audit-prefill.ts) in the background (serve does).
   */
  prewarm?: boolean;
  /** Runs an audit (default runAudit); tests pass a wrapper to count the audits actually computed. */
  runAudit?: typeof runAudit;
  /** Extra route tables (audit, experiments, rankings …), each `METHOD /path` → handler. */
  extraRoutes?: ((ctx: Context) => Routes)[];
  /** The address the server is bound to (default 127.0.0.1): requests must name it, or a loopback name for a loopback bind, in their Host header. */
  host?: string;
  /**
   * The pseudonym key (src/server/privacy.ts). Without `users`, every answer is pseudonymised with it (serve
   * --pseudonymize); with `users`, the answers to the users marked `pseudonymize: true`.
   */
  pseudonymKey?: string;
  /** People and roles (serve --users): each request is identified by its token and held to its role and scope. */
  users?: Users;
  /** The clock of the access log and of case marks (tests pass a fixed one). */
  clock?: () => Date;
  /** Connections for concurrent reads (default 4). */
  readConnections?: number;
  /**
   * DuckDB threads while only reads run (default 1 with several read connections, else the database's own; an
   * import gets the database's own count back while it runs): a page's reads already run side by side on the read
   * connections (src/db/pool.ts).
   */
  readThreads?: number;
  /** Time budget of one request's database work (default: LEDGER_LENS_QUERY_TIMEOUT_MS or 30 s); imports are exempt. */
  queryTimeoutMs?: number;
}

function decodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/** The HTTP routes. Every parameter is validated with zod; no SQL text ever comes from the client. */
/** The request handler; `routeKeys` lists its `METHOD /path` table so tests can walk every route. */
export type ServerApp = ((req: IncomingMessage, res: ServerResponse) => void) & {
  routeKeys: string[];
  /** Refuses new database work, cancels the running query and resolves once nothing runs: closing then is safe. */
  drain(): Promise<void>;
  /** Resolves once the background task storing the offered periods' audits has ended (benchmark, tests). */
  auditsStored(): Promise<void>;
  /** Resolves once the work started ahead of any visitor (open connections, the default view, the trend) has ended. */
  warmed(): Promise<void>;
};

export function createApp(opts: AppOptions): ServerApp {
  const { db, token } = opts;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cache = memo(128);
  // Reads run side by side, each on its own connection; an import waits for them and runs alone.
  // A remote source fills one set of tables query by query: its reads take turns on one connection.
  const connections = db.remote ? 1 : (opts.readConnections ?? 4);
  // One thread per statement only where requests can run side by side to fill the cores.
  const pool = new ReadPool(db, connections, opts.readThreads ?? (connections > 1 ? 1 : undefined));
  const timeoutMs = opts.queryTimeoutMs ?? queryTimeoutFromEnv();
  // After an import the cache is stale: drop it, and compute the default view again ahead of the next visitor.
  const clear = () => {
    cache.clear();
    warm();
  };
  let stopping = false;
  const refuseWhenStopping = () => {
    if (stopping) throw new UserError('stopping', 'the server is stopping', { exitCode: 1, details: { status: 503 } });
  };
  const read: Context['read'] = async (task) => {
    refuseWhenStopping();
    const signal = clientSignal();
    // A user with a scope reads a database that holds the scope's accounts only (src/server/read-scope.ts).
    const scope = readScope();
    const run = (conn: Database) =>
      scope ? withinScope(conn, scope, () => task(conn)) : withoutScope(conn, () => task(conn));
    return pool.read((conn) =>
      cancelWhenAbandoned(
        signal,
        () => conn.interrupt(),
        withBudget(timeoutMs, () => conn.interrupt())(() => run(conn)),
      ),
    );
  };
  // Results computed within a scope are that scope's: never handed to another user, or to the program's view.
  const cached: Context['cached'] = (key, make) => cache.get(`${scopeText(readScope()) ?? ''}|${key}`, make);
  const isCached: Context['isCached'] = (key) => cache.has(`${scopeText(readScope()) ?? ''}|${key}`);
  const beside: Context['beside'] = (task) => {
    if (readScope() || db.remote) return task(undefined);
    const signal = clientSignal();
    return pool.beside((conn) =>
      conn
        ? cancelWhenAbandoned(
            signal,
            () => conn.interrupt(),
            () => withoutScope(conn, () => task(conn)),
          )
        : task(undefined),
    );
  };
  // An import may rightly take minutes: it holds the write lock but not the budget.
  const exclusive: Context['exclusive'] = async (task) => {
    refuseWhenStopping();
    return pool.write(() => task());
  };
  const auditSettings: Context['auditSettings'] = async (conn) =>
    withCampaigns(await storedAuditSettings(conn), opts.campaigns ?? []);
  const ctx: Context = {
    db,
    token,
    log,
    read,
    exclusive,
    cached,
    isCached,
    beside,
    clear,
    buildReport: opts.buildReport,
    auditSettings,
    clock: opts.clock ?? (() => new Date()),
    runAudit: opts.runAudit,
  };
  const reports = reportApi(ctx);
  const failedAhead = (what: string) => (e: unknown) => {
    if (!stopping && !(isUserError(e) && e.code === 'empty_ledger'))
      log(`${what} failed: ${(e as Error)?.message ?? String(e)}`);
  };
  const prefill = auditPrefill(ctx, failedAhead('storing the audits ahead of time'));
  let warming: Promise<void> = Promise.resolve();
  // Called from the request that imported, too: the work is the program's, for no one request.
  const warm = () =>
    outsideRequest(() =>
      withoutReadScope(() => {
        if (!opts.prewarm) return;
        // The read connections open with the default view, not with the first requests that need them.
        // Each part settles on its own: one failing first must not end the start-up work while the other still runs.
        warming = Promise.all([
          pool.openAll().catch(failedAhead('opening the read connections')),
          reports.warm().catch(failedAhead('warming the default view')),
        ]).then(() => undefined);
        prefill.start();
      }),
    );
  const uploadDir =
    opts.uploadDir ?? (db.path === ':memory:' ? join(PROJECT_ROOT, 'data', 'uploads') : `${db.path}.uploads`);
  const routes: Routes = Object.assign(
    {},
    dataRoutes(ctx),
    reports.routes,
    fairnessRoutes(ctx),
    rankRoutes(ctx, { itemsFile: opts.itemsFile }),
    xlsxRoutes(ctx),
    uploadRoutes(ctx, { dir: uploadDir, maxBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES }),
    experimentRoutes(ctx, { assignmentsFile: opts.assignmentsFile }),
    auditRoutes(ctx),
    campaignRoutes(ctx),
    markRoutes(ctx),
    accountRoutes(ctx),
    ...(opts.extraRoutes ?? []).map((make) => make(ctx)),
  );
  const accessLog = logWriter(db);
  const access = accessControl({
    ctx,
    users: opts.users,
    token,
    pseudonymKey: opts.pseudonymKey,
    clock: opts.clock,
    write: accessLog.write,
  });
  warm();
  const web = staticHandler(opts.webRoot ?? join(PROJECT_ROOT, 'dist', 'web'));

  const hostAllowed = hostChecker(opts.host ?? '127.0.0.1');
  // Uploads of an earlier run that stopped before commit or discard: nobody can reach them any more.
  removeUploads(uploadDir);

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    applySecurityHeaders(res);
    if (!hostAllowed(req.headers.host)) {
      return sendError(
        res,
        421,
        'misdirected_host',
        `This server does not answer to the host name ${JSON.stringify(req.headers.host ?? '')}.`,
        'Open it by the address it listens on (e.g. http://127.0.0.1:PORT/).',
      );
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!decodablePath(url.pathname))
      return sendError(
        res,
        400,
        'bad_path',
        `The path ${url.pathname.slice(0, 100)} is not valid percent-encoded UTF-8.`,
        'Check the link.',
      );
    const given = url.searchParams.get('token');
    if (given !== null && access.locked && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      // A page opened from a link with ?token=: trade it for a cookie and drop it from the address bar and history.
      if (!access.accepts(given))
        return sendError(
          res,
          401,
          'unauthorized',
          'The token in the link is not a valid access token of this server.',
          'Ask for a current link.',
        );
      url.searchParams.delete('token');
      res.setHeader('Set-Cookie', tokenCookie(given));
      res.writeHead(303, { Location: url.pathname + url.search });
      return void res.end();
    }
    const done = (e?: unknown) => {
      if (e === undefined) return;
      if (res.headersSent) {
        log(`error after the response started: ${(e as Error)?.message ?? String(e)}`);
        res.destroy();
      } else sendFailure(res, e, log);
    };
    // The app's own files hold no data and a browser fetches them without the token; everything else needs it.
    const isAppFile = !url.pathname.startsWith('/api/') && url.pathname !== '/report.html';
    const who = access.who(req, url);
    if (!isAppFile && who === null) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="ledger-lens"');
      return sendError(
        res,
        401,
        'unauthorized',
        'This server requires an access token.',
        'Send "Authorization: Bearer <token>", or open the page as /?token=<token>.',
      );
    }
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const key = `${method} ${url.pathname}`;
    const route = routes[key];
    if (who !== null && route)
      return void withClientSignal(req, res, () => access.serve(who, key, route, req, res, url)).then(
        () => done(),
        done,
      );
    const other = Object.keys(routes).filter((k) => k.endsWith(` ${url.pathname}`));
    if (other.length > 0) {
      res.setHeader('Allow', other.map((k) => k.split(' ')[0]).join(', '));
      return sendError(
        res,
        405,
        'method_not_allowed',
        `${req.method} ${url.pathname} is not supported; use ${other.map((k) => k.split(' ')[0]).join(' or ')}.`,
      );
    }
    if (method !== 'GET') return sendError(res, 405, 'method_not_allowed', `${req.method} is not supported here.`);
    if (url.pathname.startsWith('/api/'))
      return sendError(
        res,
        404,
        'not_found',
        `No route ${url.pathname}.`,
        `API routes: ${Object.keys(routes).join(', ')}.`,
      );
    web(req, res, url).then(() => done(), done);
  };
  // Closing DuckDB while a query runs on its worker threads can hang: stop, cancel, and wait for every request first.
  const drain = async () => {
    stopping = true;
    pool.interruptAll();
    await pool.idleNow();
    // Connections still opening for the start-up work must not outlive the instance (it ends quickly once stopping).
    await warming;
    await pool.restoreThreads();
    pool.close();
    await accessLog.close();
    removeUploads(uploadDir);
  };
  return Object.assign(handler, {
    routeKeys: Object.keys(routes),
    drain,
    auditsStored: prefill.done,
    warmed: () => warming,
  });
}
