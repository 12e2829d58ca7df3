import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { scopeParams } from '../../src/db/query-types.ts';
import { withSharedPasses } from '../../src/db/shared-passes.ts';
import { LEAN_MISS, sqlRows } from '../../src/db/sql.ts';
import { importSampleDir } from '../audit/helpers.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
const Q = { from: '2025-10-01', to: '2026-01-01' };

type Scope = { attribute: string; value: string | string[] } | undefined;

/**
 * Within a report request the month and day sums' macros are redefined for the request's scope, as literals
 * (src/db/lean-passes.ts): a call for the request's scope, another scope, a list, no scope, or a day that is not a
 * 1st must still answer exactly what the default definitions answer outside the request.
 */
describe('lean month and day sums of a request', () => {
  let sample: Awaited<ReturnType<typeof importSampleDir>>;
  let db: Database;
  const depts: string[] = [];
  beforeAll(async () => {
    sample = await importSampleDir(join(PROJECT_ROOT, 'sample-data'));
    db = sample.db;
    const rows = await sqlRows<{ value: string }>(
      db,
      `SELECT value FROM account_attributes WHERE attribute = 'department' GROUP BY value ORDER BY count(*) DESC, value`,
    );
    depts.push(...rows.map((r) => r.value));
  });
  afterAll(() => sample.cleanup());

  const sums = async (scope: Scope, to: string) => {
    const p = { ...scopeParams(scope), to };
    return {
      months: await sqlRows(
        db,
        `SELECT month::VARCHAR AS month, n::BIGINT AS n, net::DOUBLE AS net, earn::DOUBLE AS earn,
                redeem::DOUBLE AS redeem, expire::DOUBLE AS expire
         FROM ll_scoped_months($to::DATE, $scope_attribute, $scope_value) ORDER BY month`,
        p,
      ),
      days: await sqlRows(
        db,
        `SELECT day::VARCHAR AS day, rule_id, event_type, n::BIGINT AS n, points::DOUBLE AS points,
                points_pos::DOUBLE AS pos, points_neg::DOUBLE AS neg, cash::DOUBLE AS cash
         FROM ll_period_days($from::DATE, $to::DATE, $scope_attribute, $scope_value) ORDER BY ALL`,
        { ...p, from: '2025-07-01' },
      ),
    };
  };
  const definitions = async () =>
    (
      await sqlRows<{ sql: string }>(
        db,
        `SELECT macro_definition AS sql FROM duckdb_functions()
         WHERE function_name IN ('ll_scoped_months', 'll_period_days') ORDER BY function_name`,
      )
    ).map((r) => r.sql);

  it.each([
    ['one value', () => ({ attribute: 'department', value: depts[0] })],
    ['a list of two values', () => ({ attribute: 'department', value: [depts[1], depts[0]] })],
    ['no scope', () => undefined],
    // Written into the definitions as a literal: a quote that closed it would make the SQL fail or match every row.
    ['a value with a quote', () => ({ attribute: 'department', value: "R&D' OR true --" })],
  ])('a request within %s: every call answers as the defaults do', async (_what, scopeOf) => {
    const scope = scopeOf();
    const calls: [string, Scope, string][] = [
      ['own', scope, Q.to],
      ['own, a day not a 1st', scope, '2025-12-20'],
      ['another value', { attribute: 'department', value: depts[2] }, Q.to],
      ['the first value alone', { attribute: 'department', value: depts[0] }, Q.to],
      ['a list', { attribute: 'department', value: [depts[0], depts[2]] }, Q.to],
      ['another attribute', { attribute: 'region', value: 'x' }, Q.to],
      ['a value with a quote', { attribute: 'department', value: "R&D' OR true --" }, Q.to],
      ['no scope', undefined, Q.to],
    ];
    const all = async () => {
      const out: [string, Awaited<ReturnType<typeof sums>>][] = [];
      for (const [what, s, to] of calls) out.push([what, await sums(s, to)]);
      return out;
    };
    const before = await definitions();
    const expected = await all();
    // Closed (a report): no generic branch, a call outside the request runs again on the defaults (lean misses).
    for (const closed of [false, true]) {
      const spec = { periods: [Q], days: Q, monthsTo: Q.to, scope, reads: [Q], closed };
      const seen = await withSharedPasses(db, spec, async () => ({
        sums: await all(),
        definitions: await definitions(),
      }));
      expect(seen.sums).toEqual(expected);
      // The lean definitions were the ones read, and the defaults are back after.
      for (const sql of seen.definitions) expect(sql).toContain(closed ? LEAN_MISS : 'rollup_account_day');
      const first = scope && (typeof scope.value === 'string' ? scope.value : scope.value[1]);
      if (first) for (const sql of seen.definitions) expect(sql).toContain(`'${first.replaceAll("'", "''")}'`);
      expect(await definitions()).toEqual(before);
    }
    // Another value's sums are not empty: without the generic branch they would be.
    const other = Object.fromEntries(expected)['another value'];
    expect(other.months.length).toBeGreaterThan(0);
    expect(other.days.length).toBeGreaterThan(0);
  });

  // The request's own scope is written into SQL text: whatever a filter value holds must stay one literal that
  // means itself (a NUL ended the text early and the request failed with a parser error).
  it.each([
    ['a NUL', 'a\u0000b'],
    ['a quote and a comment', "R&D' OR true --"],
    ['a backslash before a quote', "x\\' OR 1=1"],
    ['CJK and an emoji', '研发部🙂'],
  ])('a request within a value holding %s answers as the defaults do', async (_what, value) => {
    const calls: Scope[] = [
      { attribute: 'department', value },
      { attribute: 'department', value: [value, depts[0]] },
    ];
    for (const [scope, closed] of calls.flatMap((s) => [[s, false] as const, [s, true] as const])) {
      const expected = [await sums(scope, Q.to), await sums({ attribute: 'department', value: depts[0] }, Q.to)];
      const spec = { periods: [Q], days: Q, monthsTo: Q.to, scope, reads: [Q], closed };
      const seen = await withSharedPasses(db, spec, async () => [
        await sums(scope, Q.to),
        await sums({ attribute: 'department', value: depts[0] }, Q.to),
      ]);
      expect(seen).toEqual(expected);
    }
  });
});
