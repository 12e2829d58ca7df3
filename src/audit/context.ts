import type { ProgramConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Flag } from './schema.ts';
import type { DailySeries } from './series.ts';
import type { Break } from './breaks.ts';
import type { SpikeDays } from './spike-days.ts';
import type { AuditSettings } from './settings.ts';

/** What every check reads: the database (with the account-day rollup built), the period and the settings. */
export interface AuditContext {
  db: Database;
  /** [from, to), YYYY-MM-DD in the program time zone. */
  from: string;
  to: string;
  settings: AuditSettings;
  config: ProgramConfig;
  /** (day, rule) pairs a program spike explained, filled by program_spike before account_spike runs. */
  programSpikes: { day: string; rule_id: string }[];
  /** The import-time rollups (docs/query-layer.md) are current and may stand in for passes over the raw rows. */
  kept: boolean;
  /** The daily series (from `from` minus its look-back) and its spike judgement, shared by program_spike and rule_spike. */
  spikes?: SpikeDays & { series: DailySeries; lookback: number; breaks: Break[] };
}

export interface CheckOutput {
  flags: Flag[];
  /** Set when the check could not judge (too little data, nothing of its kind in the ledger). */
  skipped?: string;
  notes?: string[];
}

export interface Check {
  name: string;
  run(ctx: AuditContext): Promise<CheckOutput>;
  /** Makes what the check reads ready on the connection it was given (lanes.ts), before its time is counted. */
  prepare?(ctx: AuditContext): Promise<void>;
}
