import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { loadQuery } from '../../src/db/run.ts';
import { ReadPool } from '../../src/db/pool.ts';
import { openSharedPasses, withPeriodReads, withSharedPasses } from '../../src/db/shared-passes.ts';
import { ensureSampleDb, SAMPLE_DIR, sampleFiles } from '../../src/demo/database.ts';
import { tempDir } from '../ledger/helpers.ts';
import { metricAnswers, type MetricParams as P } from './metric-answers.ts';
import { connectionOf, LEAN_MISS, sqlExec, sqlRows } from '../../src/db/sql.ts';

const Q = { from: '2025-10-01', to: '2026-01-01' };
const PREV = { from: '2025-07-01', to: '2025-10-01' };
const OTHER = { from: '2025-04-01', to: '2025-07-01' };
const DEPT = { attribute: 'department', value: '' };

/** The metric files that read the shared passes, with a report's params for [from, to). */
const cases = (from: string, to: string, prev_from: string): [string, P][] => [
  ['flows', { from, to }],
  ['participant_retention', { prev_from, from, to }],
  ['distribution', { from, to, max_points: 40 }],
  ['participant_issued', { from, to }],
  ['group_fairness', { from, to, attribute: 'region', reference: null, min_group_size: 5, low: 0.8, high: 1.25 }],
  ['stocks', { from, to, point_value: 0.01 }],
  ['roi', { from, to, point_value: 0.01, benefit: 5000 }],
  ['tier_mix', { from, to, target_base: 0.7, target_challenge: 0.2, target_reward: 0.1 }],
  ['monthly_series', { from: '2025-01-01', to }],
];

let db: Database;

const answers = (scope: { attribute: string; value: string } | null, from: string, to: string, prev: string) =>
  metricAnswers(db, cases(from, to, prev), scope);

beforeAll(async () => {
  const path = join(tempDir(), 'shared.duckdb');
  await ensureSampleDb(path, sampleFiles(SAMPLE_DIR), { log: () => {} });
  db = await Database.open(path, { threads: 2 });
  const [{ value }] = await sqlRows<{ value: string }>(
    db,
    `SELECT value FROM account_attributes WHERE attribute = 'department' GROUP BY value ORDER BY count(*) DESC LIMIT 1`,
  );
  DEPT.value = value;
}, 300_000);
afterAll(() => db?.close());

describe('withSharedPasses: one per-account pass per period and one month pass per request', () => {
  it('gives every metric the numbers it computes alone, for kept periods, other periods and other scopes', async () => {
    const expected = {
      kept: await answers(DEPT, Q.from, Q.to, PREV.from),
      other: await answers(DEPT, OTHER.from, OTHER.to, '2025-01-01'),
      unfiltered: await answers(null, Q.from, Q.to, PREV.from),
    };
    const seen = await withSharedPasses(
      db,
      { periods: [Q, PREV], days: { from: PREV.from, to: Q.to }, monthsTo: Q.to, scope: DEPT },
      async () => ({
        kept: await answers(DEPT, Q.from, Q.to, PREV.from),
        other: await answers(DEPT, OTHER.from, OTHER.to, '2025-01-01'),
        unfiltered: await answers(null, Q.from, Q.to, PREV.from),
      }),
    );
    expect(seen).toEqual(expected);
    expect((expected.kept.flows as { rows: number }[])[0].rows).toBeGreaterThan(0);
  });

  it('with the periods a report reads named, ll_period_accounts is plain reads and every other call the same sums', async () => {
    const MONTH = { from: '2025-11-01', to: '2025-12-01' };
    const RANGE = { from: '2025-10-15', to: '2025-12-20' };
    // Named (a quarter, a month, a range) and not named (the generic branch): a quarter, a month, a range, no start.
    const probes = async () => ({
      q: await answers(null, Q.from, Q.to, PREV.from),
      month: await answers(null, MONTH.from, MONTH.to, Q.from),
      range: await answers(DEPT, RANGE.from, RANGE.to, '2025-08-01'),
      other: await answers(null, OTHER.from, OTHER.to, '2025-01-01'),
      otherMonth: await answers(DEPT, '2025-08-01', '2025-09-01', '2025-07-01'),
      otherRange: await answers(null, '2025-08-03', '2025-09-17', '2025-06-01'),
      scoped: await answers(DEPT, Q.from, Q.to, PREV.from),
      sinceStart: await sqlRows(
        db,
        'SELECT * FROM ll_period_accounts(NULL, $to::DATE, NULL, NULL) ORDER BY account_id',
        {
          to: Q.to,
        },
      ),
    });
    const expected = await probes();
    const macro = async () =>
      (
        await sqlRows<{ sql: string }>(
          db,
          `SELECT macro_definition AS sql FROM duckdb_functions() WHERE function_name = 'll_period_accounts'`,
        )
      )[0].sql;
    for (const scope of [undefined, DEPT]) {
      const seen = await withSharedPasses(
        db,
        { periods: [Q, PREV], days: { from: PREV.from, to: Q.to }, monthsTo: Q.to, scope, reads: [Q, PREV, MONTH] },
        async () => ({ answers: await probes(), macro: await macro() }),
      );
      expect(seen.answers).toEqual(expected);
      // Quarters and months only: no call binds the four-branch default.
      expect(seen.macro).not.toContain('ll_period_accounts_direct');
      const ranged = await withSharedPasses(db, { periods: [Q], scope, reads: [Q, RANGE] }, probes);
      expect(ranged).toEqual(expected);
    }
    expect((expected.otherMonth.flows as { rows: number }[])[0].rows).toBeGreaterThan(0);
    expect(expected.sinceStart.length).toBeGreaterThan(0);
  });

  it('withPeriodReads: a query alone plans its periods as plain reads, with the numbers of the default, then restores it', async () => {
    const macro = async () =>
      (
        await sqlRows<{ sql: string }>(
          db,
          `SELECT macro_definition AS sql FROM duckdb_functions() WHERE function_name = 'll_period_accounts'`,
        )
      )[0].sql;
    const probes = async () => ({
      unfiltered: await answers(null, Q.from, Q.to, PREV.from),
      scoped: await answers(DEPT, Q.from, Q.to, PREV.from),
    });
    const expected = await probes();
    const seen = await withPeriodReads(db, [Q, PREV], async () => ({ answers: await probes(), macro: await macro() }));
    expect(seen.answers).toEqual(expected);
    expect(seen.macro).not.toContain('ll_period_accounts_direct');
    expect(seen.macro).toContain(`'${Q.from}'`);
    expect(await macro()).toContain('ll_period_accounts_direct');
    const left = await sqlRows(db, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'll_shared%'`);
    expect(left).toEqual([]);
  });

  it('reads the tables it made: the kept periods keep their numbers while the rollups change under them', async () => {
    const before = await answers(DEPT, Q.from, Q.to, PREV.from);
    await sqlExec(db, 'BEGIN TRANSACTION');
    try {
      const during = await withSharedPasses(
        db,
        { periods: [Q, PREV], days: { from: PREV.from, to: Q.to }, monthsTo: Q.to, scope: DEPT },
        async () => {
          for (const t of [
            'account_month',
            'account_quarter',
            'account_first',
            'account_day',
            'day_rule',
            'rule_accounts',
          ])
            await sqlExec(db, `DELETE FROM rollup_${t}`);
          return {
            kept: await answers(DEPT, Q.from, Q.to, PREV.from),
            // Not kept (another scope): computed from the rollups, now empty, so nobody has issued points.
            unfiltered: (await answers(null, Q.from, Q.to, PREV.from)).participant_issued as { issued: number }[],
          };
        },
      );
      expect(during.kept).toEqual(before);
      expect(during.unfiltered.length).toBeGreaterThan(0);
      expect(during.unfiltered.filter((r) => r.issued !== 0)).toEqual([]);
      // Once the request is done, the metrics compute again (here from the emptied rollups).
      const after = await sqlRows<{ issued: number }>(db, loadQuery('participant_issued').sql, {
        ...Q,
        scope_attribute: DEPT.attribute,
        scope_value: DEPT.value,
      });
      expect(after.filter((r) => r.issued !== 0)).toEqual([]);
      expect((before.participant_issued as { issued: number }[]).filter((r) => r.issued !== 0).length).toBeGreaterThan(
        0,
      );
    } finally {
      await sqlExec(db, 'ROLLBACK');
    }
    expect(await answers(DEPT, Q.from, Q.to, PREV.from)).toEqual(before);
  });

  it('restores the macros and drops its tables when the work fails', async () => {
    await expect(
      withSharedPasses(db, { periods: [Q], monthsTo: Q.to, scope: DEPT }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const left = await sqlRows(db, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'll_shared%'`);
    expect(left).toEqual([]);
    const [macro] = await sqlRows<{ sql: string }>(
      db,
      `SELECT macro_definition AS sql FROM duckdb_functions() WHERE function_name = 'll_period_accounts'`,
    );
    expect(macro.sql).toContain('ll_period_accounts_direct');
    expect(macro.sql).not.toContain('ll_shared');
  });

  it('puts back each macro it redefined: all three where the rollups are views of the rows, one for a query alone', async () => {
    const definitions = async (conn: Database) =>
      Object.fromEntries(
        (
          await sqlRows<{ name: string; sql: string }>(
            conn,
            `SELECT function_name AS name, macro_definition AS sql FROM duckdb_functions()
             WHERE function_name IN ('ll_period_accounts', 'll_period_days', 'll_scoped_months')`,
          )
        ).map((r) => [r.name, r.sql]),
      );
    // Where the rollups are views of the rows (a one-shot report), a scoped request keeps all three passes.
    const conn = await db.fork();
    try {
      await conn.keepsLess('ll_kept_rollups');
      const before = await definitions(conn);
      const spec = { periods: [Q], days: { from: PREV.from, to: Q.to }, monthsTo: Q.to, scope: DEPT };
      const during = await withSharedPasses(conn, spec, () => definitions(conn));
      for (const name of Object.keys(before)) expect(during[name], name).toContain('ll_shared');
      expect(await definitions(conn)).toEqual(before);
    } finally {
      conn.close();
    }
    // A query alone on a connection of kept rollups redefines ll_period_accounts only, and gets it back.
    const before = await definitions(db);
    const alone = await withPeriodReads(db, [Q], () => definitions(db));
    expect(alone.ll_period_accounts).not.toBe(before.ll_period_accounts);
    expect({ ...alone, ll_period_accounts: '' }).toEqual({ ...before, ll_period_accounts: '' });
    expect(await definitions(db)).toEqual(before);
  });

  it('keeps a value with a quote as a value (the scope is written into the macro as a literal)', async () => {
    const odd = { attribute: 'department', value: "R&D' OR true --" };
    const seen = await withSharedPasses(db, { periods: [Q], monthsTo: Q.to, scope: odd }, () =>
      answers(odd, Q.from, Q.to, PREV.from),
    );
    expect((seen.participant_issued as unknown[]).length).toBe(0);
    expect((seen.flows as { rows: number }[])[0].rows).toBe(0);
  });
});

describe('a connection left with kept passes (a restore an interrupt cut short)', () => {
  it('is put back by the pool before the next read on it', async () => {
    const pool = new ReadPool(db, 1);
    try {
      // The three macros a request may redefine (the month and day sums for its scope, src/db/lean-passes.ts).
      const macros = async (conn: Database) =>
        (
          await sqlRows<{ name: string; sql: string }>(
            conn,
            `SELECT function_name AS name, macro_definition AS sql FROM duckdb_functions()
             WHERE function_name IN ('ll_period_accounts', 'll_scoped_months', 'll_period_days') ORDER BY name`,
          )
        ).map((r) => `${r.name}: ${r.sql}`);
      const defaults = await pool.read(macros);
      // The state a request leaves when its restore is interrupted: the tables made, the macros reading them.
      const left = await pool.read(async (conn) => {
        await openSharedPasses(conn, { periods: [Q], days: Q, monthsTo: Q.to, scope: DEPT });
        return macros(conn);
      });
      expect(left.join('\n')).toContain('ll_shared_accounts_0');
      // Each of the three was redefined for the request.
      for (const [i, sql] of left.entries()) expect(sql).not.toBe(defaults[i]);
      const next = await pool.read(async (conn) => ({
        macros: await macros(conn),
        tables: await sqlRows(conn, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'll_shared%'`),
      }));
      expect(next.macros).toEqual(defaults);
      expect(next.tables).toEqual([]);
    } finally {
      await pool.idleNow();
      pool.close();
    }
  });

  it("a closed request's (no generic branches) is put back too, and another scope answers on the driver", async () => {
    const pool = new ReadPool(db, 1);
    const names = ['ll_in_scope', 'll_period_accounts', 'll_period_days', 'll_scoped_days', 'll_scoped_months'];
    const macros = async (conn: Database) =>
      (
        await sqlRows<{ name: string; sql: string }>(
          conn,
          `SELECT function_name AS name, macro_definition AS sql FROM duckdb_functions()
           WHERE function_name IN (${names.map((n) => `'${n}'`).join(', ')}) ORDER BY name`,
        )
      ).map((r) => `${r.name}: ${r.sql}`);
    // Straight on the driver (not sqlRows, whose fallback would answer a miss): a scope the request did not name.
    const other = `SELECT count(*)::INTEGER AS n FROM ll_period_days(DATE '${Q.from}', DATE '${Q.to}', 'department', 'no such value')`;
    try {
      const defaults = await pool.read(macros);
      expect(defaults.length).toBe(names.length);
      const left = await pool.read(async (conn) => {
        const spec = { periods: [Q], days: Q, monthsTo: Q.to, scope: DEPT, reads: [Q, PREV], closed: true };
        await openSharedPasses(conn, spec);
        const missed = await connectionOf(conn)
          .runAndReadAll(other)
          .then(
            () => 'answered',
            (e: Error) => e.message,
          );
        return { macros: await macros(conn), missed };
      });
      expect(left.missed).toContain(LEAN_MISS);
      for (const [i, sql] of left.macros.entries()) expect(sql, names[i]).not.toBe(defaults[i]);
      const next = await pool.read(async (conn) => ({
        macros: await macros(conn),
        other: (await connectionOf(conn).runAndReadAll(other)).getRowObjectsJS(),
      }));
      expect(next.macros).toEqual(defaults);
      expect(next.other).toEqual([{ n: 0 }]);
    } finally {
      await pool.idleNow();
      pool.close();
    }
  });
});
