import { describe, expect, it } from 'vitest';
import { insertLedger, openTestDb } from './fixture.ts';
import { sqlRows } from '../../src/db/sql.ts';

describe('views/ledger_clean', () => {
  it('derives attrs from department, region and the extra JSON', async () => {
    const db = await openTestDb();
    await insertLedger(db, [
      {
        at: '2026-01-01 10:00:00',
        account: 'a',
        points: 5,
        type: 'earn',
        attrs: { department: 'Sales', region: 'north', role: 'lead', 部门级别: '二级' },
      },
      { at: '2026-01-02 10:00:00', account: 'b', points: 5, type: 'earn' },
    ]);
    const rows = await sqlRows<{ account_id: string; attrs: unknown }>(
      db,
      `SELECT account_id, map_entries(attrs) AS attrs FROM ledger_clean ORDER BY account_id`,
    );
    expect(rows[0].attrs).toEqual(
      expect.arrayContaining([
        { key: 'department', value: 'Sales' },
        { key: 'region', value: 'north' },
        { key: 'role', value: 'lead' },
        { key: '部门级别', value: '二级' },
      ]),
    );
    expect(rows[0].attrs).toHaveLength(4);
    expect(rows[1].attrs).toEqual([]);
    db.close();
  });
});
