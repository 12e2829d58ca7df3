import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { withSharedPasses } from '../../src/db/shared-passes.ts';
import { connectionOf, LEAN_MISS, sqlRows } from '../../src/db/sql.ts';
import { ensureSampleDb, SAMPLE_DIR, sampleFiles } from '../../src/demo/database.ts';
import { buildReport } from '../../src/report/build.ts';
import { tempDir } from '../ledger/helpers.ts';
import { metricAnswers, type MetricParams as P } from './metric-answers.ts';

type Scope = { attribute: string; value: string } | undefined;

const Q = { from: '2025-10-01', to: '2026-01-01' };
const PREV = { from: '2025-07-01', to: '2025-10-01' };
const BEFORE = { from: '2025-04-01', to: '2025-07-01' };
const LEAN = ['ll_in_scope', 'll_scoped_days', 'll_period_accounts', 'll_period_days', 'll_scoped_months'];

let db: Database;
const depts: string[] = [];
/** Statements on `db` that failed with a lean miss (and so ran again on the defaults). */
let misses: string[] = [];

/** Every metric file that reads a macro a closed request redefines, with a report's params for [from, to). */
const cases = (from: string, to: string, prev_from: string): [string, P][] => [
  ['flows', { from, to }],
  ['participant_retention', { prev_from, from, to }],
  ['distribution', { from, to, max_points: 40 }],
  ['group_fairness', { from, to, attribute: 'region', reference: null, min_group_size: 5, low: 0.8, high: 1.25 }],
  ['stocks', { from, to, point_value: 0.01 }],
  ['roi', { from, to, point_value: 0.01, benefit: 5000 }],
  ['tier_mix', { from, to, target_base: 0.7, target_challenge: 0.2, target_reward: 0.1 }],
  ['monthly_series', { from: '2025-01-01', to }],
  ['rule_usage', { from, to }],
  ['expiring_soon', { at: to, expiry_months: 12 }],
];

const answers = (scope: Scope, from: string, to: string, prev: string) =>
  metricAnswers(db, cases(from, to, prev), scope);

const definitions = async () =>
  Object.fromEntries(
    (
      await sqlRows<{ name: string; sql: string }>(
        db,
        `SELECT function_name AS name, macro_definition AS sql FROM duckdb_functions()
         WHERE function_name IN (${LEAN.map((n) => `'${n}'`).join(', ')})`,
      )
    ).map((r) => [r.name, r.sql]),
  );

beforeAll(async () => {
  const path = join(tempDir(), 'closed.duckdb');
  await ensureSampleDb(path, sampleFiles(SAMPLE_DIR), { log: () => {} });
  db = await Database.open(path, { threads: 2 });
  const rows = await sqlRows<{ value: string }>(
    db,
    `SELECT value FROM account_attributes WHERE attribute = 'department' GROUP BY value ORDER BY count(*) DESC, value`,
  );
  depts.push(...rows.map((r) => r.value));
  countMisses(db);
}, 300_000);

/** Counts the statements on `on` that meet a lean miss: the driver's call fails before sqlRows runs it again. */
function countMisses(on: Database): void {
  const conn = connectionOf(on) as unknown as { runAndReadAll: (...a: unknown[]) => Promise<unknown> };
  const original = conn.runAndReadAll.bind(conn);
  conn.runAndReadAll = async (...args: unknown[]) => {
    try {
      return await original(...args);
    } catch (e) {
      if (String((e as Error).message).includes(LEAN_MISS)) misses.push(String(args[0]).slice(0, 40));
      throw e;
    }
  };
}
afterAll(() => db?.close());

/**
 * A closed request (a report) has no generic branch in its macros: a call it did not name fails and runs again on the
 * defaults (src/db/sql.ts, sqlRows). Every such call must still answer what the defaults answer outside the request.
 */
describe('a closed request: the lean definitions without generic branches', () => {
  it.each([
    ['within a department', () => ({ attribute: 'department', value: depts[0] })],
    ['unfiltered', () => undefined],
  ])('%s, every call answers as the defaults do, named or not', async (_what, scopeOf) => {
    const scope: Scope = scopeOf();
    const other = { attribute: 'department', value: depts[1] };
    const probes = async () => ({
      own: await answers(scope, Q.from, Q.to, PREV.from),
      prior: await answers(scope, PREV.from, PREV.to, BEFORE.from),
      otherQuarter: await answers(scope, '2025-01-01', '2025-04-01', '2024-10-01'),
      month: await answers(scope, '2025-11-01', '2025-12-01', '2025-10-01'),
      range: await answers(scope, '2025-10-15', '2025-12-20', '2025-08-01'),
      otherScope: await answers(other, Q.from, Q.to, PREV.from),
      unfiltered: await answers(undefined, Q.from, Q.to, PREV.from),
      sinceStart: await sqlRows(db, 'SELECT * FROM ll_period_accounts(NULL, $to::DATE, NULL, NULL) ORDER BY ALL', {
        to: Q.to,
      }),
    });
    const before = await definitions();
    const expected = await probes();
    misses = [];
    const spec = { periods: [Q, PREV], days: { from: PREV.from, to: Q.to }, monthsTo: Q.to, scope };
    const seen = await withSharedPasses(db, { ...spec, reads: [Q, PREV, BEFORE], closed: true }, async () => {
      const lean = await definitions();
      const all = await probes();
      return { all, lean, after: await definitions() };
    });
    expect(seen.all).toEqual(expected);
    // The lean definitions were in force, still are after a miss, and the defaults are back after the request.
    for (const name of LEAN) expect(seen.lean[name], name).toContain(LEAN_MISS);
    expect(seen.after).toEqual(seen.lean);
    expect(await definitions()).toEqual(before);
    // Calls outside the request missed (without the fallback they would have failed), its own calls did not.
    expect(misses.length).toBeGreaterThan(0);
    misses = [];
    await withSharedPasses(db, { ...spec, reads: [Q, PREV, BEFORE], closed: true }, async () => {
      await answers(scope, Q.from, Q.to, PREV.from);
      await answers(scope, PREV.from, PREV.to, BEFORE.from);
    });
    expect(misses).toEqual([]);
    expect((expected.otherScope.flows as { rows: number }[])[0].rows).toBeGreaterThan(0);
    expect((expected.own.rule_usage as unknown[]).length).toBeGreaterThan(0);
  });

  it('statements that miss at once on one connection each answer as the defaults do', async () => {
    const other = { attribute: 'department', value: depts[1] };
    const calls = ['2025-09-01', '2025-10-01', '2025-11-01', '2025-12-01'].map(
      (from) => () =>
        sqlRows<{ n: number }>(
          db,
          'SELECT count(*)::INTEGER AS n FROM ll_period_accounts($from::DATE, $to::DATE, $a, $v)',
          {
            from,
            to: Q.to,
            a: other.attribute,
            v: other.value,
          },
        ),
    );
    const expected = [];
    for (const call of calls) expected.push(await call());
    const spec = { periods: [Q, PREV], days: { from: PREV.from, to: Q.to }, monthsTo: Q.to, reads: [Q, PREV, BEFORE] };
    const scope = { attribute: 'department', value: depts[0] };
    // Each call is outside the request (another scope): each misses, and one's lean definitions, put back when its
    // second run ends, must not fail another's second run.
    for (let round = 0; round < 3; round++)
      expect(
        await withSharedPasses(db, { ...spec, scope, closed: true }, () => Promise.all(calls.map((c) => c()))),
      ).toEqual(expected);
    expect(expected.every(([r]) => r.n > 0)).toBe(true);
  });

  it('a value with a quote stays one literal in the scope test', async () => {
    const odd = { attribute: 'department', value: "R&D' OR true --" };
    const expected = await answers(odd, Q.from, Q.to, PREV.from);
    const spec = { periods: [Q], monthsTo: Q.to, days: Q, scope: odd, reads: [Q, PREV], closed: true };
    expect(await withSharedPasses(db, spec, () => answers(odd, Q.from, Q.to, PREV.from))).toEqual(expected);
    expect((expected.flows as { rows: number }[])[0].rows).toBe(0);
  });

  it('a report names every call it makes: no statement of a quarter or a month report runs twice', async () => {
    const Scope = { attribute: 'department', value: depts[0] };
    // Two connections: the period before and part of the rest run on the second one, within its own passes.
    const other = await db.fork();
    countMisses(other);
    try {
      for (const period of [{ quarter: '2025Q4' }, { from: '2025-11-01', to: '2025-12-01' }])
        for (const filter of [undefined, Scope])
          for (const second of [undefined, other]) {
            misses = [];
            const report = await buildReport(db, { period, filter, by: 'region', intervals: false, second });
            expect(misses, JSON.stringify({ period, filter, second: Boolean(second) })).toEqual([]);
            expect(report.active).toBeGreaterThan(0);
          }
    } finally {
      other.close();
    }
  });
});
