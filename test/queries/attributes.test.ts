import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { insertAccounts, insertLedger, openTestDb, runChecked } from './fixture.ts';
import { sqlRows } from '../../src/db/sql.ts';

describe('views/account_attributes and queries/attributes.sql', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb();
    await insertAccounts(db, [
      { account: 'r1', joined: '2025-03-01', attrs: { department: 'Sales' } },
      { account: 'r2', left: '2026-01-31', attrs: { department: '' } },
      { account: 'r1', joined: '2025-04-01', attrs: { department: 'Finance' }, importId: 9 }, // a later roster import wins
    ]);
    await insertLedger(db, [
      {
        at: '2026-01-01 10:00:00',
        account: 'r1',
        points: 5,
        type: 'earn',
        attrs: { department: 'Ledger', region: 'west' },
      },
      { at: '2026-01-02 10:00:00', account: 'r2', points: 5, type: 'earn', attrs: { department: 'Support' } },
      {
        at: '2026-01-01 10:00:00',
        account: 'x',
        points: 5,
        type: 'earn',
        attrs: { department: 'Old', region: 'east', role: 'junior' },
      },
      {
        at: '2026-02-01 10:00:00',
        account: 'x',
        points: 5,
        type: 'earn',
        attrs: { department: 'New', role: 'senior' },
      },
    ]);
  });
  afterAll(() => db.close());

  it('roster values win per attribute; the ledger fills the rest from the latest row', async () => {
    const rows = await sqlRows<{ account_id: string; attribute: string; value: string }>(
      db,
      `SELECT account_id, attribute, value FROM account_attributes ORDER BY account_id, attribute`,
    );
    expect(rows).toEqual([
      { account_id: 'r1', attribute: 'department', value: 'Finance' }, // roster import 9 over import 2 and the ledger
      { account_id: 'r1', attribute: 'joined_at', value: '2025-04-01' },
      { account_id: 'r1', attribute: 'region', value: 'west' }, // not in the roster: from the ledger
      { account_id: 'r2', attribute: 'department', value: 'Support' }, // an empty roster value is no value
      { account_id: 'r2', attribute: 'left_at', value: '2026-01-31' },
      { account_id: 'x', attribute: 'department', value: 'New' }, // the latest row's values win …
      { account_id: 'x', attribute: 'role', value: 'senior' },
      // … and that row has no region, so x has none (see the view for why the latest row, not per attribute)
    ]);
  });

  it('lists every attribute with how many accounts carry it', async () => {
    const rows = await runChecked(db, 'attributes');
    expect(rows).toEqual([
      { attribute: 'department', accounts: 3, distinct_values: 3 },
      { attribute: 'joined_at', accounts: 1, distinct_values: 1 },
      { attribute: 'left_at', accounts: 1, distinct_values: 1 },
      { attribute: 'region', accounts: 1, distinct_values: 1 },
      { attribute: 'role', accounts: 1, distinct_values: 1 },
    ]);
  });

  it('lists the values of each attribute with their account counts, leaving out attributes with too many values', async () => {
    // department: Finance (r1), Support (r2), New (x) — one account each; region/role: one value each.
    // joined_at and left_at also have one value each. With max_values = 1 department (3 values) is left out.
    expect(await runChecked(db, 'attribute_values', { max_values: 1 })).toEqual([
      { attribute: 'joined_at', value: '2025-04-01', accounts: 1 },
      { attribute: 'left_at', value: '2026-01-31', accounts: 1 },
      { attribute: 'region', value: 'west', accounts: 1 },
      { attribute: 'role', value: 'senior', accounts: 1 },
    ]);
    const departments = (await runChecked(db, 'attribute_values', { max_values: 3 })).filter(
      (r) => r.attribute === 'department',
    );
    expect(departments.map((r) => r.value)).toEqual(['Finance', 'New', 'Support']); // ties on accounts: by value
  });

  it('gives every account its value of one attribute', async () => {
    // the same resolution as the view: r1 Finance (roster), r2 Support (ledger), x New (latest row)
    expect(await runChecked(db, 'account_attribute', { attribute: 'department' })).toEqual([
      { account_id: 'r1', value: 'Finance' },
      { account_id: 'r2', value: 'Support' },
      { account_id: 'x', value: 'New' },
    ]);
    expect(await runChecked(db, 'account_attribute', { attribute: 'nosuch' })).toEqual([]);
  });

  it('gives the listed accounts their value of one attribute, and none for an unknown account', async () => {
    const accounts = JSON.stringify(['x', 'r1', 'nobody', "o'quote,comma"]);
    expect(await runChecked(db, 'account_attribute_of', { attribute: 'department', accounts })).toEqual([
      { account_id: 'r1', value: 'Finance' },
      { account_id: 'x', value: 'New' },
    ]);
    expect(await runChecked(db, 'account_attribute_of', { attribute: 'department', accounts: '[]' })).toEqual([]);
  });
});
