import type { ProgramConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';
import { storedConfig } from '../config.ts';
import { defaultQuarter, parseQuarter, previousPeriod, type ResolvedPeriod } from '../periods/quarters.ts';
import { dataRange } from '../queries/data-range.ts';

/** What every notebook loader gets: the open database, the quarter under study and the program settings. */
export interface LoaderContext {
  db: Database;
  /** The quarter the notebooks describe: `--quarter`, else the report's default (latest complete quarter). */
  period: ResolvedPeriod & { label: string };
  previous: ResolvedPeriod & { label: string };
  config: ProgramConfig;
  /** CSV of experiment arms (account_id, experiment_id, variant), as `ledger-lens ab --assignments`; optional. */
  assignments?: string;
}

/** A loader reads the database (through queries/*.sql only) and returns what its notebook draws, as JSON. */
export type Loader = (ctx: LoaderContext) => Promise<unknown>;

export async function loaderContext(
  db: Database,
  quarter: string | undefined,
  assignments?: string,
): Promise<LoaderContext> {
  const config = await storedConfig(db);
  let period: ResolvedPeriod;
  if (quarter) period = parseQuarter(quarter);
  else {
    const range = await dataRange(db);
    if (!range.first_at || !range.last_at) {
      throw new UserError('empty_ledger', `${db.path}: there are no ledger rows for the notebooks to read`, {
        hint: 'Import a ledger first (ledger-lens import <file> --db <path>), or leave --db out to use the sample.',
      });
    }
    period = defaultQuarter(range.first_at, range.last_at);
  }
  const previous = previousPeriod(period);
  return {
    db,
    config,
    assignments,
    period: { ...period, label: quarterLabel(period.from) },
    previous: { ...previous, label: quarterLabel(previous.from) },
  };
}

/** `2026-07-01` → `2026Q3`. */
export function quarterLabel(from: string): string {
  const [y, m] = from.split('-').map(Number);
  return `${y}Q${Math.floor((m! - 1) / 3) + 1}`;
}
