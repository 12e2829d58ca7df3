import { describe, expect, it } from 'vitest';
import { buildReportRollups, dayRuleOfOneShot } from '../../src/db/rollups-one-shot.ts';
import { sqlRows } from '../../src/db/sql.ts';
import { importLedger, readCleanLedger } from '../../src/ledger/import.ts';
import { memoryDb, writeTemp } from '../ledger/helpers.ts';

// A one-shot report's day × rule sums (src/db/rollups-one-shot.ts) add up every row: on a file without a cash column
// its three cash sums are 0 for every cell, and are written so rather than added up over millions of NULLs.

const DAY_RULE = `SELECT day::VARCHAR AS day, rule_id, event_type, n::DOUBLE AS n, points::DOUBLE AS points,
  points_pos::DOUBLE AS points_pos, points_neg::DOUBLE AS points_neg, n_cash::DOUBLE AS n_cash, cash::DOUBLE AS cash,
  points_cash::DOUBLE AS points_cash FROM rollup_day_rule ORDER BY ALL`;

function ledger(cash: boolean): string {
  const rows = Array.from({ length: 300 }, (_, i) => {
    const type = ['earn', 'redeem', 'earn'][i % 3];
    const points = type === 'earn' ? `${1 + (i % 40)}` : `-${1 + (i % 25)}.5`;
    const at = `2026-0${1 + (i % 4)}-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`;
    const value = cash ? (i % 4 === 0 ? ',' : `,${(i % 9) + 0.25}`) : '';
    return `e${i},${at},u${i % 17},${points},${type},${i % 6 === 0 ? '' : `R${i % 5}`}${value}`;
  });
  const header = `event_id,occurred_at,account_id,points,event_type,rule_id${cash ? ',cash_value' : ''}`;
  return writeTemp('ledger.csv', `${[header, ...rows].join('\n')}\n`);
}

describe("a one-shot report's day × rule sums", () => {
  for (const cash of [false, true])
    it(`${cash ? 'with' : 'without'} a cash column: ${cash ? 'sums the cash values' : 'writes the cash sums as 0'}, and the cells are the import's`, async () => {
      const file = ledger(cash);
      const fast = await memoryDb();
      expect(await readCleanLedger(fast, file)).toBeDefined();
      const sql = await dayRuleOfOneShot(fast);
      if (cash) expect(sql).toContain('sum(cash_value)');
      else {
        expect(sql).not.toContain('cash_value');
        expect(sql).toContain('0::DECIMAL(18,2) AS cash,');
      }
      await buildReportRollups(fast);
      const full = await memoryDb();
      await importLedger(full, { file });
      const want = await sqlRows(full, DAY_RULE);
      expect(want.some((r) => r.cash !== 0)).toBe(cash);
      expect(await sqlRows(fast, DAY_RULE)).toEqual(want);
    });
});
