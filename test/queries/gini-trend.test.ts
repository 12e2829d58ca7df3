import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { quartersBetween, quarterPeriod } from '../../src/dates.ts';
import { ensureSampleDb, SAMPLE_DIR, sampleFiles } from '../../src/demo/database.ts';
import { generateSample, SAMPLE_DEFAULTS } from '../../src/sample/generate.ts';
import { tempDir } from '../ledger/helpers.ts';
import { runChecked } from './fixture.ts';
import { expectSame } from '../equality/raw.ts';
import { sqlRows } from '../../src/db/sql.ts';

/**
 * gini_trend.sql answers every quarter in one pass; distribution.sql answers one quarter. Both must give the same
 * n, Gini and Gini over non-zero for each quarter, with a roster (the bundled sample) and without one, filtered or not.
 */
async function compare(db: Database) {
  const [{ first, last }] = await sqlRows<{ first: string; last: string }>(
    db,
    `SELECT strftime(min(occurred_at), '%Y-%m-%d') AS first, strftime(max(occurred_at), '%Y-%m-%d') AS last FROM ledger`,
  );
  const quarters = quartersBetween(first, last).map(quarterPeriod);
  const [scope] = await sqlRows<{ attribute: string; value: string }>(
    db,
    `SELECT attribute, value FROM account_attributes WHERE attribute = 'department' GROUP BY ALL ORDER BY count(*) DESC, value LIMIT 1`,
  );
  for (const s of [undefined, scope]) {
    const sp = { scope_attribute: s?.attribute ?? null, scope_value: s?.value ?? null };
    const trend = await runChecked(db, 'gini_trend', { from: quarters[0].from, to: quarters.at(-1)!.to, ...sp });
    expect(trend.length).toBe(quarters.length);
    for (const [i, { from, to }] of quarters.entries()) {
      const [d] = await runChecked(db, 'distribution', { from, to, max_points: 2, values: false, ...sp });
      const where = `${from} ${s ? s.value : 'all'}`;
      expect((trend[i].quarter as Date).toISOString().slice(0, 10), where).toBe(from);
      expectSame(
        { n: trend[i].n, gini: trend[i].gini, gini_nonzero: trend[i].gini_nonzero },
        {
          n: d.n,
          gini: d.gini,
          gini_nonzero: d.gini_nonzero,
        },
        where,
      );
    }
  }
}

/** A database imported from a sample folder (ledger, roster, rules, settings) as `serve --sample` imports it. */
async function comparedOn(dir: string) {
  const path = join(tempDir(), 'trend.duckdb');
  await ensureSampleDb(path, sampleFiles(dir), { log: () => {} });
  const db = await Database.open(path, { threads: 2 });
  try {
    await compare(db);
  } finally {
    db.close();
  }
}

describe('queries/gini_trend.sql', () => {
  it('equals distribution.sql quarter by quarter on the bundled sample (a roster), unfiltered and in a department', async () => {
    await comparedOn(SAMPLE_DIR);
  }, 300_000);

  it('equals distribution.sql quarter by quarter on a generated ledger', async () => {
    const out = tempDir();
    await generateSample({ ...SAMPLE_DEFAULTS, out, accounts: 300, seed: 11 });
    await comparedOn(out);
  }, 300_000);
});
