import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssignments, fillAssignments } from '../../src/db/assignments.ts';
import { openTestDb, runChecked } from './fixture.ts';

describe('queries/experiment_ids.sql', () => {
  it('lists the experiments of the assignment file once each, by id; rows with a blank cell are left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-assignments-'));
    const file = join(dir, 'assignments.csv');
    writeFileSync(file, 'variant,account_id,experiment_id\nA,u1,x2\nB,u2,x1\nA,u3,x2\nB,,x3\n');
    const db = await openTestDb();
    await createAssignments(db);
    expect(await runChecked(db, 'experiment_ids')).toEqual([]);
    await fillAssignments(db, file);
    expect(await runChecked(db, 'experiment_ids')).toEqual([{ experiment_id: 'x1' }, { experiment_id: 'x2' }]);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
