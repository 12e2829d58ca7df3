import type { Database } from '../db/database.ts';
import { editProgramConfig } from '../db/program-config.ts';
import { storedAuditSettings, type Campaign } from './settings.ts';

/** The campaigns of the program's settings (`audit.campaigns`), as `ledger-lens audit` and the Health chart read them. */
export async function storedCampaigns(db: Database): Promise<Campaign[]> {
  return (await storedAuditSettings(db)).campaigns;
}

/**
 * Replaces the program's `audit.campaigns` setting, leaving every other setting as it is: the next audit on this
 * database (the CLI's, the server's, the Health chart's) reads the new calendar.
 */
export async function storeCampaigns(db: Database, campaigns: Campaign[]): Promise<void> {
  await editProgramConfig(db, (config) => ({
    ...config,
    audit: { ...((config.audit ?? {}) as Record<string, unknown>), campaigns },
  }));
}
