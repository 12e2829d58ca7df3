import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.ts';
import { rollupsCurrent } from '../../src/db/rollups.ts';
import { importSampleDir } from './helpers.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/**
 * The audit reads the import-time rollups when they are current and the raw ledger rows otherwise: both must give
 * the same flags, field for field, on the bundled sample ledger (several periods, so look-backs cross the range).
 */
describe('audit over kept rollups vs raw rows (sample ledger)', () => {
  let sample: Awaited<ReturnType<typeof importSampleDir>>;
  beforeAll(async () => {
    sample = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
  });
  afterAll(() => sample.cleanup());

  it('the imported sample has current rollups (so the fast path is the one compared)', async () => {
    expect(await rollupsCurrent(sample.db)).toBe(true);
  });

  for (const [from, to] of [['2026-07-01', '2026-10-01'], ['2025-10-01', '2026-10-01'], ['2024-10-01', '2026-10-01']]) {
    it(`flags of ${from} – ${to} are identical as JSON`, async () => {
      const kept = await runAudit(sample.db, { from, to });
      const raw = await runAudit(sample.db, { from, to, raw: true });
      const strip = (r: typeof kept) => ({ ...r, checks: r.checks.map((c) => ({ ...c, seconds: 0 })) });
      expect(kept.flags.length).toBeGreaterThan(0);
      expect(JSON.stringify(strip(kept))).toBe(JSON.stringify(strip(raw)));
    });
  }
});
