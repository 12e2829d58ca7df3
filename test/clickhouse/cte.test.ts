// The CTE locator the ClickHouse source uses to run a query's own candidate CTEs locally and to swap a reducing CTE
// for a table the cluster filled: on the real query files, with comments and strings that hold parentheses.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctes, replaceCte, throughCte } from '../../src/db/clickhouse/cte.ts';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import { loadQuery } from '../../src/db/run.ts';
import { sqlRows } from '../../src/db/sql.ts';

describe('ctes', () => {
  it('finds every top-level CTE of every query file in order, past the header comments and the comments between them', () => {
    // House style starts each top-level CTE at the start of a line (the first one after WITH): the locator, which
    // reads the SQL, must find exactly those, in order.
    let found = 0;
    for (const file of readdirSync(join(PROJECT_ROOT, 'queries')).filter((f) => f.endsWith('.sql'))) {
      const sql = loadQuery(file.slice(0, -4)).sql;
      const lines = [...sql.matchAll(/^(?:WITH )?([A-Za-z_][A-Za-z0-9_]*) AS (?:NOT )?(?:MATERIALIZED )?\(/gm)].map(
        (m) => m[1],
      );
      expect(
        ctes(sql).map((c) => c.name),
        file,
      ).toEqual(lines);
      found += lines.length;
    }
    expect(found).toBeGreaterThan(100);
  });

  it('reads past a materialization hint (AS NOT MATERIALIZED, AS MATERIALIZED) and replaces the CTEs after it', () => {
    const sql =
      'WITH a AS NOT MATERIALIZED (SELECT 1 AS x), b AS MATERIALIZED (SELECT 2 AS x), c AS (SELECT 3 AS x) SELECT * FROM c';
    expect(ctes(sql).map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(replaceCte(sql, 'c', 'SELECT 4 AS x')).toBe(sql.replace('SELECT 3', 'SELECT 4'));
  });

  it('the queries a ClickHouse source narrows still have the CTEs its demands name (src/db/clickhouse/demand.ts)', () => {
    const named: Record<string, string[]> = {
      audit_account_spike: ['cand'],
      audit_concentration: ['candidates'],
      audit_burst_redeem: ['starts', 'earned', 'hist', 'idle'],
      audit_off_hours: ['r'],
      audit_night_hours: ['r'],
      audit_near_duplicate: ['cells'],
      rule_usage: ['used'],
      expiring_soon: ['lots', 'per_account'],
    };
    for (const [file, names] of Object.entries(named)) {
      const found = ctes(loadQuery(file).sql).map((c) => c.name);
      for (const name of names) expect(found, file).toContain(name);
    }
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
      expect(await sqlRows(db, throughCte(sql, 'b', 'SELECT y FROM b'))).toEqual([{ y: 2 }]);
      expect(await sqlRows(db, replaceCte(sql, 'b', 'SELECT 5 AS y'))).toEqual([{ z: 50 }]);
    } finally {
      db.close();
    }
  });
});
