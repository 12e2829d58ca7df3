import { describe, expect, it } from 'vitest';
import { withoutAbsentSums } from '../../src/db/absent-sums.ts';
import { loadQuery } from '../../src/db/run.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { memoryDb, writeTemp } from '../ledger/helpers.ts';
import { sqlRows } from '../../src/db/sql.ts';

// A reduction's sums over what an import lacks are written as 0 (src/db/absent-sums.ts): the rollups must be
// exactly what the whole reduction gives, and nothing else may be rewritten.

const reduction = (id: string) => loadQuery(`reductions/${id}`).sql;
const changed = (a: string, b: string) => {
  const x = a.split('\n');
  return b
    .split('\n')
    .filter((line, i) => line !== x[i])
    .map((line) => line.trim());
};

describe('sums over what the rows lack', () => {
  it('leaves every reduction as it is when nothing is absent', () => {
    for (const id of ['account_day', 'account_month', 'approver_hour', 'transfer_edge']) {
      const sql = reduction(id);
      expect(withoutAbsentSums(sql, { cash: false, types: new Set() })).toBe(sql);
    }
  });

  it('writes 0 for exactly the sums over a missing cash value or type, and counts every row when none is left out', () => {
    const absent = { cash: true, types: new Set(['expire', 'adjust', 'transfer']) };
    const day = reduction('account_day');
    expect(changed(day, withoutAbsentSums(day, absent))).toEqual([
      '0::BIGINT AS n_cash,',
      '0::DECIMAL(18,2) AS cash,',
      '0::DECIMAL(18,2) AS points_cash',
    ]);
    const month = reduction('account_month');
    expect(changed(month, withoutAbsentSums(month, absent))).toEqual([
      'count(*)::BIGINT AS n_active,',
      '0::DECIMAL(18,2) AS expired,',
      '0::DECIMAL(18,2) AS adjusted_pos,',
      '0::DECIMAL(18,2) AS adjusted_neg,',
      '0::DECIMAL(18,2) AS transferred_pos',
    ]);
    // A bare sum adds up to NULL over nothing, and a filter with a further condition still applies: both kept.
    const kept = [
      '  sum(cash_value)::DECIMAL(18,2) AS c,',
      "  count(*) FILTER (WHERE event_type <> 'expire' AND points > 0)::BIGINT AS m",
    ].join('\n');
    expect(withoutAbsentSums(kept, absent)).toBe(kept);
  });

  it('gives the rollups of a ledger without cash values, expiries, adjustments or transfers that the whole reductions give', async () => {
    const db = await memoryDb();
    const rows = Array.from({ length: 600 }, (_, i) => {
      const type = ['earn', 'redeem', 'deduct'][i % 3];
      const points = type === 'earn' ? `${1 + (i % 40)}` : `-${1 + (i % 25)}.5`;
      const day = String(1 + (i % 28)).padStart(2, '0');
      return `e${i},2026-0${1 + (i % 4)}-${day} ${String(i % 24).padStart(2, '0')}:00:00,u${i % 37},${points},${type},R${i % 5}`;
    });
    const file = writeTemp(
      'plain.csv',
      `event_id,occurred_at,account_id,points,event_type,rule_id\n${rows.join('\n')}\n`,
    );
    expect(await importLedger(db, { file })).toMatchObject({ accepted: 600 });
    for (const [table, id] of [
      ['rollup_account_day', 'account_day'],
      ['rollup_account_month', 'account_month'],
    ]) {
      const whole = `SELECT * FROM (\n${reduction(id)}\n)`;
      const [{ differ, n }] = await sqlRows<{ differ: number; n: number }>(
        db,
        `SELECT (SELECT count(*) FROM ((SELECT * FROM ${table} EXCEPT ALL ${whole}) UNION ALL (${whole} EXCEPT ALL SELECT * FROM ${table})))::INTEGER AS differ,
                (SELECT count(*) FROM ${table})::INTEGER AS n`,
        { import_id: null },
      );
      expect({ table, differ }).toEqual({ table, differ: 0 });
      expect(n).toBeGreaterThan(100);
    }
  });
});
