import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { replaceCte } from '../../src/db/clickhouse/cte.ts';
import { loadQuery } from '../../src/db/run.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { plantFavourite, type Planted } from '../clickhouse/plant-favourite.ts';
import { sqlRows } from '../../src/db/sql.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'sample-data', 'ledger.csv');

/**
 * audit_concentration.sql groups the rule test's cells only for approver-receiver pairs with two rows or more (a
 * single award can have no award-days of another rule), and takes each giver's median |d| of the share test from a
 * histogram of receivers' counts. The same query in the formulation before (every pair's cells grouped, a row per
 * receiver and median()) must give the same candidates, on a
 * ledger where the rule test has one to find (the sample's rows and a planted favourite: many rule-test candidates).
 */
describe('concentration: rule-test cells of multi-row pairs, share-test spread from a histogram', () => {
  let db: Database;
  let dir: string;
  let planted: Planted;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'll-conc-cells-'));
    planted = await plantFavourite(SAMPLE, dir);
    db = await Database.open(':memory:');
    await importLedger(db, { file: planted.file });
  }, 120_000);
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the same share, split and rule candidates as grouping every pair', async () => {
    const { sql } = loadQuery('audit_concentration');
    // The formulation before: every pair's cells grouped and the per-rule totals summed from them; a row per
    // receiver in loo and DuckDB's median() of its |d| per giver.
    const before: [string, string][] = [
      ['multi', "SELECT giver, receiver FROM ap WHERE giver IN (SELECT giver FROM judged WHERE role = 'approver')"],
      [
        'cell_x',
        'SELECT giver, rule_id, sum(k) AS kx, sum(amount) AS ax, sum(kr - k) AS k_other FROM cell_kr GROUP BY ALL',
      ],
      [
        'loo',
        'SELECT p.giver, p.role, p.receiver, p.n, 1 AS c, ln(p.n) - (g.sum_ln - ln(p.n)) / (g.receivers - 1) AS d FROM pairs p JOIN judged g USING (giver, role)',
      ],
      ['giver_spread', 'SELECT giver, role, median(abs(d)) AS mad FROM loo GROUP BY ALL'],
    ];
    const reference = before.reduce((q, [name, body]) => replaceCte(q, name, body), sql);
    const params = { from: '2024-10-01', to: '2026-10-01', share: 0.5, min_count: 10, min_receivers: 3 };
    const narrowed = await sqlRows(db, sql, params);
    const referenceRows = await sqlRows(db, reference, params);
    expect(
      narrowed.some((r) => r.test === 'rule' && r.giver === planted.approver && r.receiver === planted.receiver),
    ).toBe(true);
    // DOUBLE sums of a parallel aggregate (the share test's logs) may differ in their last bits from run to run.
    const rounded = (rows: Record<string, unknown>[]) =>
      JSON.stringify(rows, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v));
    expect(rounded(narrowed)).toBe(rounded(referenceRows));
  });
});
