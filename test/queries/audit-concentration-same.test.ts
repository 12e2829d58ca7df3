import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { sqlExec } from '../../src/db/sql.ts';
import { runChecked } from './fixture.ts';

/**
 * The concentration check's evidence is the same on every run of the same ledger (issue #13: an audit whose numbers
 * change between two runs is not trusted). Before, a giver's top receiver was whichever of two tied receivers the
 * aggregation met first, and with two DuckDB threads the sums of logs and inverses behind peer_n, others_n and spread
 * were added in a thread-dependent order, so their last digits moved from run to run.
 */
const P = { from: '2026-03-01', to: '2026-04-01', min_count: 10, min_receivers: 3 };

/** Transfers as the giver's rows only (what the share test reads): `n` rows of 10 points from giver to receiver. */
const transfers = (select: string) =>
  `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, counterparty_id, import_id, source_line)
   SELECT 'e' || row_number() OVER (), TIMESTAMP '2026-03-02 10:00:00' + INTERVAL (k) MINUTE, giver, -10, 'transfer',
          receiver, 1, row_number() OVER ()
   FROM (${select}) t, range(n) r(k)`;

describe('audit_concentration gives the same answer on every run', () => {
  let ties: Database;
  let large: Database;
  const givers = 300;
  beforeAll(async () => {
    ties = await Database.open(':memory:', { threads: 1, memoryLimit: '1GB' });
    // Each giver sends 40 points to B and to A (B's rows first) and 20 to C: A and B tie as the top receiver.
    await sqlExec(
      ties,
      transfers(`SELECT 'G' || g AS giver, v.receiver, v.n
                 FROM range(${givers}) s(g), (VALUES ('B', 4, 1), ('A', 4, 2), ('C', 2, 3)) v(receiver, n, o)
                 ORDER BY v.o, g`),
    );
    // Large enough for the two threads to share every giver's pairs: 12 givers × 4,000 receivers, 1 to 7 rows each.
    large = await Database.open(':memory:', { threads: 2, memoryLimit: '1GB' });
    await sqlExec(
      large,
      transfers(`SELECT 'P' || g AS giver, 'R' || r AS receiver, (1 + hash(g * 4000 + r) % 7)::BIGINT AS n
                 FROM range(12) s(g), range(4000) t(r)`),
    );
  });
  afterAll(() => {
    ties.close();
    large.close();
  });

  it('names the first receiver by name when two tie in points', async () => {
    const rows = await runChecked(ties, 'audit_concentration', { ...P, share: 0.3 });
    expect(rows).toHaveLength(givers);
    expect(new Set(rows.map((r) => r.receiver))).toEqual(new Set(['A']));
  });

  it('returns byte-identical rows on every run with two threads', async () => {
    const runs: string[] = [];
    // share 0: every judged giver is a candidate, so each one's peer_n, others_n and spread are compared.
    for (let i = 0; i < 6; i++)
      runs.push(JSON.stringify(await runChecked(large, 'audit_concentration', { ...P, share: 0 })));
    expect(JSON.parse(runs[0])).toHaveLength(12);
    expect(new Set(runs).size).toBe(1);
  });
});
