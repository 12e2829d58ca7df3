import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { byValueId, withoutCash } from '../../src/db/rollup-attributes.ts';
import { reduction } from '../../src/db/rollup-specs.ts';
import { sqlRows } from '../../src/db/sql.ts';
import { importAccounts, importLedger } from '../../src/ledger/import.ts';
import { memoryDb, writeTemp } from '../ledger/helpers.ts';
import { orderedRowsJson } from './rows-text.ts';

const TABLES: [string, string][] = [
  ['rollup_value_month', 'value_month'],
  ['rollup_value_day_rule', 'value_day_rule'],
  ['rollup_value_rule_quarter', 'value_rule_quarter'],
];

const text = orderedRowsJson;

/** Each per-value table as the import wrote it (grouped by value number) equals its reduction run as written. */
async function expectAsWritten(db: Database) {
  for (const [table, id] of TABLES) {
    const stored = await text(db, `SELECT * FROM ${table}`);
    expect(stored.length, table).toBeGreaterThan(10);
    expect(stored, table).toBe(await text(db, `SELECT * FROM (\n${reduction(id)}\n)`));
  }
}

// Two departments, one text with quotes and Chinese, across two quarters; a second attribute (region) for some.
const rows = (cash: boolean) => [
  `event_id,occurred_at,account_id,points,event_type,rule_id,department,region${cash ? ',cash_value' : ''}`,
  `E1,2025-01-05 10:00:00,A1,100,earn,R1,"研发部 ""R&D""",north${cash ? ',' : ''}`,
  `E2,2025-01-05 11:00:00,A2,50,earn,R1,sales,${cash ? ',' : ''}`,
  `E3,2025-02-07 09:00:00,A1,-30,redeem,,"研发部 ""R&D""",north${cash ? ',2.50' : ''}`,
  `E4,2025-04-01 08:00:00,A3,70,earn,R2,sales,south${cash ? ',' : ''}`,
  `E5,2025-04-02 08:00:00,A2,-20,redeem,R2,sales,${cash ? ',1.25' : ''}`,
];

describe('per-value sums grouped by the value number', () => {
  it.each([
    ['with cash values', true],
    ['without any cash value (cash sums written as 0)', false],
  ])('%s: the same rows as each reduction run as written', async (_what, cash) => {
    const db = await memoryDb();
    await importLedger(db, { file: writeTemp('values.csv', `${rows(cash).join('\n')}\n`) });
    await expectAsWritten(db);
    const [{ n_cash }] = await sqlRows<{ n_cash: number }>(
      db,
      'SELECT sum(n_cash)::INTEGER AS n_cash FROM rollup_value_day_rule',
    );
    // Each cash row counts once per attribute value its account has (A1: department and region; A2: department).
    expect(n_cash).toBe(cash ? 3 : 0);
  });

  it('after a roster import moves an account to another value', async () => {
    const db = await memoryDb();
    await importLedger(db, { file: writeTemp('values.csv', `${rows(true).join('\n')}\n`) });
    await importAccounts(db, { file: writeTemp('roster.csv', 'account_id,department\nA2,"研发部 ""R&D"""\n') });
    const [{ n }] = await sqlRows<{ n: number }>(
      db,
      `SELECT sum(n)::INTEGER AS n FROM rollup_value_month WHERE attribute = 'department' AND value = 'sales'`,
    );
    expect(n).toBe(1);
    await expectAsWritten(db);
  });

  it('a ledger without cash, then a second import that brings some: the cash sums count the new rows', async () => {
    const db = await memoryDb();
    await importLedger(db, { file: writeTemp('values.csv', `${rows(false).join('\n')}\n`) });
    const later = [
      'event_id,occurred_at,account_id,points,event_type,rule_id,department,region,cash_value',
      'E6,2025-05-03 09:00:00,A3,-40,redeem,R2,sales,south,4.75',
    ];
    await importLedger(db, { file: writeTemp('later.csv', `${later.join('\n')}\n`) });
    const [{ n_cash, cash }] = await sqlRows<{ n_cash: number; cash: string }>(
      db,
      `SELECT sum(n_cash)::INTEGER AS n_cash, sum(cash)::VARCHAR AS cash FROM rollup_value_day_rule
       WHERE attribute = 'department' AND value = 'sales'`,
    );
    expect([n_cash, cash]).toEqual([1, '4.75']);
    await expectAsWritten(db);
  });

  it('refuses a reduction of another shape rather than grouping it wrongly', () => {
    expect(() =>
      byValueId('SELECT a.attribute, a.value, count(*) FROM t JOIN other a ON a.k = t.k GROUP BY ALL'),
    ).toThrow();
    expect(() => withoutCash(reduction('value_day_rule').replace('sum(d.cash)', 'sum(d.cash + 0)'))).toThrow();
    expect(withoutCash(reduction('value_day_rule'))).toMatch(/^\s*0::DECIMAL\(18,2\) AS points_cash$/m);
  });
});
