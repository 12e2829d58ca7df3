import type { DuckDBValue } from '@duckdb/node-api';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.ts';
import { loadQuery } from '../../src/db/run.ts';
import { withSharedPasses } from '../../src/db/shared-passes.ts';
import type { AccountScope as Scope } from '../../src/db/within-scope.ts';
import { scopeParams } from '../../src/db/query-types.ts';
import { quartersBetween, quarterPeriod, addDays } from '../../src/dates.ts';
import { generateSample, SAMPLE_DEFAULTS } from '../../src/sample/generate.ts';
import { ensureSampleDb, SAMPLE_DIR, sampleFiles } from '../../src/demo/database.ts';
import { tempDir } from '../ledger/helpers.ts';
import { expectSame, rawConnection, rawSql, rows } from './raw.ts';
import { sqlRows } from '../../src/db/sql.ts';

type P = Record<string, DuckDBValue>;

/**
 * Every metric file that reads the rollups, with the params the report and the pages give it for period [from, to),
 * against the raw-row SQL it replaced.
 */
function cases(from: string, to: string, scoped: boolean): [string, P][] {
  const yearBefore = `${Number(to.slice(0, 4)) - 1}${to.slice(4, 8)}01`;
  const prevFrom = `${Number(from.slice(0, 4)) - (from.slice(5, 7) <= '03' ? 1 : 0)}-${String(((Number(from.slice(5, 7)) + 8) % 12) + 1).padStart(2, '0')}-01`;
  const out: [string, P][] = [
    ['flows', { from, to }],
    ['stocks', { from, to, point_value: 0.01 }],
    ['participant_retention', { prev_from: prevFrom, from, to }],
    ['roi', { from, to, point_value: 0.01, benefit: 5000 }],
    ['distribution', { from, to, max_points: 40 }],
    ['participant_issued', { from, to }],
    ['monthly_series', { from: yearBefore, to }],
    ['cohort_retention', { from: yearBefore, to }],
    ['tier_mix', { from, to, target_base: 0.7, target_challenge: 0.2, target_reward: 0.1 }],
    ['rule_usage', { from, to }],
    ['expiring_soon', { at: to, expiry_months: 12 }],
    ['group_fairness', { from, to, attribute: 'department', reference: null, min_group_size: 5, low: 0.8, high: 1.25 }],
  ];
  // Rankings (their top found by a bounded heap, not by ranking everyone) against the files as they were before
  // (test/equality/raw/rank_*.sql); within a scope too, as a manager's ranking reads them.
  out.push(['rank_period', { from, to, prev_from: prevFrom, prev_to: from, attribute: 'department', top: 10 }]);
  out.push(['rank_period', { from, to, prev_from: prevFrom, prev_to: from, attribute: null, top: 3 }]);
  out.push(['rank_concentration', { from, to, prev_from: prevFrom, prev_to: from }]);
  if (!scoped) out.push(['attribute_values', { max_values: 50 }]);
  return out;
}

/** Only what the file declares: the raw file takes no filter params, the rollup file does. */
const bind = (id: string, p: P, extra: P = {}) =>
  Object.fromEntries(loadQuery(id).header.params.map((n) => [n, { ...p, ...extra }[n] ?? null]));
const bindRaw = (sql: string, p: P) =>
  Object.fromEntries(
    [...new Set([...sql.replace(/^--.*$/gm, '').matchAll(/\$([a-z_]+)/g)].map((m) => m[1]))].map((n) => [
      n,
      p[n] ?? null,
    ]),
  );

async function compareAll(db: Database, periods: { from: string; to: string }[], scopes: (Scope | undefined)[]) {
  let compared = 0;
  for (const scope of scopes) {
    const raw = await rawConnection(db, scope);
    try {
      const scopeP = scopeParams(scope);
      for (const { from, to } of periods) {
        const all = cases(from, to, Boolean(scope));
        const viaRows: Record<string, unknown>[][] = [];
        for (const [id, p] of all) viaRows.push(await rows(raw, rawSql(id), bindRaw(rawSql(id), p)));
        // Each file alone, then as a report request runs them: within the passes it shares (src/db/shared-passes.ts).
        const prevFrom = all.find(([id]) => id === 'participant_retention')![1].prev_from as string;
        const shared = {
          periods: [
            { from, to },
            { from: prevFrom, to: from },
          ],
          days: { from: prevFrom, to },
          monthsTo: to,
          scope,
        };
        // Within, the periods named as a report names them: ll_period_accounts as plain reads and one generic branch
        // (the passes without them, as Fairness and Rankings run, equal these in test/db/shared-passes.test.ts).
        // Closed, as a report runs them: no generic branch, and every other call runs again on the defaults.
        for (const within of [false, 'reads', 'closed'] as const) {
          const run = async () => {
            for (const [i, [id, p]] of all.entries()) {
              const where = `${id} ${from}–${to} ${scope ? `${scope.attribute}=${scope.value}` : 'all'}${within ? ` (shared passes, periods named${within === 'closed' ? ', closed' : ''})` : ''}`;
              expectSame(await rows(db, loadQuery(id).sql, bind(id, p, scopeP)), viaRows[i], where);
              compared++;
            }
          };
          if (within)
            await withSharedPasses(db, { ...shared, reads: shared.periods, closed: within === 'closed' }, run);
          else await run();
        }
        // The Fairness page's Gini trend (every quarter in one pass) against the raw distribution of each quarter.
        if (trendQuarters(from, to)) {
          const trend = await rows(db, loadQuery('gini_trend').sql, bind('gini_trend', { from, to }, scopeP));
          const raw3 = rawSql('distribution');
          for (const t of trend) {
            const q = (t.quarter as Date).toISOString().slice(0, 10);
            const p = { from: q, to: addMonths(q, 3), max_points: 2 };
            const [d] = await rows(raw, raw3, bindRaw(raw3, p));
            const where = `gini_trend ${q} ${scope ? `${scope.attribute}=${scope.value}` : 'all'}`;
            expectSame([t.n, t.gini, t.gini_nonzero], [d.n, d.gini, d.gini_nonzero], where);
            compared++;
          }
        }
        // The daily chart: Σ earn per day against the audit's raw per-rule sums added up.
        const since = addDays(from, -56);
        const daily = await rows(db, loadQuery('daily_issued').sql, bind('daily_issued', { since, to }, scopeP));
        const perRule = await rows(raw, rawSql('audit_daily_series'), { since, to });
        const byDay = new Map<string, number>();
        for (const r of perRule) byDay.set(r.day as string, (byDay.get(r.day as string) ?? 0) + (r.issued as number));
        expectSame(
          daily.map((d) => d.day),
          [...byDay.keys()],
          `daily days ${from}`,
        );
        daily.forEach((d) => expectSame(d.issued, byDay.get(d.day as string), `daily ${d.day}`));
        // The Health chart's per-rule sums (audit_daily_rules: a filter's rows of rollup_value_day_rule), cell for cell.
        const chart = await rows(
          db,
          loadQuery('audit_daily_rules').sql,
          bind('audit_daily_rules', { since, to }, scopeP),
        );
        const cell = (r: Record<string, unknown>) => [r.day, r.rule_id, r.issued, r.rows];
        expectSame(chart.map(cell), perRule.map(cell), `audit_daily_rules ${from}–${to} ${scope?.value ?? 'all'}`);
        compared++;
      }
    } finally {
      raw.close();
    }
  }
  return compared;
}

/** A period of whole quarters: what the trend is asked for (quarter starts at both ends). */
const trendQuarters = (from: string, to: string) =>
  [from, to].every((d) => d.endsWith('-01') && ['01', '04', '07', '10'].includes(d.slice(5, 7)));
const addMonths = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)).toISOString().slice(0, 10);
};

/** The data's quarters, plus a month and a range that is not month-aligned: periods the pages and the CLI ask for. */
async function periodsOf(db: Database, quarters: number) {
  const [{ first, last }] = await sqlRows<{ first: string; last: string }>(
    db,
    `SELECT strftime(min(occurred_at), '%Y-%m-%d') AS first, strftime(max(occurred_at), '%Y-%m-%d') AS last FROM ledger`,
  );
  const qs = quartersBetween(first, last).slice(-quarters).map(quarterPeriod);
  const mid = qs[Math.floor(qs.length / 2)];
  return [
    ...qs,
    // Several whole quarters (rollup_account_quarter added up), one month, and days that are neither.
    { from: qs[0].from, to: qs[qs.length - 1].to },
    { from: mid.from, to: `${addDays(mid.from, 31).slice(0, 8)}01` },
    { from: addDays(mid.from, 9), to: addDays(mid.from, 44) },
  ];
}

async function scopesOf(db: Database): Promise<(Scope | undefined)[]> {
  const values = await sqlRows<{ attribute: string; value: string }>(
    db,
    `SELECT attribute, value FROM account_attributes WHERE attribute IN ('department', 'region') GROUP BY ALL ORDER BY count(*) DESC, attribute, value LIMIT 2`,
  );
  expect(values.length).toBe(2);
  return [undefined, ...values];
}

/** A manager's scope of two department values (bound as a list): per-value rollups add up both values' rows. */
async function twoValues(db: Database): Promise<Scope> {
  const values = await sqlRows<{ value: string }>(
    db,
    `SELECT value FROM account_attributes WHERE attribute = 'department' GROUP BY ALL ORDER BY count(*) DESC, value LIMIT 2`,
  );
  expect(values.length).toBe(2);
  return { attribute: 'department', value: values.map((v) => v.value) };
}

async function importedSample(dir: string): Promise<Database> {
  const path = join(tempDir(), 'eq.duckdb');
  await ensureSampleDb(path, sampleFiles(dir), { log: () => {} });
  return Database.open(path, { threads: 2 });
}

describe('every converted metric: rollups and bound filters equal the raw-row SQL they replaced', () => {
  it('on the bundled sample ledger, unfiltered and within two attribute values', async () => {
    const db = await importedSample(SAMPLE_DIR);
    try {
      const n = await compareAll(db, await periodsOf(db, 5), [...(await scopesOf(db)), await twoValues(db)]);
      expect(n).toBeGreaterThan(100);
    } finally {
      db.close();
    }
  }, 600_000);

  for (const seed of [7, 1234]) {
    it(`on a generated ledger (sample --accounts 400 --seed ${seed})`, async () => {
      const out = tempDir();
      await generateSample({ ...SAMPLE_DEFAULTS, out, accounts: 400, seed });
      const db = await importedSample(out);
      try {
        expect(await compareAll(db, await periodsOf(db, 3), await scopesOf(db))).toBeGreaterThan(50);
      } finally {
        db.close();
      }
    }, 600_000);
  }
});
