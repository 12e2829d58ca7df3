import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { cli } from '../cli-run.ts';
import { importSampleDir } from './helpers.ts';

describe('ledger-lens audit --quarter (spawned CLI, sample ledger)', () => {
  let dbPath: string;
  let sample: Awaited<ReturnType<typeof importSampleDir>>;
  beforeAll(async () => {
    sample = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
    dbPath = sample.db.path;
    sample.closeDb();
  });
  afterAll(() => sample.cleanup());

  it('audits a quarter exactly as --from/--to of that quarter, and refuses both at once', async () => {
    const q = await cli(['audit', '--quarter', '2026Q1', '--json', '--db', dbPath]);
    expect(q.code).toBe(0);
    const range = await cli(['audit', '--from', '2026-01-01', '--to', '2026-04-01', '--json', '--db', dbPath]);
    const strip = (s: string) => ({
      ...JSON.parse(s),
      checks: JSON.parse(s).checks.map(({ seconds: _s, ...c }: { seconds: number }) => c),
    });
    expect(strip(q.stdout)).toEqual(strip(range.stdout));
    expect(JSON.parse(q.stdout).period).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    const both = await cli(['audit', '--quarter', '2026Q1', '--from', '2026-01-01', '--db', dbPath]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--quarter cannot be combined with --from/--to');
    const bad = await cli(['audit', '--quarter', '2026Q5', '--db', dbPath]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not a quarter');
  });
});
