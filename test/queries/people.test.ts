import { describe, expect, it } from 'vitest';
import { insertAccounts, insertLedger, openTestDb, runChecked } from './fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';

/** Accounts u1 (Ops), u2 (Ops), u3 (Sales) and u4 with no department; u5 only approves, u6 only receives. */
async function peopleDb() {
  const db = await openTestDb();
  await insertLedger(db, [
    { at: '2026-01-05 09:00:00', account: 'u1', points: 10, type: 'earn', attrs: { department: 'Ops' } },
    { at: '2026-01-06 09:00:00', account: 'u2', points: 10, type: 'earn', attrs: { department: 'Ops' } },
    { at: '2026-01-07 09:00:00', account: 'u4', points: 10, type: 'earn' },
  ]);
  await insertAccounts(db, [{ account: 'u3', attrs: { department: 'Sales' } }]);
  await sqlExec(db, `UPDATE ledger SET approver_id = 'u5', counterparty_id = 'u6' WHERE account_id = 'u1'`);
  return db;
}

const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.id).sort();

describe('queries/people_ids.sql', () => {
  it('names accounts of the roster and the ledger, approvers and counterparties, each once', async () => {
    const db = await peopleDb();
    expect(ids(await runChecked(db, 'people_ids'))).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
    db.close();
  });
});

describe('queries/filter_people.sql', () => {
  it('admits the accounts with the value, or every account with an attribute when unfiltered', async () => {
    const db = await peopleDb();
    const ops = { scope_attribute: 'department', scope_value: 'Ops' };
    expect(ids(await runChecked(db, 'filter_people', ops))).toEqual(['u1', 'u2']);
    expect(ids(await runChecked(db, 'filter_people', { ...ops, scope_value: 'Nobody' }))).toEqual([]);
    const everyone = ids(await runChecked(db, 'filter_people'));
    expect(everyone).toEqual(expect.arrayContaining(['u1', 'u2', 'u3']));
    expect(everyone).not.toContain('u5');
    db.close();
  });
});

describe('queries/attribute_value_sizes.sql', () => {
  it('counts accounts per value, those without the attribute under null', async () => {
    const db = await peopleDb();
    const rows = await runChecked(db, 'attribute_value_sizes', { attribute: 'department' });
    const byValue = Object.fromEntries(rows.map((r) => [String(r.value), r.n]));
    expect(byValue.Ops).toBe(2);
    expect(byValue.Sales).toBe(1);
    const everyone = (await runChecked(db, 'filter_people')).length;
    expect(rows.reduce((s, r) => s + (r.n as number), 0)).toBe(everyone);
    expect(await runChecked(db, 'attribute_value_sizes', { attribute: 'no_such' })).toEqual([
      { value: null, n: everyone },
    ]);
    db.close();
  });
});
