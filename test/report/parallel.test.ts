import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { buildReport, type PeriodMemo, type ReportOptions } from '../../src/report/build.ts';
import type { PeriodResult } from '../../src/report/period-metrics.ts';
import { reportIntervals } from '../../src/report/intervals.ts';
import { sampleDbFile } from '../hardening/sample-db.ts';
import { connectionOf, sqlRows } from '../../src/db/sql.ts';

/**
 * `report --db` computes the period before on a second connection at the same time as the period (`parallel`): the
 * report must be the one a single connection gives, number for number, interval included.
 */
describe('the report with the period before on a second connection, and its intervals alone', () => {
  let sample: Awaited<ReturnType<typeof sampleDbFile>>;
  let db: Database;
  beforeAll(async () => {
    sample = await sampleDbFile();
    db = await Database.open(sample.path, { readOnly: true });
  }, 120_000);
  afterAll(() => {
    db?.close();
    sample?.cleanup();
  });

  const cases: [string, ReportOptions][] = [
    ['the default quarter', {}],
    ['a quarter by department', { period: { quarter: '2026Q1' }, by: 'department' }],
    ['a range not on a month', { period: { from: '2026-01-15', to: '2026-03-20' } }],
  ];
  for (const [name, opts] of cases)
    it(`equals the single-connection report: ${name}`, async () => {
      const one = await buildReport(db, opts);
      const two = await buildReport(db, { ...opts, parallel: true });
      expect(two).toEqual(one);
      expect(two.gini_ci).not.toBeNull();
      expect(two.previous.gini_ci).not.toBeNull();
    });

  it('within a department filter too (each connection keeps the passes of its own periods)', async () => {
    const [{ value }] = await sqlRows<{ value: string }>(
      db,
      "SELECT value FROM account_attributes WHERE attribute = 'department' GROUP BY value ORDER BY count(*) DESC, value LIMIT 1",
    );
    const filter = { attribute: 'department', value };
    const one = await buildReport(db, { filter });
    const two = await buildReport(db, { filter, parallel: true });
    expect(two).toEqual(one);
    expect(two.population.n).toBeLessThan((await buildReport(db, { parallel: true })).population.n);
  });

  it("the intervals alone (Health's request after the numbers) are the report's, period and period before", async () => {
    const [{ value }] = await sqlRows<{ value: string }>(
      db,
      "SELECT value FROM account_attributes WHERE attribute = 'department' GROUP BY value ORDER BY value LIMIT 1",
    );
    for (const opts of [{}, { period: { quarter: '2026Q1' } }, { filter: { attribute: 'department', value } }]) {
      const report = await buildReport(db, opts);
      const alone = await reportIntervals(db, opts);
      expect(alone).toEqual({
        period: report.period,
        gini_ci: report.gini_ci,
        previous: { period: report.previous.period, gini_ci: report.previous.gini_ci },
        bootstrap: report.settings.bootstrap,
      });
      expect(alone.gini_ci).not.toBeNull();
    }
  });

  it('leaves no second connection behind: the database closes and a later report still runs', async () => {
    await buildReport(db, { parallel: true, intervals: false });
    const again = await buildReport(db, { parallel: true, intervals: false });
    expect(again.gini_ci).toBeNull();
  });
  it('within a filter the second connection takes rule usage first, the largest read left; unfiltered, the breakdown', async () => {
    const [{ value }] = await sqlRows<{ value: string }>(
      db,
      "SELECT value FROM account_attributes WHERE attribute = 'department' GROUP BY value ORDER BY value LIMIT 1",
    );
    const held = new Map<string, Promise<PeriodResult>>();
    const memo: PeriodMemo = {
      get: (key, make) => held.get(key) ?? held.set(key, make()).get(key)!,
      has: (key) => held.has(key),
    };
    const second = await db.fork();
    // The query files' names, in the order the second connection runs them (each file's first line names it).
    const conn = connectionOf(second) as unknown as { runAndReadAll: (sql: string, ...rest: unknown[]) => unknown };
    const original = conn.runAndReadAll;
    const names: string[] = [];
    conn.runAndReadAll = (sql, ...rest) => {
      names.push(/^-- (\w+):/.exec(sql)?.[1] ?? sql.slice(0, 20));
      return original.call(conn, sql, ...rest);
    };
    const firstOnSecond = async (filter?: { attribute: string; value: string }) => {
      const opts: ReportOptions = { by: 'department', filter, intervals: false };
      // The quarter before is then known: the second connection starts on the reads left at once.
      await buildReport(db, { ...opts, period: { quarter: '2025Q4' }, memo, second });
      names.length = 0;
      const report = await buildReport(db, { ...opts, period: { quarter: '2026Q1' }, memo, second });
      expect(report).toEqual(await buildReport(db, { ...opts, period: { quarter: '2026Q1' } }));
      return names[0];
    };
    try {
      expect(await firstOnSecond({ attribute: 'department', value })).toBe('rule_usage');
      expect(await firstOnSecond()).toBe('group_fairness');
    } finally {
      conn.runAndReadAll = original;
      second.close();
    }
  });

  it('hands the second connection back clean when the period before became known while its passes were made', async () => {
    const held = new Map<string, Promise<PeriodResult>>();
    let asked = 0;
    // The first look (which connections to prepare) finds nothing; by the time the report asks, another report holds
    // every period: the second connection, its passes made at once with the first's, is never given work.
    const memo: PeriodMemo = {
      get: (key, make) => held.get(key) ?? held.set(key, make()).get(key)!,
      has: (key) => asked++ > 1 && held.has(key),
    };
    const [{ value }] = await sqlRows<{ value: string }>(
      db,
      "SELECT value FROM account_attributes WHERE attribute = 'department' GROUP BY value ORDER BY value LIMIT 1",
    );
    // Within a filter each connection keeps a table of its period's accounts.
    const filter = { attribute: 'department', value };
    const opts: ReportOptions = { period: { quarter: '2026Q1' }, by: 'department', filter, intervals: false };
    const alone = await buildReport(db, opts);
    await buildReport(db, { ...opts, period: { quarter: '2026Q2' }, memo });
    await buildReport(db, { ...opts, memo });
    const second = await db.fork();
    const onSecond: string[] = [];
    const conn = connectionOf(second) as unknown as { runAndReadAll: (sql: string, ...rest: unknown[]) => unknown };
    const original = conn.runAndReadAll;
    conn.runAndReadAll = (sql, ...rest) => {
      onSecond.push(/^-- (\w+):/.exec(sql)?.[1] ?? sql.slice(0, 30));
      return original.call(conn, sql, ...rest);
    };
    try {
      asked = 0;
      expect(await buildReport(db, { ...opts, memo, second })).toEqual(alone);
      expect(onSecond.filter((n) => /^[a-z_]+$/.test(n))).toEqual([]);
      conn.runAndReadAll = original;
      const tables = await sqlRows(second, "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'll_shared%'");
      expect(tables).toEqual([]);
      // Its macros are the defaults again, as on a connection no report has used.
      const macros = (on: Database) =>
        sqlRows(
          on,
          "SELECT function_name, macro_definition FROM duckdb_functions() WHERE function_name LIKE 'll_%' AND database_name = 'temp' ORDER BY ALL",
        );
      const fresh = await db.fork();
      try {
        expect(await macros(second)).toEqual(await macros(fresh));
      } finally {
        fresh.close();
      }
    } finally {
      conn.runAndReadAll = original;
      second.close();
    }
  });
});
