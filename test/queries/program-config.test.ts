import { describe, expect, it } from 'vitest';
import { openTestDb, runChecked } from './fixture.ts';
import { sqlExec } from '../../src/db/sql.ts';

describe('queries/program_config.sql', () => {
  it('has no row before settings were stored, then the stored JSON', async () => {
    const db = await openTestDb();
    expect(await runChecked(db, 'program_config')).toEqual([]);
    await sqlExec(db, `INSERT INTO program VALUES (1, '{"currency":"EUR","point_value":0.02}')`);
    const [row] = await runChecked(db, 'program_config');
    expect(JSON.parse(row.config as string)).toEqual({ currency: 'EUR', point_value: 0.02 });
    db.close();
  });
});
