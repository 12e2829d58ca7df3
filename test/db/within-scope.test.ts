import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { SHADOWED, withinScope, withoutScope } from '../../src/db/within-scope.ts';
import { sampleDbFile } from '../hardening/sample-db.ts';
import { loadQuery } from '../../src/db/run.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

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
  [program] = await sqlRows<Counts>(conn, COUNTS);
  [scope] = await sqlRows<Counts>(
    conn,
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
  it('stands in front of every table that holds people: a new rollup cannot be forgotten', async () => {
    // Program-wide lists and records that no scope narrows (routes refuse them to managers) or that hold no person;
    // flag_marks is read only by flag id, for flags the user's own audit (within the scope) returned.
    const NOT_PER_PERSON = new Set([
      'imports',
      'rejects',
      'rules',
      'program',
      'rollup_state',
      'access_log',
      'flag_marks',
    ]);
    const tables = await sqlRows<{ name: string }>(
      conn,
      `SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1`,
    );
    const people = tables.map((t) => t.name).filter((t) => !NOT_PER_PERSON.has(t));
    expect(people.filter((t) => !SHADOWED.includes(t))).toEqual([]);
  });

  it("reads the scope's rows only, rollups reduced from them; the program again after", async () => {
    const [inside] = await withinScope(conn, SCOPE, () => sqlRows<Counts>(conn, COUNTS));
    expect(inside.ledger).toBe(scope.ledger);
    expect(inside.day_rule_rows).toBe(scope.ledger);
    expect(inside.roster).toBeGreaterThan(0);
    expect(inside.roster).toBeLessThan(program.roster);
    expect(inside.givers).toBeLessThan(program.givers);
    expect(await sqlRows<Counts>(conn, COUNTS)).toEqual([program]);
  });

  it("counts rule usage from the scope's own cells, whatever the account × rule × quarter rows hold", async () => {
    // A ClickHouse source keeps none of those rows: within a scope, the rule counts come from the cells it fetched.
    const [{ from, to }] = await sqlRows<{ from: string; to: string }>(
      conn,
      `SELECT strftime(q, '%Y-%m-%d') AS "from", strftime(q + INTERVAL 3 MONTH, '%Y-%m-%d') AS "to"
       FROM (SELECT date_trunc('quarter', max(occurred_at) - INTERVAL 3 MONTH) AS q FROM ledger)`,
    );
    const usage = () =>
      withinScope(conn, SCOPE, () =>
        sqlRows<{ rule_id: string; rows: number; accounts: number }>(conn, loadQuery('rule_usage').sql, {
          from,
          to,
          scope_attribute: null,
          scope_value: null,
        }),
      ).then((rows) => rows.filter((r) => r.rows > 0).map((r) => [r.rule_id, r.rows, r.accounts]));
    const raw = await sqlRows<{ rule_id: string; rows: number; accounts: number }>(
      conn,
      `SELECT rule_id, count(*)::INTEGER AS rows, count(DISTINCT account_id)::INTEGER AS accounts FROM ledger
       WHERE coalesce(rule_id, '') <> '' AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
         AND account_id IN (SELECT account_id FROM account_attributes WHERE attribute = $a AND value = $v)
       GROUP BY ALL ORDER BY rows DESC, rule_id`,
      { from, to, a: SCOPE.attribute, v: SCOPE.value },
    );
    expect(raw.length).toBeGreaterThan(3);
    const kept = await usage();
    expect(kept).toEqual(raw.map((r) => [r.rule_id, r.rows, r.accounts]));
    await sqlExec(conn, 'BEGIN TRANSACTION');
    try {
      await sqlExec(conn, 'DELETE FROM rollup_account_rule_quarter');
      expect(await usage()).toEqual(kept);
    } finally {
      await sqlExec(conn, 'ROLLBACK');
    }
  });

  it("counts a page filter's rule usage within the scope from the scope's own accounts, a quarter and a month", async () => {
    // The filter's distinct accounts per rule come from rollup_value_rule_quarter, which the scope reduces again from
    // its own rows (within-scope.ts): a value's counts must be those of the scope's accounts holding it.
    const [{ region }] = await sqlRows<{ region: string }>(
      conn,
      `SELECT r.value AS region FROM account_attributes r JOIN account_attributes d USING (account_id)
       WHERE r.attribute = 'region' AND d.attribute = 'department' AND d.value = $v
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      { v: SCOPE.value },
    );
    const [{ q }] = await sqlRows<{ q: string }>(
      conn,
      `SELECT strftime(date_trunc('quarter', max(occurred_at) - INTERVAL 3 MONTH), '%Y-%m-%d') AS q FROM ledger`,
    );
    const next = (months: number) => {
      const d = new Date(`${q}T00:00:00Z`);
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
    };
    for (const to of [next(3), next(1)]) {
      const params = { from: q, to, scope_attribute: 'region', scope_value: region };
      const inside = await withinScope(conn, SCOPE, () =>
        sqlRows<{ rule_id: string; rows: number; accounts: number }>(conn, loadQuery('rule_usage').sql, params),
      );
      const raw = await sqlRows<{ rule_id: string; rows: number; accounts: number }>(
        conn,
        `SELECT rule_id, count(*)::INTEGER AS rows, count(DISTINCT account_id)::INTEGER AS accounts FROM ledger
         WHERE coalesce(rule_id, '') <> '' AND occurred_at >= $from::TIMESTAMP AND occurred_at < $to::TIMESTAMP
           AND account_id IN (SELECT account_id FROM account_attributes WHERE attribute = 'department' AND value = $d)
           AND account_id IN (SELECT account_id FROM account_attributes WHERE attribute = 'region' AND value = $r)
         GROUP BY ALL ORDER BY rows DESC, rule_id`,
        { from: q, to, d: SCOPE.value, r: region },
      );
      expect(raw.length, to).toBeGreaterThan(2);
      const used = inside.filter((r) => r.rows > 0).map((r) => [r.rule_id, r.rows, r.accounts]);
      expect(used, to).toEqual(raw.map((r) => [r.rule_id, r.rows, r.accounts]));
    }
  });

  it('a task that fails leaves no view behind', async () => {
    await expect(withinScope(conn, SCOPE, () => sqlRows(conn, 'SELECT * FROM no_such_table'))).rejects.toThrow();
    expect(await sqlRows<Counts>(conn, COUNTS)).toEqual([program]);
  });

  it('a task interrupted until it settles (a client gone) leaves the next unscoped read whole', async () => {
    let settled = false;
    const task = withinScope(conn, SCOPE, () =>
      sqlRows(conn, 'SELECT count(*) FROM ledger a, ledger b WHERE a.points + b.points = 12345.67'),
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
    expect(await withoutScope(conn, () => sqlRows<Counts>(conn, COUNTS))).toEqual([program]);
  });
});
