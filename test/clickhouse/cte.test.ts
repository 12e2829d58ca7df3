// The CTE locator the ClickHouse source uses to run a query's own candidate CTEs locally and to swap a reducing CTE
// for a table the cluster filled: on the real query files, with comments and strings that hold parentheses.
import { describe, expect, it } from 'vitest';
import { ctes, replaceCte, throughCte } from '../../src/db/clickhouse/cte.ts';
import { Database } from '../../src/db/database.ts';
import { loadQuery } from '../../src/db/run.ts';

describe('ctes', () => {
  it('finds every top-level CTE of a query file in order, past the header comments and the comments between them', () => {
    const sql = loadQuery('audit_account_spike').sql;
    expect(ctes(sql).map((c) => c.name)).toEqual([
      'skip',
      'camp',
      'span',
      'dept',
      'days',
      'rules',
      'totals',
      'levels',
      'counts',
      'bursts',
      'cand00',
      'cand0',
      'hist',
      'ranked',
      'med',
      'dev',
      'dev_ranked',
      'peer',
      'cand',
      'own',
      'ev',
    ]);
  });

  it('is not misled by parentheses inside strings and comments, and finds none in a plain SELECT', () => {
    const sql = "-- a (comment\nWITH a AS (SELECT ')' AS x -- )\n), b AS (SELECT x FROM a)\nSELECT * FROM b";
    expect(ctes(sql).map((c) => c.name)).toEqual(['a', 'b']);
    expect(ctes('-- WITH x AS (\nSELECT 1')).toEqual([]);
  });

  it('cuts a query after a CTE and swaps one CTE body; DuckDB runs both', async () => {
    const sql =
      'WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a), c AS (SELECT y * 10 AS z FROM b)\nSELECT z FROM c';
    const db = await Database.open(':memory:');
    try {
      expect(await db.all(throughCte(sql, 'b', 'SELECT y FROM b'))).toEqual([{ y: 2 }]);
      expect(await db.all(replaceCte(sql, 'b', 'SELECT 5 AS y'))).toEqual([{ z: 50 }]);
    } finally {
      db.close();
    }
  });
});
