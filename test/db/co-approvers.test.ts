import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coApproverPairs } from '../../src/db/co-approvers.ts';
import { Database } from '../../src/db/database.ts';
import { replaceCte, throughCte } from '../../src/db/clickhouse/cte.ts';
import { loadQuery } from '../../src/db/run.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

/** Each receiver's approver ids as ll_co_approvers reads them (flat ids and each receiver's start). */
function csr(lists: number[][]): [Int32Array, Int32Array] {
  const starts = [0];
  for (const l of lists) starts.push(starts[starts.length - 1] + l.length);
  return [Int32Array.from(lists.flat()), Int32Array.from(starts)];
}

/**
 * 60 approvers in teams of 6 (each team's 40 receivers, signed by 2 to 6 of its approvers), and 4 outsiders signing a
 * few receivers of every team: near-half shares in both directions. Rows (g, r): approver g signed for receiver r.
 */
const TEAMS = `SELECT g, r FROM range(60) s(g), range(40) u(i), LATERAL (SELECT (g // 6) * 40 + i AS r)
               WHERE hash(g, i) % 6 < 2 + (g % 5)
               UNION ALL
               SELECT 60 + o, r FROM range(4) s(o), range(600) u(r) WHERE hash(o, r) % (3 + o) = 0`;

describe('ll_co_approvers: approvers sharing at least half of another approver’s receivers', () => {
  it('keeps a pair at exactly half, drops one below, and judges each direction on its own', () => {
    // Approver 1 signs for a, b, c, d; 2 for a, b; 3 for a and two receivers of its own (x, y: one approver each).
    // Shared: (1, 2) 2, (1, 3) 1, (2, 3) 1. 2 is half of 1's four: (2, 1) stays; 1 is a third of 3's: (1, 3) goes.
    const [lists, starts] = csr([[1, 2, 3], [2, 1], [1], [1]]);
    const want = [
      [1, 2],
      [2, 1],
      [3, 2],
    ];
    expect(coApproverPairs(lists, starts, Int32Array.from([4, 2, 3]))).toEqual(want);
    // Counted one approver at a time, as for more approvers than one square array holds.
    expect(coApproverPairs(lists, starts, Int32Array.from([4, 2, 3]), 0)).toEqual(want);
  });

  it('gives the same pairs counted in one square array or one approver at a time', () => {
    // 3,000 receivers of 2 to 7 of 80 approvers, the first 10 approvers on most of the first 300 receivers.
    let seed = 7;
    const next = (m: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % m;
    };
    const lists = Array.from({ length: 3000 }, (_, r) => {
      const ids = new Set<number>(r < 300 ? [1 + (r % 10), 1 + ((r + 3) % 10)] : []);
      while (ids.size < 2 + next(6)) ids.add(1 + next(80));
      return [...ids];
    });
    const receivers = new Int32Array(80);
    for (const l of lists) for (const g of l) receivers[g - 1]++;
    const [flat, starts] = csr(lists);
    const square = coApproverPairs(flat, starts, receivers);
    expect(square.length).toBeGreaterThan(10);
    expect(coApproverPairs(flat, starts, receivers, 0)).toEqual(square);
  });

  let db: Database;
  beforeAll(async () => {
    db = await Database.open(':memory:', { threads: 2, memoryLimit: '1GB' });
  });
  afterAll(() => db.close());

  it('gives the pairs the SQL count of shared receivers gives, on teams with outsiders signing for everyone', async () => {
    const incidence = `
      WITH t AS (${TEAMS}),
      ap AS (SELECT DISTINCT 'M' || g AS giver, 'R' || r AS receiver FROM t),
      ap_n AS (SELECT giver, count(*) AS receivers FROM ap GROUP BY giver),
      ap_id AS (SELECT giver, row_number() OVER (ORDER BY giver)::INTEGER AS gi, receivers FROM ap_n),
      rcv_gs AS (SELECT list(g.gi) AS l FROM ap a JOIN ap_id g USING (giver) GROUP BY a.receiver HAVING count(*) >= 2)`;
    const udf = await sqlRows<{ g: number; c: number }>(
      db,
      `${incidence}
       SELECT g, c FROM (SELECT unnest(ll_co_approvers((SELECT list(l) FROM rcv_gs),
                                                       (SELECT list(receivers::INTEGER ORDER BY gi) FROM ap_id)),
                                       recursive := true))
       ORDER BY g, c`,
    );
    const rows = await sqlRows<{ g: number; c: number }>(
      db,
      `${incidence},
       shared AS (SELECT a, b, count(*) AS k FROM rcv_gs, unnest(l) AS t1(a), unnest(l) AS t2(b) WHERE a <> b GROUP BY a, b)
       SELECT s.a AS g, s.b AS c FROM shared s JOIN ap_id c ON c.gi = s.b WHERE 2 * s.k >= c.receivers ORDER BY g, c`,
    );
    expect(rows.length).toBeGreaterThan(100);
    // Not every pair sharing a receiver is a co-approver pair: the threshold is met by some and missed by others.
    const [{ sharing }] = await sqlRows<{ sharing: number }>(
      db,
      `${incidence} SELECT count(DISTINCT (a, b))::INTEGER AS sharing FROM rcv_gs, unnest(l) AS t1(a), unnest(l) AS t2(b) WHERE a <> b`,
    );
    expect(sharing).toBeGreaterThan(rows.length);
    expect(udf).toEqual(rows);
  });

  it('gives audit_concentration the co-approvers a self-join of the approver rows on the receiver gives', async () => {
    // The same teams as approved earn rows of one day each, in the query's period.
    await sqlExec(
      db,
      `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, approver_id, rule_id, import_id, source_line)
       SELECT 'e' || row_number() OVER (), TIMESTAMP '2026-03-02' + INTERVAL (r % 20) DAY, 'R' || r, 10, 'earn', 'M' || g,
              'r1', 1, row_number() OVER ()
       FROM (${TEAMS})`,
    );
    const { sql } = loadQuery('audit_concentration');
    // The formulation before: each ordered pair's shared receivers counted as a join of the approver-receiver rows
    // with themselves on the receiver, judged against the second approver's receivers in SQL.
    const rows = 'SELECT g.gi, a.receiver FROM ap a JOIN ap_id g USING (giver)';
    const before = replaceCte(
      sql,
      'co_ids',
      `SELECT s.g, s.c FROM (
         SELECT x.gi AS g, y.gi AS c, count(*) AS k
         FROM (${rows}) x JOIN (${rows}) y ON y.receiver = x.receiver AND y.gi <> x.gi GROUP BY ALL
       ) s JOIN ap_id r ON r.gi = s.c
       WHERE 2 * s.k >= r.receivers`,
    );
    const params = { from: '2026-03-01', to: '2026-04-01', share: 0.5, min_count: 10, min_receivers: 3 };
    const co = (q: string) => sqlRows(db, throughCte(q, 'co', 'SELECT giver, co FROM co ORDER BY giver, co'), params);
    const after = await co(sql);
    expect(after.length).toBeGreaterThan(100);
    expect(after).toEqual(await co(before));
  });

  it('fails the query on an approver id outside 1..n instead of counting it', async () => {
    await expect(sqlRows(db, 'SELECT ll_co_approvers([[1, 3]], [1, 1]) AS p')).rejects.toThrow(/not in 1\.\.2/);
  });

  it('fails the query on a NULL count of receivers instead of reading it as 0 (every sharer would pass)', async () => {
    await expect(sqlRows(db, 'SELECT ll_co_approvers([[1, 2]], [2, NULL]) AS p')).rejects.toThrow(
      /approver 2 has no count of receivers/,
    );
  });

  it("reads a receiver's NULL list as no approvers", async () => {
    const [{ p }] = await sqlRows<{ p: unknown[] }>(db, 'SELECT ll_co_approvers([NULL, [1, 2]], [1, 1]) AS p');
    expect(p).toHaveLength(2);
  });

  it('returns no pair when no receiver has two approvers (NULL lists)', async () => {
    const [{ p }] = await sqlRows<{ p: unknown }>(
      db,
      'SELECT ll_co_approvers((SELECT list(l) FROM (SELECT [1] AS l) WHERE false), [1]) AS p',
    );
    expect(p).toBeNull();
  });
});
