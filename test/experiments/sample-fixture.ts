import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import { importAccounts, importLedger, importRules } from '../../src/ledger/import.ts';

export const SAMPLE = join(PROJECT_ROOT, 'sample-data');

/** The sample ledger, roster and rules imported through the real importer (a few seconds; once per test file). */
export async function sampleDb(path = ':memory:'): Promise<Database> {
  const db = await Database.open(path);
  await importLedger(db, { file: join(SAMPLE, 'ledger.csv'), config: loadConfig(join(SAMPLE, 'program.json')) });
  await importAccounts(db, { file: join(SAMPLE, 'accounts.csv') });
  await importRules(db, { file: join(SAMPLE, 'rules.csv') });
  return db;
}

/** The experiment's truth as the sample generator wrote it (sample-data/labels.json). */
export interface ExperimentTruth {
  experiment_id: string;
  rule_id: string;
  split: Record<string, number>;
  true_effect: { abs: number; rel: number; total_abs: number; total_rel: number };
  window: { from: string; to: string };
  pre_period: { from: string; to: string };
  arms: Record<string, { n: number; issued_rule_mean: number; issued_mean: number }>;
}

export function experimentTruth(): ExperimentTruth {
  return JSON.parse(readFileSync(join(SAMPLE, 'labels.json'), 'utf8')).experiment;
}
