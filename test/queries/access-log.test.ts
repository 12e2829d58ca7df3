import { describe, expect, it } from 'vitest';
import { ensureAccessLog } from '../../src/db/access-log.ts';
import { openTestDb, runChecked } from './fixture.ts';

const entry = (at: string, route: string) => ({
  logged_at: at,
  user_name: 'ana',
  role: 'manager',
  method: 'GET',
  route,
  query: 'quarter=2026Q1',
  scope: 'department=Ops',
  status: 200,
  export_file: null,
  export_rows: null,
});

describe('queries/access_log_present.sql, access_log_add.sql and access_log.sql', () => {
  it('says there is no log until a server with users makes one, then writes and reads it newest first', async () => {
    const db = await openTestDb();
    expect(await runChecked(db, 'access_log_present')).toEqual([{ n: 0 }]);
    await ensureAccessLog(db);
    expect(await runChecked(db, 'access_log_present')).toEqual([{ n: 1 }]);
    expect(await runChecked(db, 'access_log_add', entry('2026-03-01T10:00:00.000', '/api/report'))).toEqual([
      { user_name: 'ana', route: '/api/report' },
    ]);
    await runChecked(db, 'access_log_add', {
      ...entry('2026-03-01T10:00:01.500', '/api/export.csv'),
      export_file: 'flows.csv',
      export_rows: 12,
    });
    const rows = await runChecked(db, 'access_log', { latest: 10 });
    expect(rows.map((r) => [r.at, r.route, r.export_file, r.export_rows])).toEqual([
      ['2026-03-01T10:00:01.500', '/api/export.csv', 'flows.csv', 12],
      ['2026-03-01T10:00:00.000', '/api/report', null, null],
    ]);
    expect((await runChecked(db, 'access_log', { latest: 1 })).map((r) => r.route)).toEqual(['/api/export.csv']);
    db.close();
  });
});
