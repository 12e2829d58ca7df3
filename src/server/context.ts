import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/database.ts';
import type { Scope } from '../db/scope.ts';
import type { AuditSettings } from '../audit/settings.ts';
import type { runAudit } from '../audit/run.ts';
import type { Report } from '../report/schema.ts';
import type { ReportOptions } from '../report/build.ts';

/** One request's period, as the API takes it: a quarter, a month, or the default quarter (from and to absent). */
export interface PeriodQuery {
  from?: string;
  to?: string;
}

/** Computes the report with the same domain code as `ledger-lens report` (numbers must be identical). */
export type ReportBuilder = (
  db: Database,
  q: PeriodQuery & { by?: string; filter?: Scope; intervals?: boolean } & Pick<ReportOptions, 'second' | 'memo'>,
) => Promise<Report>;

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** A route table: `GET /path` or `POST /path` → handler. */
export type Routes = Record<string, Handler>;

/** What every route module gets: the one database, the one-at-a-time runner, a cache cleared by imports. */
export interface Context {
  db: Database;
  token?: string;
  log: (line: string) => void;
  /**
   * Runs read-only database work on a connection of its own (src/db/pool.ts): reads run side by side. The time
   * budget applies, and the work is cancelled when the client goes away. Use the `db` it gives, not `ctx.db`.
   */
  read: <T>(task: (db: Database) => Promise<T>) => Promise<T>;
  /** Runs work that writes (an import) alone on `ctx.db`: it waits for the running reads and holds new ones back. */
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  /** Results by key until the data changes; `clear` after an import. */
  cached: <T>(key: string, make: () => Promise<T>) => Promise<T>;
  /** Whether `cached` holds `key` (or is computing it) for this request's scope. */
  isCached: (key: string) => boolean;
  /**
   * Within `read`: runs `task` with a second connection if one is idle now and the request reads outside any user
   * scope (a new connection has no scope views), else with `undefined`. Cancelled with the request.
   */
  beside: <T>(task: (db: Database | undefined) => Promise<T>) => Promise<T>;
  clear: () => void;
  buildReport?: ReportBuilder;
  /** The server's clock (tests pass a fixed one): when a case mark was set. */
  clock: () => Date;
  /** The audit settings of the stored program config (read on `db`), with the campaigns of `serve --campaigns` added. */
  auditSettings: (db: Database) => Promise<AuditSettings>;
  /** Runs an audit (default runAudit); tests pass a wrapper to count the audits actually computed. */
  runAudit?: typeof runAudit;
}
