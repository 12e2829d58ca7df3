import type { Database } from '../db/database.ts';
import { storedAuditSettings, type Campaign } from './settings.ts';

/** The campaigns of the program's settings (`audit.campaigns`), as `ledger-lens audit` and the Health chart read them. */
export async function storedCampaigns(db: Database): Promise<Campaign[]> {
  return (await storedAuditSettings(db)).campaigns;
}

/**
 * Replaces the program's `audit.campaigns` setting, leaving every other setting as it is, in one transaction: the
 * next audit on this database (the CLI's, the server's, the Health chart's) reads the new calendar. Before any
 * config was stored, the settings are the defaults plus these campaigns.
 */
export async function storeCampaigns(db: Database, campaigns: Campaign[]): Promise<void> {
  await db.transaction(async () => {
    const [row] = await db.all<{ config: string }>('SELECT config::VARCHAR AS config FROM program WHERE id = 1');
    const config = row ? (JSON.parse(row.config) as Record<string, unknown>) : {};
    const audit = (config.audit ?? {}) as Record<string, unknown>;
    const next = { ...config, audit: { ...audit, campaigns } };
    await db.exec('INSERT OR REPLACE INTO program VALUES (1, $config)', { config: JSON.stringify(next) });
  });
}
