import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAudit } from '../src/audit/run.ts';
import type { Flag } from '../src/audit/schema.ts';
import { readCampaigns, withCampaigns } from '../src/audit/campaigns.ts';
import { defaultAuditSettings } from '../src/audit/settings.ts';
import { loadConfig } from '../src/config.ts';
import { Database } from '../src/db/database.ts';
import { importAccounts, importLedger, importRules } from '../src/ledger/import.ts';
import { generateScenario, type ScenarioSummary } from '../src/sample/scenarios/generate.ts';
import type { Shape, Variant } from '../src/sample/scenarios/shape.ts';

export interface VariantRun {
  summary: ScenarioSummary;
  flags: Flag[];
  seconds: { generate: number; import: number; audit: number };
}

/**
 * One variant end to end, in a temp dir removed afterwards: generate, import with the project's import code into a
 * DuckDB file (as `ledger-lens import` does), audit the year with the default settings and the shape's campaign
 * calendar read as `--campaigns F` reads it.
 */
export async function runVariant(shape: Shape, variant: Variant): Promise<VariantRun> {
  const tmp = mkdtempSync(join(tmpdir(), `ll-matrix-${shape.name}-${variant}-`));
  try {
    let t = performance.now();
    const summary = generateScenario(shape, variant, join(tmp, 'ledger'));
    const generate = (performance.now() - t) / 1000;
    t = performance.now();
    const db = await Database.open(join(tmp, 'audit.duckdb'), { threads: 2, memoryLimit: '2GB' });
    try {
      const dir = summary.dir;
      await importLedger(db, { file: join(dir, 'ledger.csv'), config: loadConfig(join(dir, 'program.json')) });
      await importAccounts(db, { file: join(dir, 'accounts.csv') });
      await importRules(db, { file: join(dir, 'rules.csv') });
      const imported = (performance.now() - t) / 1000;
      t = performance.now();
      const result = await runAudit(db, {
        from: summary.audit.from,
        to: summary.audit.to,
        settings: withCampaigns(defaultAuditSettings(), readCampaigns(join(dir, 'campaigns.csv'))),
      });
      return {
        summary,
        flags: result.flags,
        seconds: { generate, import: imported, audit: (performance.now() - t) / 1000 },
      };
    } finally {
      db.close();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
