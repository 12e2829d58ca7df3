import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgramConfig } from '../config.ts';
import { type Database, PROJECT_ROOT } from '../db/database.ts';
import { run } from '../db/run.ts';
import { AuditResult } from './schema.ts';
import type { AuditSettings } from './settings.ts';

let codeHash: string | undefined;

/**
 * A hash of this installation's code and SQL (src/, queries/), read once per process: an audit stored by another
 * version is recomputed, so a change to a check never leaves an older list standing (no version to remember to bump).
 */
function auditCodeHash(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    const entries = readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|tsx|sql)$/.test(e.name)) hash.update(path).update(readFileSync(join(PROJECT_ROOT, path)));
    }
  };
  walk('src');
  walk('queries');
  codeHash = hash.digest('hex');
  return codeHash;
}

/** What a stored audit must match to be read: the settings it ran with and the data it ran on. */
export interface AuditKey {
  from: string;
  to: string;
  settingsHash: string;
  dataVersion: string;
}

/**
 * A hash of everything the audit depends on besides the ledger: its settings (campaigns included), the program
 * config, and the code that computes it.
 */
export function auditSettingsHash(settings: AuditSettings, config: ProgramConfig): string {
  return createHash('sha256')
    .update(JSON.stringify({ code: auditCodeHash(), settings, config }))
    .digest('hex');
}

/** The data's version now: it changes with every import (audit_data_version.sql). */
export async function auditDataVersion(db: Database): Promise<string> {
  const [row] = await run(db, 'audit_data_version', {});
  return row.data_version;
}

const present = async (db: Database) => (await run(db, 'audit_results_present', {}))[0].n > 0;

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
  return row ? AuditResult.parse(JSON.parse(row.result)) : null;
}

/** Whether the audit for exactly this key is stored, without reading or parsing it. */
export async function auditIsStored(db: Database, key: AuditKey): Promise<boolean> {
  if (!(await present(db))) return false;
  return (await run(db, 'audit_result_exists', params(key)))[0].n > 0;
}

/** Keeps `result` as the period's audit for this key, replacing whatever the period had. */
export async function storeAudit(db: Database, key: AuditKey, result: AuditResult): Promise<void> {
  if (!(await present(db))) return;
  await run(db, 'audit_result_store', { ...params(key), result: JSON.stringify(result) });
}
