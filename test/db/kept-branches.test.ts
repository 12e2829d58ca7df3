import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, viewFiles } from '../../src/db/database.ts';
import { unkeptDefinitions, withoutUnkeptBranches } from '../../src/db/kept-branches.ts';
import { scopeParams } from '../../src/db/query-types.ts';
import { sqlRows } from '../../src/db/sql.ts';
import { importSampleDir } from '../audit/helpers.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

const MACRO = `-- a comment
CREATE OR REPLACE TEMP MACRO m(x) AS TABLE
SELECT 1 AS a
WHERE x IS NULL
UNION ALL
SELECT 2
FROM (
  SELECT 3 WHERE NOT ll_kept_rollups()
  UNION ALL
  SELECT 4
)
WHERE ll_kept_rollups()
UNION ALL
SELECT 5
WHERE NOT ll_value_days_kept() AND x IS NOT NULL;
-- the next one
CREATE OR REPLACE TEMP MACRO k() AS true;
`;

describe('the branches for rollups a connection does not keep', () => {
  it('are left out at the top level only, the statement still closed and the rest as written', () => {
    const lean = withoutUnkeptBranches(MACRO);
    expect(lean).not.toContain('SELECT 5');
    expect(lean).toContain('SELECT 3 WHERE NOT ll_kept_rollups()');
    expect(lean).toContain('WHERE ll_kept_rollups();\n-- the next one\nCREATE OR REPLACE TEMP MACRO k() AS true;');
    expect(unkeptDefinitions(MACRO)).toContain('SELECT 5');
    expect(unkeptDefinitions(MACRO)).not.toContain('MACRO k()');
    expect(withoutUnkeptBranches('CREATE OR REPLACE TEMP MACRO k() AS true;\n')).toBe(
      'CREATE OR REPLACE TEMP MACRO k() AS true;\n',
    );
  });

  it('cuts a branch only where its condition is dead as a whole, and refuses one an OR keeps alive', () => {
    const macro = (body: string) => `CREATE OR REPLACE TEMP MACRO m(x) AS TABLE\nSELECT 1 AS a\nUNION ALL\n${body};\n`;
    // A nested subquery's condition, even unindented, says nothing about the branch.
    const nested = macro('SELECT 2 FROM (\nSELECT 3\nWHERE NOT ll_kept_rollups()\n)');
    expect(withoutUnkeptBranches(nested)).toBe(nested);
    // A condition that goes on with a comparison of its own is not the constant alone.
    const longer = macro('SELECT 2\nWHERE NOT ll_kept_rollups() = x');
    expect(withoutUnkeptBranches(longer)).toBe(longer);
    expect(() => withoutUnkeptBranches(macro('SELECT 2\nWHERE NOT ll_kept_rollups() AND x > 1 OR x IS NULL'))).toThrow(
      /top-level OR/,
    );
    // An OR inside parentheses or a string is the branch's own business.
    expect(
      withoutUnkeptBranches(macro("SELECT 2\nWHERE NOT ll_kept_rollups() AND (x > 1 OR x IS NULL) AND 'OR' <> x")),
    ).not.toContain('SELECT 2');
  });

  it('keeps every statement after a cut macro whole, a view among them', () => {
    const sql = `${MACRO}CREATE OR REPLACE TEMP VIEW v AS\nSELECT 6 AS a\nUNION ALL\nSELECT 7 WHERE x;\n`;
    expect(withoutUnkeptBranches(sql)).toContain('SELECT 6 AS a\nUNION ALL\nSELECT 7 WHERE x;');
    expect(unkeptDefinitions(sql)).not.toContain('VIEW v');
  });

  it("cuts exactly the known branches of the project's views, so a new or edited one is looked at first", () => {
    const cut: string[] = [];
    for (const f of viewFiles(join(PROJECT_ROOT, 'queries', 'views'))) {
      const sql = readFileSync(join(PROJECT_ROOT, 'queries', 'views', f), 'utf8');
      for (const statement of unkeptDefinitions(sql)
        .split(/(?=^CREATE )/m)
        .filter(Boolean)) {
        const name = /^CREATE OR REPLACE TEMP MACRO (\w+)/.exec(statement)?.[1];
        const lean = withoutUnkeptBranches(statement);
        const count = (t: string) => t.split('\nUNION ALL\n').length;
        cut.push(`${f} ${name}: ${count(statement) - count(lean)} of ${count(statement)}`);
      }
    }
    expect(cut).toEqual([
      '35_scope.sql ll_scoped_days: 1 of 3',
      '36_account_months.sql ll_scoped_months_direct: 1 of 4',
    ]);
  });

  let sample: Awaited<ReturnType<typeof importSampleDir>>;
  let lessDays: Database;
  let lessRollups: Database;
  beforeAll(async () => {
    sample = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
    lessDays = await sample.db.fork();
    await lessDays.keepsLess('ll_value_days_kept');
    lessRollups = await sample.db.fork();
    await lessRollups.keepsLess('ll_kept_rollups', true);
  });
  afterAll(() => {
    lessDays.close();
    lessRollups.close();
    sample.cleanup();
  });

  const definition = async (conn: Database, name: string) =>
    (
      await sqlRows<{ sql: string }>(
        conn,
        'SELECT macro_definition AS sql FROM duckdb_functions() WHERE function_name = $name',
        { name },
      )
    )[0].sql;
  const scope = scopeParams({ attribute: 'department', value: ['财务部', '人力资源部'] });
  const days = (conn: Database) =>
    sqlRows(
      conn,
      `SELECT day::VARCHAR AS day, rule_id, event_type, sum(n)::BIGINT AS n, sum(points)::DOUBLE AS points
       FROM ll_scoped_days($scope_attribute, $scope_value) GROUP BY ALL ORDER BY ALL`,
      scope,
    );
  const months = (conn: Database) =>
    sqlRows(
      conn,
      `SELECT month::VARCHAR AS month, n::BIGINT AS n, net::DOUBLE AS net, earn::DOUBLE AS earn
       FROM ll_scoped_months_direct(DATE '2026-01-01', $scope_attribute, $scope_value) ORDER BY ALL`,
      scope,
    );

  it('are not planned where every rollup is kept', async () => {
    expect(await definition(sample.db, 'll_scoped_days')).not.toContain('rollup_account_day');
    expect(await definition(sample.db, 'll_scoped_months_direct')).not.toContain('FROM rollup_account_month');
  });

  it('answer again, the same rows, once a connection keeps less', async () => {
    expect(await definition(lessDays, 'll_scoped_days')).toContain('rollup_account_day');
    const kept = await days(sample.db);
    expect(kept.length).toBeGreaterThan(0);
    expect(await days(lessDays)).toEqual(kept);
    const keptMonths = await months(sample.db);
    expect(keptMonths.length).toBeGreaterThan(0);
    expect(await months(lessRollups)).toEqual(keptMonths);
  });

  it('are defined again on every fork of a connection that keeps less for its forks too (the one-shot report)', async () => {
    const fork = await lessRollups.fork();
    try {
      expect(await definition(fork, 'll_scoped_months_direct')).toContain('FROM rollup_account_month');
      expect(await months(fork)).toEqual(await months(sample.db));
    } finally {
      fork.close();
    }
  });
});
