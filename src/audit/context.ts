import type { ProgramConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Flag } from './schema.ts';
import type { AuditSettings } from './settings.ts';

/** What every check reads: the database (with the TEMP rollup built), the period and the settings. */
export interface AuditContext {
  db: Database;
  /** [from, to), YYYY-MM-DD in the program time zone. */
  from: string;
  to: string;
  settings: AuditSettings;
  config: ProgramConfig;
  /** (day, rule) pairs a program spike explained, filled by program_spike before account_spike runs. */
  programSpikes: { day: string; rule_id: string }[];
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
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD shifted by whole days (UTC arithmetic on calendar dates: no time zone can move them). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
