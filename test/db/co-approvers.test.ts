import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coApproverPairs, receiverLists } from '../../src/db/co-approvers.ts';
import { Database } from '../../src/db/database.ts';
import { replaceCte, throughCte } from '../../src/db/clickhouse/cte.ts';
import { loadQuery } from '../../src/db/run.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

/** Each receiver's approver ids as coApproverPairs reads them (flat ids and each receiver's start). */
function csr(lists: number[][]): [Int32Array, Int32Array] {
  const starts = [0];
  for (const l of lists) starts.push(starts[starts.length - 1] + l.length);
  return [Int32Array.from(lists.flat()), Int32Array.from(starts)];
}

/** Numbers 0..m - 1 from a seed: the tests' incidences look random and are the same on every run. */
function seeded(seed: number): (m: number) => number {
  let s = seed;
  return (m) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % m;
  };
}

/** 3,000 receivers of 2 to 7 of 80 approvers, the first 10 approvers on most of the first 300 receivers. */
function teamLists(next: (m: number) => number): { lists: number[][]; receivers: Int32Array } {
  const lists = Array.from({ length: 3000 }, (_, r) => {
    const ids = new Set<number>(r < 300 ? [1 + (r % 10), 1 + ((r + 3) % 10)] : []);
    while (ids.size < 2 + next(6)) ids.add(1 + next(80));
    return [...ids];
  });
  const receivers = new Int32Array(80);
  for (const l of lists) for (const g of l) receivers[g - 1]++;
  return { lists, receivers };
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
    const { lists, receivers } = teamLists(seeded(7));
    const [flat, starts] = csr(lists);
    const square = coApproverPairs(flat, starts, receivers);
    expect(square.length).toBeGreaterThan(10);
    expect(coApproverPairs(flat, starts, receivers, 0)).toEqual(square);
  });

  it("builds each receiver's approvers from the pairs in any order, and the same co-approvers as lists given whole", () => {
    // Receivers 1..4 (3 has no pair: an empty list), pairs shuffled; then teamLists' pairs shuffled.
    const { lists, starts } = receiverLists(Int32Array.from([2, 1, 4, 1, 2, 1]), Int32Array.from([3, 2, 1, 1, 1, 3]));
    const got = Array.from({ length: 4 }, (_, r) => [...lists.subarray(starts[r], starts[r + 1])].sort());
    expect(got).toEqual([[1, 2, 3], [1, 3], [], [1]]);
    const next = seeded(11);
    const whole = teamLists(next);
    const pairs = whole.lists.flatMap((l, r) => l.map((g) => [r + 1, g]));
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = next(i + 1);
      [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
    }
    const flat = receiverLists(Int32Array.from(pairs.map((p) => p[0])), Int32Array.from(pairs.map((p) => p[1])));
    const expected = coApproverPairs(...csr(whole.lists), whole.receivers);
    expect(expected.length).toBeGreaterThan(10);
    expect(coApproverPairs(flat.lists, flat.starts, whole.receivers)).toEqual(expected);
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
      rcv_gs AS (SELECT list(g.gi) AS l FROM ap a JOIN ap_id g USING (giver) GROUP BY a.receiver HAVING count(*) >= 2),
      rcv_id AS (SELECT receiver, row_number() OVER ()::INTEGER AS ri FROM ap GROUP BY receiver)`;
    const udf = await sqlRows<{ g: number; c: number }>(
      db,
      `${incidence}
       SELECT g, c FROM (
         SELECT unnest(ll_co_approvers(list({'r': r.ri, 'g': g.gi}), (SELECT list(receivers::INTEGER ORDER BY gi) FROM ap_id)),
                       recursive := true)
         FROM ap a JOIN rcv_id r USING (receiver) JOIN ap_id g USING (giver)
       )
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
    await expect(
      sqlRows(db, `SELECT ll_co_approvers([{'r': 1, 'g': 1}, {'r': 1, 'g': 3}], [1, 1]) AS p`),
    ).rejects.toThrow(/approver id 3 is not in 1\.\.2/);
  });

  it('fails the query on a receiver id outside 1..pairs or a NULL id', async () => {
    await expect(
      sqlRows(db, `SELECT ll_co_approvers([{'r': 1, 'g': 1}, {'r': 3, 'g': 2}], [1, 1]) AS p`),
    ).rejects.toThrow(/receiver id 3 is not in 1\.\.2/);
    await expect(
      sqlRows(db, `SELECT ll_co_approvers([{'r': 1, 'g': 1}, {'r': NULL, 'g': 2}], [1, 1]) AS p`),
    ).rejects.toThrow(/receiver id null is not in/);
  });

  it('fails the query on a NULL pair instead of reading its ids from whatever its fields hold', async () => {
    await expect(
      sqlRows(db, "SELECT ll_co_approvers([{'r': 1, 'g': 1}, NULL, {'r': 1, 'g': 2}], [1, 1]) AS p"),
    ).rejects.toThrow(/pair 2 is NULL/);
  });

  it('pairs each receiver with its own approver whatever order the pairs come in', async () => {
    // Receiver 1 by approvers 1 and 2, receiver 2 by approver 3 alone: 1 and 2 are co-approvers, 3 is nobody's.
    const given = [
      [1, 1],
      [2, 3],
      [1, 2],
    ];
    const pairsOf = (order: number[][]) => `[${order.map(([r, g]) => `{'r': ${r}, 'g': ${g}}`).join(', ')}]`;
    for (const order of [given, [...given].reverse(), [given[1], given[0], given[2]]]) {
      const [{ p }] = await sqlRows<{ p: { g: number; c: number }[] }>(
        db,
        `SELECT ll_co_approvers(${pairsOf(order)}, [1, 1, 1]) AS p`,
      );
      expect([...p].sort((a, b) => a.g - b.g)).toEqual([
        { g: 1, c: 2 },
        { g: 2, c: 1 },
      ]);
    }
  });

  it('fails the query on a NULL count of receivers instead of reading it as 0 (every sharer would pass)', async () => {
    await expect(
      sqlRows(db, `SELECT ll_co_approvers([{'r': 1, 'g': 1}, {'r': 1, 'g': 2}], [2, NULL]) AS p`),
    ).rejects.toThrow(/approver 2 has no count of receivers/);
  });

  it('counts a receiver once per pair: two approvers of one receiver share it', async () => {
    const [{ p }] = await sqlRows<{ p: unknown[] }>(
      db,
      `SELECT ll_co_approvers([{'r': 1, 'g': 1}, {'r': 1, 'g': 2}], [1, 1]) AS p`,
    );
    expect(p).toHaveLength(2);
  });

  it('returns no pair when no receiver has two approvers (NULL lists)', async () => {
    const [{ p }] = await sqlRows<{ p: unknown }>(
      db,
      `SELECT ll_co_approvers((SELECT list({'r': r, 'g': 1}) FROM (SELECT 1 AS r) WHERE false), [1]) AS p`,
    );
    expect(p).toBeNull();
  });
});
