import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli-run.ts';
import { tempDir } from './helpers.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'sample-data', 'ledger.csv');

/** LEDGER_LENS_MEMORY_LIMIT is input too: a value DuckDB would refuse, misread or starve on is named, exit 2. */
describe('LEDGER_LENS_MEMORY_LIMIT', () => {
  // '-5GB' and 'none' DuckDB takes as no limit at all; the others it refuses without naming the variable.
  for (const value of ['nonsense', '0', '-5GB', '50%', '1e9', 'none']) {
    it(`${JSON.stringify(value)}: the import names the variable, writes nothing, exits 2`, async () => {
      const db = join(tempDir(), 'x.duckdb');
      const r = await cli(['import', '--db', db, SAMPLE], 60_000, { LEDGER_LENS_MEMORY_LIMIT: value });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`LEDGER_LENS_MEMORY_LIMIT=${value}`);
      expect(r.stderr).toMatch(/hint: .*e\.g\. 2GB/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(db)).toBe(false);
    });
  }

  it('empty is unset: the default applies (DuckDB refused it as an unreadable config)', async () => {
    const db = join(tempDir(), 'x.duckdb');
    const r = await cli(['import', '--db', db, SAMPLE], 60_000, { LEDGER_LENS_MEMORY_LIMIT: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(db)).toBe(true);
  });

  it('too small for a file read (1KB, 64MB): said before anything runs, exit 2, not an out-of-memory failure', async () => {
    for (const value of ['1KB', '64MB']) {
      const r = await cli(['report', '--ledger', SAMPLE, '--json'], 60_000, { LEDGER_LENS_MEMORY_LIMIT: value });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`LEDGER_LENS_MEMORY_LIMIT=${value}`);
      expect(r.stderr).not.toContain('Out of Memory');
    }
  });

  it('a size in any of the units DuckDB reads is taken (1.5 GB)', async () => {
    const r = await cli(['report', '--ledger', SAMPLE, '--json'], 120_000, { LEDGER_LENS_MEMORY_LIMIT: '1.5 GB' });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('issued');
  });
});
