import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { hostileCase } from './hostile-corpus.ts';
import { independentRecordCount } from './independent-count.ts';

// Fixed seed; `npm run bench:fuzz -- --hostile` runs thousands more of the same classes.
const SEED = 20_261_206;
const RUNS = 36;
const dir = mkdtempSync(join(tmpdir(), 'll-hostile-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile classes of issue 14 (quotes, BOMs, encodings, skipped lines, re-saved overlaps)', () => {
  it(`reads every record of ${RUNS} generated files: rows_read = the generator's count = an independent count`, async () => {
    const labels = new Set<string>();
    for (const [i, c] of fc.sample(hostileCase, { seed: SEED, numRuns: RUNS }).entries()) {
      labels.add(c.label.split(' ')[0]);
      const file = join(dir, `f${i}.${c.ext}`);
      writeFileSync(file, c.bytes);
      const db = await Database.open(':memory:', { threads: 1, memoryLimit: '1GB' });
      try {
        const s = await importLedger(db, { file });
        expect(s.rows_read, c.label).toBe(s.accepted + s.quarantined + s.duplicates);
        expect(s.rows_read, c.label).toBe(c.records);
        expect(s.rows_read, c.label).toBe(independentRecordCount(c.bytes, c.delimiter));
        if (c.second) {
          writeFileSync(file, c.second.bytes);
          const t = await importLedger(db, { file });
          expect({ read: t.rows_read, duplicates: t.duplicates }, c.label).toEqual({
            read: c.second.records,
            duplicates: c.second.overlap,
          });
        }
      } finally {
        db.close();
      }
    }
    // Every class was drawn, so none of the checks above is vacuous.
    expect(labels.size).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
