import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLedger } from '../../src/ledger/import.ts';
import { dayRuleOfRows, rebuildRollups, ROLLUPS, rollupsCurrent } from '../../src/db/rollups.ts';
import { monthRuns, withinRun } from '../../src/db/rollup-chunks.ts';
import { loadQuery } from '../../src/db/run.ts';
import { fileDb, memoryDb, tempDir, writeTemp } from '../ledger/helpers.ts';
import { runChecked } from './fixture.ts';
import { orderedRowsJson, rowsJson } from '../db/rows-text.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'sample-data', 'ledger.csv');
const TABLES = [
  ...ROLLUPS.map((r) => r.table),
  'account_latest',
  'rollup_account_attributes',
  'rollup_value_month',
  'rollup_value_day_rule',
  'rollup_value_rule_quarter',
  'rollup_cohort_month',
];
const KEYS: Record<string, string> = {
  account_latest: 'account_id',
  rollup_account_attributes: 'account_id, attribute',
  rollup_value_month: 'attribute, value, month',
  rollup_value_day_rule: 'attribute, value, day, rule_id, event_type',
  rollup_value_rule_quarter: 'attribute, value, rule_id, quarter',
  rollup_cohort_month: 'attribute, value, cohort, month',
  ...Object.fromEntries(ROLLUPS.map((r) => [r.table, r.keys.join(', ')])),
};

/** A rollup's rows in a stable order, sums as text so that DECIMAL equality is exact. */
const dump = (db: Awaited<ReturnType<typeof memoryDb>>, table: string) =>
  sqlRows(
    db,
    `SELECT * EXCLUDE (extra), extra::VARCHAR AS extra FROM (SELECT *, NULL AS extra FROM ${table}) ORDER BY ${KEYS[table]}`.replace(
      ', NULL AS extra',
      table === 'account_latest' ? '' : ', NULL AS extra',
    ),
  ).then((rows) => JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

/** The sample cut into two exports; the second overlaps the first by 10 % of the rows (duplicates, not added twice). */
function overlappingExports() {
  const lines = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  const [header, body] = [lines[0], lines.slice(1)];
  const cut = Math.floor(body.length * 0.6);
  const dir = tempDir();
  const first = writeTemp('a.csv', `${[header, ...body.slice(0, cut)].join('\n')}\n`, dir);
  const second = writeTemp('b.csv', `${[header, ...body.slice(Math.floor(body.length * 0.5))].join('\n')}\n`, dir);
  return { dir, first, second };
}

describe('queries/reductions/*.sql and the rollups kept with the import', () => {
  it('every reduction returns its declared columns, for one import and for all rows', async () => {
    const db = await memoryDb();
    await importLedger(db, { file: SAMPLE });
    for (const r of ['account_day', 'earn_day', 'approver_hour', 'transfer_edge', 'account_latest']) {
      const all = await runChecked(db, `reductions/${r}`, { import_id: null });
      const one = await runChecked(db, `reductions/${r}`, { import_id: 1 });
      expect(all.length, r).toBeGreaterThan(0);
      expect(one.length, r).toBe(all.length);
      expect(await runChecked(db, `reductions/${r}`, { import_id: 99 })).toEqual([]);
    }
    // earn_day is rollup_account_day's earn cells added up over their rules, day for day.
    const earnCells = `SELECT account_id, day, sum(n)::BIGINT AS n, sum(points)::DECIMAL(18,2) AS points
      FROM rollup_account_day WHERE event_type = 'earn' GROUP BY ALL`;
    const earnDays = await sqlRows(db, `SELECT * FROM rollup_earn_day ORDER BY ALL`);
    expect(earnDays.length).toBeGreaterThan(0);
    expect(rowsJson(earnDays)).toBe(await orderedRowsJson(db, earnCells));
    // day_rule adds up the account_day rows of the same import, kept in ll_account_day.
    await sqlExec(db, `CREATE TEMP TABLE ll_account_day AS SELECT * FROM rollup_account_day`);
    const days = await runChecked(db, 'reductions/day_rule');
    expect(days.length).toBe((await sqlRows(db, 'SELECT 1 FROM rollup_day_rule')).length);
    // account_quarter and account_first add up the account_month rows of the same import, kept in ll_account_month.
    await sqlExec(db, `CREATE TEMP TABLE ll_account_month AS SELECT * FROM rollup_account_month`);
    for (const [r, table] of [
      ['account_quarter', 'rollup_account_quarter'],
      ['account_first', 'rollup_account_first'],
    ]) {
      const got = await runChecked(db, `reductions/${r}`);
      expect(got.length, r).toBeGreaterThan(0);
      expect(got.length, r).toBe((await sqlRows(db, `SELECT 1 FROM ${table}`)).length);
    }
    // The one-shot report's day × rule table, reduced from the rows themselves, is the same table cell for cell.
    const text = (sql: string) => orderedRowsJson(db, sql);
    expect(await text(dayRuleOfRows())).toBe(await text(loadQuery('reductions/day_rule').sql));
    const attributes = await runChecked(db, 'reductions/account_attributes');
    expect(attributes.length).toBe((await sqlRows(db, 'SELECT 1 FROM rollup_account_attributes')).length);
    expect(attributes.length).toBeGreaterThan(0);
    const values = await runChecked(db, 'reductions/value_month');
    expect(values.length).toBe((await sqlRows(db, 'SELECT 1 FROM rollup_value_month')).length);
    expect(values.length).toBeGreaterThan(0);
    const valueDays = await runChecked(db, 'reductions/value_day_rule');
    expect(valueDays.length).toBe((await sqlRows(db, 'SELECT 1 FROM rollup_value_day_rule')).length);
    expect(valueDays.length).toBeGreaterThan(0);
    const cohorts = await runChecked(db, 'reductions/cohort_month');
    expect(cohorts.length).toBe((await sqlRows(db, 'SELECT 1 FROM rollup_cohort_month')).length);
    expect(cohorts.filter((r) => r.attribute === null).length).toBeGreaterThan(0);
    expect(cohorts.filter((r) => r.attribute !== null).length).toBeGreaterThan(0);
    const valueRules = await runChecked(db, 'reductions/value_rule_quarter');
    expect(valueRules.length).toBe((await sqlRows(db, 'SELECT 1 FROM rollup_value_rule_quarter')).length);
    expect(valueRules.length).toBeGreaterThan(0);
    // Each account's rules per quarter with the months it used them in, and the distinct accounts per rule and month
    // or quarter counted from them, against the same read straight from the ledger's rows.
    const ruleQuarters = await runChecked(db, 'reductions/account_rule_quarter', { from: null, to: null });
    expect(ruleQuarters.length).toBeGreaterThan(0);
    const used = `FROM ledger WHERE coalesce(rule_id, '') <> ''`;
    expect(await text('SELECT * FROM rollup_account_rule_quarter')).toBe(
      await text(`SELECT account_id, rule_id, date_trunc('quarter', occurred_at)::DATE,
        bit_or(1::TINYINT << ((month(occurred_at) - 1) % 3)) ${used} GROUP BY ALL`),
    );
    expect(await text('SELECT * FROM rollup_rule_accounts')).toBe(
      await text(`SELECT rule_id, date_trunc('month', occurred_at)::DATE, 1 AS months, count(DISTINCT account_id) ${used} GROUP BY ALL
        UNION ALL SELECT rule_id, date_trunc('quarter', occurred_at)::DATE, 3 AS months, count(DISTINCT account_id) ${used} GROUP BY ALL`),
    );
  });

  it("writes each account's rule rows of a quarter together, quarter after quarter (what keeps its ids compressed)", async () => {
    const db = await memoryDb();
    await importLedger(db, { file: SAMPLE });
    // A new run starts wherever the account or the quarter changes in the order the rows were written: one run per
    // account and quarter when each account's rows lie together, more when they interleave.
    const [c] = await sqlRows<{ runs: number; groups: number; back: number }>(
      db,
      `SELECT count(*) FILTER (WHERE prev_a IS DISTINCT FROM account_id OR prev_q IS DISTINCT FROM quarter)::INTEGER AS runs,
              count(DISTINCT (account_id, quarter))::INTEGER AS groups,
              count(*) FILTER (WHERE quarter < prev_q)::INTEGER AS back
       FROM (SELECT account_id, quarter, lag(account_id) OVER w AS prev_a, lag(quarter) OVER w AS prev_q
             FROM rollup_account_rule_quarter WINDOW w AS (ORDER BY rowid))`,
    );
    expect(c.groups).toBeGreaterThan(1000);
    expect(c.runs).toBe(c.groups);
    expect(c.back).toBe(0);
  });

  // Five imports of the sample: about 16 s on an idle machine, 126 s (past the default 120 s) in one CI run with the
  // whole suite beside it on two cores. A limit, not a timing: the assertions are what the test checks.
  it('two overlapping imports merged into the rollups equal a rebuild from every row', async () => {
    const { dir, first, second } = overlappingExports();
    const merged = await fileDb(join(dir, 'merged.duckdb'));
    await importLedger(merged, { file: first });
    const s = await importLedger(merged, { file: second });
    expect(s.duplicates).toBeGreaterThan(0);
    expect(await rollupsCurrent(merged)).toBe(true);
    const whole = await memoryDb();
    await importLedger(whole, { file: SAMPLE });
    await rebuildRollups(merged);
    for (const t of TABLES) {
      const [{ n }] = await sqlRows<{ n: number }>(whole, `SELECT count(*)::INTEGER AS n FROM ${t}`);
      expect(n, t).toBeGreaterThan(0);
    }
    // The merged file's rollups before the rebuild are compared through a copy taken above: rebuild is idempotent.
    const again = await fileDb(join(dir, 'again.duckdb'));
    await importLedger(again, { file: first });
    await importLedger(again, { file: second });
    for (const t of TABLES) expect(await dump(again, t), t).toBe(await dump(whole, t));
    for (const t of TABLES) expect(await dump(merged, t), t).toBe(await dump(whole, t));
  }, 300_000);

  it('rollups reduced run by run of months equal one pass over every row, written directly or merged', async () => {
    const whole = await memoryDb();
    await importLedger(whole, { file: SAMPLE });
    expect(await monthRuns(whole, null)).toHaveLength(1);
    const { first, second } = overlappingExports();
    process.env.LEDGER_LENS_ROLLUP_RUN_ROWS = '5000';
    try {
      const direct = await memoryDb();
      await importLedger(direct, { file: SAMPLE });
      const runs = await monthRuns(direct, null);
      expect(runs.length).toBeGreaterThan(3);
      expect(runs[0].from).toBeNull();
      expect(runs.at(-1)?.to).toBeNull();
      const merged = await memoryDb();
      await importLedger(merged, { file: first });
      const s = await importLedger(merged, { file: second });
      expect((await monthRuns(merged, s.import_id)).length).toBeGreaterThan(1);
      for (const t of TABLES) {
        expect(await dump(direct, t), t).toBe(await dump(whole, t));
        expect(await dump(merged, t), t).toBe(await dump(whole, t));
      }
      // The view that narrowed each run to its months is gone: later reads see the whole ledger.
      const [{ n }] = await sqlRows<{ n: number }>(
        direct,
        `SELECT count(*)::INTEGER AS n FROM duckdb_views() WHERE temporary AND view_name = 'ledger'`,
      );
      expect(n).toBe(0);
    } finally {
      delete process.env.LEDGER_LENS_ROLLUP_RUN_ROWS;
    }
  });

  it("runs of one month each keep rows at a month's first and last instant, across empty months and years, out of order", async () => {
    // Midnight at a month's start, the last microsecond before it, 1970 and 2099 (every month between them empty),
    // a leap day, rows out of time order; transfers and approvers so that every rollup has rows in several runs.
    const stamps = [
      '2024-01-31 23:59:59.999999',
      '2024-02-01 00:00:00',
      '2024-02-29 23:59:59',
      '2024-03-01 00:00:00',
      '1970-01-01 00:00:00',
      '2099-12-31 23:59:59.999999',
      '2025-12-31 23:59:59',
      '2026-01-01 00:00:00',
    ];
    const lines = ['event_id,occurred_at,account_id,points,event_type,counterparty_id,approver_id'];
    for (let i = 0; i < 96; i++) {
      const transfer = i % 3 === 0;
      const points = transfer ? (i % 2 ? '-4' : '4') : String(5 + (i % 7));
      const at = stamps[(i * 5) % stamps.length];
      lines.push(
        `e${i},${at},u${i % 5},${points},${transfer ? 'transfer' : 'earn'},${transfer ? `u${(i + 1) % 5}` : ''},a${i % 2}`,
      );
    }
    const file = writeTemp('edges.csv', `${lines.join('\n')}\n`);
    const whole = await memoryDb();
    await importLedger(whole, { file });
    process.env.LEDGER_LENS_ROLLUP_RUN_ROWS = '1';
    try {
      const runs = await memoryDb();
      const s = await importLedger(runs, { file });
      expect(s.accepted).toBe(96);
      expect(await monthRuns(runs, null)).toHaveLength(7);
      for (const t of TABLES) expect(await dump(runs, t), t).toBe(await dump(whole, t));
      const [{ n }] = await sqlRows<{ n: number }>(runs, 'SELECT sum(n)::INTEGER AS n FROM rollup_account_day');
      expect(n).toBe(96);
    } finally {
      delete process.env.LEDGER_LENS_ROLLUP_RUN_ROWS;
    }
  });

  it('an import after one of expiries only, in several runs, keeps one first month per account', async () => {
    // The first import leaves rollup_account_first empty (no row other than expire) though account × month has rows:
    // the second import's runs then met that empty table, whose key (the account) runs of months do not keep apart.
    const head = 'event_id,occurred_at,account_id,points,event_type';
    const expiries = [head, 'x1,2025-01-31 23:00:00,u1,-5,expire', 'x2,2025-01-31 23:00:00,u2,-5,expire'];
    const earns = [head, 'e1,2025-03-02 10:00:00,u1,7,earn', 'e2,2025-07-02 10:00:00,u1,8,earn'];
    earns.push('e3,2025-05-02 10:00:00,u2,9,earn', 'e4,2025-09-02 10:00:00,u2,3,earn');
    const dir = tempDir();
    const first = writeTemp('x.csv', `${expiries.join('\n')}\n`, dir);
    const second = writeTemp('e.csv', `${earns.join('\n')}\n`, dir);
    const rebuilt = await memoryDb();
    await importLedger(rebuilt, { file: first });
    await importLedger(rebuilt, { file: second });
    await rebuildRollups(rebuilt);
    process.env.LEDGER_LENS_ROLLUP_RUN_ROWS = '1';
    try {
      const db = await memoryDb();
      await importLedger(db, { file: first });
      expect(await sqlRows(db, 'SELECT 1 FROM rollup_account_first')).toEqual([]);
      await importLedger(db, { file: second });
      expect(await monthRuns(db, 2)).toHaveLength(4);
      for (const t of TABLES) expect(await dump(db, t), t).toBe(await dump(rebuilt, t));
    } finally {
      delete process.env.LEDGER_LENS_ROLLUP_RUN_ROWS;
    }
  });

  it('LEDGER_LENS_ROLLUP_RUN_ROWS that is no count of rows is refused by name, and the import leaves nothing', async () => {
    for (const value of ['abc', '0', '-5', '1.5', '2e6']) {
      const db = await memoryDb();
      process.env.LEDGER_LENS_ROLLUP_RUN_ROWS = value;
      try {
        await expect(importLedger(db, { file: SAMPLE })).rejects.toThrow(`LEDGER_LENS_ROLLUP_RUN_ROWS=${value}`);
      } finally {
        delete process.env.LEDGER_LENS_ROLLUP_RUN_ROWS;
      }
      expect(await sqlRows(db, 'SELECT 1 FROM ledger')).toEqual([]);
      expect(await sqlRows(db, 'SELECT 1 FROM rollup_account_day')).toEqual([]);
    }
  });

  it('a run that fails inside the import transaction reports its own error, not the aborted transaction', async () => {
    const db = await memoryDb();
    await importLedger(db, { file: SAMPLE });
    const failing = db.transaction(() =>
      withinRun(db, { from: '2026-01-01', to: null }, () => sqlExec(db, `SELECT error('disk full while reducing')`)),
    );
    await expect(failing).rejects.toThrow('disk full while reducing');
    // Rolled back whole: the narrowing view is gone, the ledger is whole again.
    const [{ views }] = await sqlRows<{ views: number }>(
      db,
      `SELECT count(*)::INTEGER AS views FROM duckdb_views() WHERE temporary AND view_name = 'ledger'`,
    );
    expect(views).toBe(0);
  });

  it('a dry run leaves the rollups as they were', async () => {
    const db = await memoryDb();
    await importLedger(db, { file: SAMPLE, dryRun: true });
    for (const t of TABLES) expect((await sqlRows(db, `SELECT 1 FROM ${t}`)).length, t).toBe(0);
    expect(await rollupsCurrent(db)).toBe(false);
  });
});
