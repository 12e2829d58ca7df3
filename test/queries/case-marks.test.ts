import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { runChecked } from './fixture.ts';

/** The case list's table: appended marks, the latest of a flag is its status. */
describe('case marks queries', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open(':memory:', { threads: 1 });
  });
  afterAll(() => db.close());
  const mark = (flag_id: string, status: string, at: string, note = '') =>
    runChecked(db, 'case_mark_add', {
      flag_id,
      check_name: 'account_spike',
      account_id: 'U0001',
      flag_from: '2026-02-03',
      flag_to: '2026-02-04',
      status,
      note,
      user_name: '王审计',
      marked_at: at,
    });

  it('knows the table is there', async () => {
    expect(await runChecked(db, 'case_marks_present')).toEqual([{ n: 1 }]);
  });

  it('gives the latest mark per flag, with who, when and what the flag was', async () => {
    expect(await runChecked(db, 'case_marks')).toEqual([]);
    expect(await mark('f-1', 'reviewed', '2026-12-01 09:00:00')).toEqual([{ flag_id: 'f-1', status: 'reviewed' }]);
    await mark('f-1', 'escalated', '2026-12-01 10:00:00', '转交内审');
    await mark('f-2', 'false_positive', '2026-12-01 09:30:00');
    // Same second: the one written later wins.
    await mark('f-2', 'open', '2026-12-01 09:30:00');
    expect(await runChecked(db, 'case_marks')).toEqual([
      {
        flag_id: 'f-1',
        check_name: 'account_spike',
        account_id: 'U0001',
        flag_from: '2026-02-03',
        flag_to: '2026-02-04',
        status: 'escalated',
        note: '转交内审',
        user_name: '王审计',
        marked_at: '2026-12-01T10:00:00',
      },
      expect.objectContaining({ flag_id: 'f-2', status: 'open' }),
    ]);
  });
});
