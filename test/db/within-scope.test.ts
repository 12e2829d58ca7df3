import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { withinScope, withoutScope } from '../../src/db/within-scope.ts';
import { sampleDbFile } from '../hardening/sample-db.ts';

/** The scope's views (src/db/within-scope.ts) stand in front of the tables during a task, and never after it. */
const SCOPE = { attribute: 'department', value: '研发部' };
const COUNTS = `SELECT (SELECT count(*) FROM ledger)::INTEGER AS ledger,
  (SELECT count(*) FROM accounts)::INTEGER AS roster,
  (SELECT count(DISTINCT giver_id) FROM rollup_transfer_edge)::INTEGER AS givers,
  (SELECT coalesce(sum(n), 0) FROM rollup_day_rule)::INTEGER AS day_rule_rows`;
type Counts = { ledger: number; roster: number; givers: number; day_rule_rows: number };

let sample: Awaited<ReturnType<typeof sampleDbFile>>;
let db: Database;
let conn: Database;
let program: Counts;
let scope: Counts;

beforeAll(async () => {
  sample = await sampleDbFile();
  db = await Database.open(sample.path, { threads: 2 });
  conn = await db.fork();
  [program] = await conn.all<Counts>(COUNTS);
  [scope] = await conn.all<Counts>(
    `SELECT count(*)::INTEGER AS ledger, count(*)::INTEGER AS day_rule_rows FROM ledger
     WHERE account_id IN (SELECT account_id FROM account_attributes WHERE attribute = 'department' AND value = '研发部')`,
  );
}, 120_000);
afterAll(() => {
  conn?.close();
  db?.close();
  sample?.cleanup();
});

describe('withinScope', () => {
  it("reads the scope's rows only, rollups reduced from them; the program again after", async () => {
    const [inside] = await withinScope(conn, SCOPE, () => conn.all<Counts>(COUNTS));
    expect(inside.ledger).toBe(scope.ledger);
    expect(inside.day_rule_rows).toBe(scope.ledger);
    expect(inside.roster).toBeGreaterThan(0);
    expect(inside.roster).toBeLessThan(program.roster);
    expect(inside.givers).toBeLessThan(program.givers);
    expect(await conn.all<Counts>(COUNTS)).toEqual([program]);
  });

  it('a task that fails leaves no view behind', async () => {
    await expect(withinScope(conn, SCOPE, () => conn.all('SELECT * FROM no_such_table'))).rejects.toThrow();
    expect(await conn.all<Counts>(COUNTS)).toEqual([program]);
  });

  it('a task interrupted until it settles (a client gone) leaves the next unscoped read whole', async () => {
    let settled = false;
    const task = withinScope(conn, SCOPE, () =>
      conn.all('SELECT count(*) FROM ledger a, ledger b WHERE a.points + b.points = 12345.67'),
    )
      .catch(() => 'interrupted')
      .finally(() => {
        settled = true;
      });
    // As src/server/cancel.ts does: interrupt again and again until the task is over, its clean-up included.
    while (!settled) {
      conn.interrupt();
      await new Promise((r) => setImmediate(r));
    }
    await task;
    expect(await withoutScope(conn, () => conn.all<Counts>(COUNTS))).toEqual([program]);
  });
});
