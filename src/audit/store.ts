import { createHash } from 'node:crypto';
import type { ProgramConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import { AuditResult } from './schema.ts';
import type { AuditSettings } from './settings.ts';

/** Bumped when the checks change what they find: audits stored by an older version are then recomputed. */
export const AUDIT_STORE_VERSION = 1;

/** What a stored audit must match to be read: the settings it ran with and the data it ran on. */
export interface AuditKey {
  from: string;
  to: string;
  settingsHash: string;
  dataVersion: string;
}

/** A hash of everything the audit reads besides the ledger: its settings (campaigns included) and the program config. */
export function auditSettingsHash(settings: AuditSettings, config: ProgramConfig): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: AUDIT_STORE_VERSION, settings, config }))
    .digest('hex');
}

/** The data's version now: it changes with every import (audit_data_version.sql). */
export async function auditDataVersion(db: Database): Promise<string> {
  const [row] = await run(db, 'audit_data_version', {});
  return row.data_version as string;
}

const present = async (db: Database) => ((await run(db, 'audit_results_present', {}))[0].n as number) > 0;

const params = (k: AuditKey) => ({
  period_from: k.from,
  period_to: k.to,
  settings_hash: k.settingsHash,
  data_version: k.dataVersion,
});

/** The stored audit for exactly this key, or null (none stored, or stored for other settings or older data). */
export async function readStoredAudit(db: Database, key: AuditKey): Promise<AuditResult | null> {
  if (!(await present(db))) return null;
  const [row] = await run(db, 'audit_result_stored', params(key));
  return row ? AuditResult.parse(JSON.parse(row.result as string)) : null;
}

/** Keeps `result` as the period's audit for this key, replacing whatever the period had. */
export async function storeAudit(db: Database, key: AuditKey, result: AuditResult): Promise<void> {
  if (!(await present(db))) return;
  await run(db, 'audit_result_store', { ...params(key), result: JSON.stringify(result) });
}
