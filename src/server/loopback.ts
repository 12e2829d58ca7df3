import type { Database } from '../db/database.ts';
import type { AppOptions } from './app.ts';
import { reportBuilder } from './report-builder.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * A quiet server on a free loopback port over an open database, with the real report builder, for the tests, the
 * screenshots and the benchmarks: they measure and look at what `serve` runs, not a stand-in.
 */
export function startLoopbackServer(db: Database, extra: Partial<Omit<AppOptions, 'db'>> = {}): Promise<RunningServer> {
  return startServer({ db, host: '127.0.0.1', port: 0, buildReport: reportBuilder(), log: () => {}, ...extra });
}
