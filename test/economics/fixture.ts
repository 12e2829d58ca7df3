import type { Database } from '../../src/db/database.ts';
import type { BudgetLine, CatalogueItem } from '../../src/economics/input-files.ts';
import { insertLedger, openTestDb, type LedgerRow } from '../queries/fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';

/**
 * Redemption economics worked out by hand; point_value 0.01. The period P = [2026-01-01, 2026-03-01).
 *
 *  id  occurred_at  account  points  type    item (rule_id)  cash   category
 *  r1  2025-12-01   a        +1000   earn
 *  r2  2025-12-02   b         +500   earn                                        → outstanding at 2026-01-01 = 1500
 *  r3  2026-01-05   a         −100   redeem  G1              1.00   Home
 *  r4  2026-01-06   b         −200   redeem  G2              —      —     (catalogue: Home; cost 200 × 0.01 = 2.00)
 *  r5  2026-01-10   c         +300   earn
 *  r6  2026-02-03   a         −200   redeem  G2              2.50   Home
 *  r7  2026-02-04   c         −300   redeem  X9 (not listed) 4.00   Cards
 *  r8  2026-02-05   d          −10   expire                                      (d is not active)
 *  r9  2026-02-06   b         −100   redeem  —               —      —     (cost 100 × 0.01 = 1.00)
 *  r10 2026-03-05   a         −100   redeem  G1              1.00   Home  (after P; budget lines reach it)
 *
 * Catalogue: G1 Gift one (Home, 100 points, 1.00), G2 Gift two (Home, 200, 2.50), G3 Gadget (Tech, 1000, 12.00).
 */
const ROWS: (LedgerRow & { category?: string })[] = [
  { id: 'r1', at: '2025-12-01 09:00:00', account: 'a', points: 1000, type: 'earn' },
  { id: 'r2', at: '2025-12-02 09:00:00', account: 'b', points: 500, type: 'earn' },
  {
    id: 'r3',
    at: '2026-01-05 09:00:00',
    account: 'a',
    points: -100,
    type: 'redeem',
    rule: 'G1',
    cash: 1,
    category: 'Home',
  },
  { id: 'r4', at: '2026-01-06 09:00:00', account: 'b', points: -200, type: 'redeem', rule: 'G2' },
  { id: 'r5', at: '2026-01-10 09:00:00', account: 'c', points: 300, type: 'earn' },
  {
    id: 'r6',
    at: '2026-02-03 09:00:00',
    account: 'a',
    points: -200,
    type: 'redeem',
    rule: 'G2',
    cash: 2.5,
    category: 'Home',
  },
  {
    id: 'r7',
    at: '2026-02-04 09:00:00',
    account: 'c',
    points: -300,
    type: 'redeem',
    rule: 'X9',
    cash: 4,
    category: 'Cards',
  },
  { id: 'r8', at: '2026-02-05 09:00:00', account: 'd', points: -10, type: 'expire' },
  { id: 'r9', at: '2026-02-06 09:00:00', account: 'b', points: -100, type: 'redeem' },
  {
    id: 'r10',
    at: '2026-03-05 09:00:00',
    account: 'a',
    points: -100,
    type: 'redeem',
    rule: 'G1',
    cash: 1,
    category: 'Home',
  },
];

export const P = { from: '2026-01-01', to: '2026-03-01' };
export const POINT_VALUE = 0.01;

export const ITEMS: CatalogueItem[] = [
  { item_id: 'G1', name: 'Gift one', category: 'Home', points: 100, cash_value: 1 },
  { item_id: 'G2', name: 'Gift two', category: 'Home', points: 200, cash_value: 2.5 },
  { item_id: 'G3', name: 'Gadget', category: 'Tech', points: 1000, cash_value: 12 },
];

/**
 * L1 Home, first half of 2026, 6.00: r3 + r4 + r6 + r10 = 1.00 + 2.00 + 2.50 + 1.00 = 6.50 → over by 0.50.
 * L2 item G2 in P, 10.00: r4 + r6 = 4.50.  L3 everything in January, 3.00: r3 + r4 = 3.00 exactly → not over.
 * L4 Cards AND item G1, amount 0: no row matches both → 0 spent, used share null.
 */
export const BUDGET: BudgetLine[] = [
  { line: 'L1 Home H1', category: 'Home', rule: null, from: '2026-01-01', to: '2026-07-01', amount: 6 },
  { line: 'L2 G2', category: null, rule: 'G2', from: '2026-01-01', to: '2026-03-01', amount: 10 },
  { line: 'L3 January', category: null, rule: null, from: '2026-01-01', to: '2026-02-01', amount: 3 },
  { line: 'L4 none', category: 'Cards', rule: 'G1', from: '2026-01-01', to: '2026-07-01', amount: 0 },
];

export async function economicsDb(path = ':memory:'): Promise<Database> {
  const db = await openTestDb(path);
  await insertLedger(db, ROWS);
  // The shared insert helper has no category column: set it afterwards.
  for (const r of ROWS)
    if (r.category)
      await sqlExec(db, 'UPDATE ledger SET category = $c WHERE event_id = $id', { c: r.category, id: r.id ?? null });
  return db;
}

export const ITEMS_CSV =
  'item_id,name,category,points,cash_value\nG1,Gift one,Home,100,1.00\nG2,Gift two,Home,200,2.50\nG3,Gadget,Tech,1000,12.00\n';
export const BUDGET_CSV =
  'line,category,rule,from,to,amount\nL1 Home H1,Home,,2026-01-01,2026-07-01,6\nL2 G2,,G2,2026-01-01,2026-03-01,10\nL3 January,,,2026-01-01,2026-02-01,3\nL4 none,Cards,G1,2026-01-01,2026-07-01,0\n';
