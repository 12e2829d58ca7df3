import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
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
