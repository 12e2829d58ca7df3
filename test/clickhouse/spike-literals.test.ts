// The account-spike demand sends the CTE counted of queries/audit_account_spike.sql to the cluster as per-rule lists
// of counts (src/db/clickhouse/spike-literals.ts). Those lists must give, for every rule, count and day kind, the
// answer DuckDB's own expression gives on the same levels, usual counts and rates, or the cluster's candidates would
// differ from DuckDB's on some ledger the equality tests never load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';
import { candidateSpans, spikeRuleLiterals } from '../../src/db/clickhouse/spike-literals.ts';
import { createRng } from '../../src/stats/prng.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
});
afterAll(() => db.close());

/**
 * Rules with random levels (account-days by count, few at the top counts, where a day's own count moves the test).
 * Half the rules judge every count up to the largest by the Poisson test alone (usual = the largest count, the most a mean of counts can be), at a rate that puts
 * one count exactly on the test's boundary for a kept or a skipped day, so the day kind and the order of operations
 * decide; the others draw a usual count and a rate at random.
 */
function randomRules(seed: number) {
  const rng = createRng(seed);
  const rules: string[][] = [];
  const levels: string[][] = [];
  for (let r = 0; r < 40; r++) {
    const id = r === 0 ? '' : `R${r}`;
    const most = 2 + Math.floor(rng() * 10);
    const mine: { n: number; c: number }[] = [];
    for (let n = 1; n <= most; n++)
      if (n === 1 || n === most || rng() < 0.6)
        mine.push({ n, c: n === 1 ? 50 + Math.floor(rng() * 500) : 1 + Math.floor(rng() * 4) });
    for (const l of mine) levels.push([id, String(l.n), String(l.c)]);
    const atLeast = (k: number) => mine.reduce((t, l) => t + (l.n >= k ? l.c : 0), 0);
    let usual = 1 + rng() * most * 0.5;
    let rate = rng() < 0.3 ? rng() * 1e-4 : rng() * 3;
    if (r % 2 === 0) {
      usual = most;
      const n = 2 + Math.floor(rng() * (most - 1));
      const self = atLeast(n - 1) > 1 && rng() < 0.5 ? 1 : 0;
      rate = (n * (atLeast(n) - self)) / (atLeast(n - 1) - self);
    }
    rules.push([id, String(usual), String(rate), String(10 * rng()), String(1 + Math.floor(rng() * 90)), '5']);
  }
  return { rules, levels };
}

/** The counts up to `upto` the lists make a hit: rule i's counts on a kept (1) or skipped (0) day, or above rule_max. */
function hitsOf(literals: Record<string, string>, rules: string[][], self: 0 | 1, upto: number): Set<string> {
  const lists = JSON.parse(self === 1 ? literals.hits_kept : literals.hits_skipped) as number[][];
  const max = JSON.parse(literals.rule_max) as number[];
  const out = new Set<string>();
  rules.forEach(([id], i) => {
    for (let n = 2; n <= upto; n++) if (n > max[i] || lists[i].includes(n)) out.add(`${id}|${n}`);
  });
  return out;
}

describe('the counted lists sent to the cluster', () => {
  it('give the answer of the CTE counted for every rule, count and day kind', async () => {
    for (const seed of [1, 2, 3]) {
      const { rules, levels } = randomRules(seed);
      const literals = spikeRuleLiterals(rules, levels, 30, 0.01);
      await sqlExec(db, 'CREATE OR REPLACE TABLE rules (rule_id VARCHAR, usual_n DOUBLE, rate DOUBLE)');
      await sqlExec(db, 'CREATE OR REPLACE TABLE levels (rule_id VARCHAR, n INTEGER, c INTEGER)');
      // Doubles as text cast to DOUBLE, read exactly as the CSV parts bring them (a bare literal is a DECIMAL first).
      for (const [id, usual, rate] of rules)
        await sqlExec(db, `INSERT INTO rules VALUES ('${id}', '${usual}'::DOUBLE, '${rate}'::DOUBLE)`);
      for (const [id, n, c] of levels) await sqlExec(db, `INSERT INTO levels VALUES ('${id}', ${n}, ${c})`);
      for (const self of [0, 1] as const) {
        // DuckDB's counts and counted, over every count from 2 to three past the largest.
        const rows = await sqlRows<{ k: string }>(
          db,
          `WITH cells AS (
             SELECT rule_id, n FROM rules, range(2, (SELECT max(n) + 4 FROM levels)) t(n)
           ),
           counts AS (
             SELECT r.rule_id, r.n, u.usual_n, u.rate, ${self} AS self,
                    sum(l.c) FILTER (WHERE l.n >= r.n) AS ge_n, sum(l.c) FILTER (WHERE l.n >= r.n - 1) AS ge_below
             FROM cells r JOIN rules u USING (rule_id) JOIN levels l ON l.rule_id = r.rule_id
             GROUP BY ALL
           )
           SELECT rule_id || '|' || n AS k FROM counts
           WHERE n > usual_n OR (ge_n - self) < (ge_below - self) * rate / n`,
        );
        const duck = new Set(rows.map((r) => r.k));
        const most = Math.max(...levels.map((l) => Number(l[1])));
        const mine = hitsOf(literals, rules, self, most + 3);
        expect([...mine].sort()).toEqual([...duck].sort());
        expect(duck.size).toBeGreaterThan(0);
      }
      // The CTE counts' alone: the least count above usual_n whose Poisson point probability is below alpha / 2 tests.
      const tests = rules.reduce((t, r) => t + Number(r[5]), 0);
      const alone = await sqlRows<{ rule_id: string; n: number }>(
        db,
        `SELECT rule_id, min(n)::INTEGER AS n FROM rules, range(2, 400) t(n)
         WHERE n > usual_n AND n * ln(usual_n) - usual_n - lgamma(n + 1) < ln(0.01 / (2 * ${tests}))
         GROUP BY rule_id`,
      );
      const byRule = new Map(alone.map((a) => [a.rule_id, a.n]));
      expect(JSON.parse(literals.rule_alone)).toEqual(rules.map(([id]) => byRule.get(id)));
    }
  });

  it('keep each candidate account to the days its rows read', () => {
    const spans = candidateSpans(
      [
        ['A1', '2026-07-10'],
        ['A2', '2026-08-01'],
        ['A1', '2026-09-30'],
      ],
      90,
    );
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
    expect(spans.account_keys).toBe("['A1', 'A2']");
    expect(JSON.parse(spans.account_lo)).toEqual([day('2026-07-10') - 90, day('2026-08-01') - 90]);
    expect(JSON.parse(spans.account_hi)).toEqual([day('2026-09-30'), day('2026-08-01')]);
  });
});
