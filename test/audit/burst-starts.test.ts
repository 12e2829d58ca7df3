import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccountDayRollup, dropAccountDayRollup } from '../../src/db/audit-rollup.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { replaceCte, throughCte } from '../../src/db/clickhouse/cte.ts';
import { loadQuery, usedParams } from '../../src/db/run.ts';
import { addDays } from '../../src/dates.ts';
import { generateSample } from '../../src/sample/generate.ts';
import { importSampleDir } from './helpers.ts';
import { sqlRows } from '../../src/db/sql.ts';

/**
 * audit_burst_redeem leaves out, before reading their history, the burst starts whose months cannot make them
 * dormant: a tenth of the busiest month, and the earn rows up to the dormant window over the days from the first
 * month to the last month with earn rows before it (the query's comment proves both bounds). The starts kept must
 * include every start the dormancy test (idle) passes: compared with the formulation before (the busiest month
 * only) and with the raw path (every start read), on a generated ledger with injected dormant bursts. The
 * account-wide bounds that leave starts out before they join their months keep the same starts as the months alone;
 * the account-day window over day numbers finds the same first starts as the one over dates.
 */
describe('burst_redeem: starts narrowed by their months before their history is read', () => {
  let gen: Awaited<ReturnType<typeof importSampleDir>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'll-burst-starts-'));
    await generateSample({ out: dir, accounts: 800, months: 24, seed: 23, clean: false, density: 1 });
    gen = await importSampleDir(dir);
  }, 120_000);
  afterAll(() => {
    gen.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const { sql } = loadQuery('audit_burst_redeem');
  // Every start joining its months, without the account-wide bounds (bounded) that leave most out first.
  const unbounded = replaceCte(sql, 'bounded', 'SELECT * FROM first_starts');
  // The formulation before: only the busiest month's bound.
  const before = replaceCte(
    sql,
    'starts',
    `SELECT s.account_id, s.day, s.burst FROM first_starts s
     LEFT JOIN (SELECT account_id, max(n_earn) AS n FROM rollup_account_month GROUP BY account_id) b USING (account_id)
     WHERE NOT $kept OR 10 * s.n_seen < $burst_days * coalesce(b.n, 0)`,
  );
  // The account-day window as it was before it ordered day numbers only: dates lagged and compared, `seen` added up
  // in the window for every account-day instead of from its three lags for the candidates. The first starts (their
  // days, bursts, n_seen and m_cut) must be the same rows.
  const datedWindow = replaceCte(
    replaceCte(
      replaceCte(
        sql,
        'd',
        `SELECT account_id, day, issued,
           lag(day, $burst_days::INTEGER) OVER w AS back_day,
           ((lag(day, 1) OVER w >= day - $dormant_days::INTEGER) IS TRUE)::INTEGER
             + ((lag(day, 2) OVER w >= day - $dormant_days::INTEGER) IS TRUE)::INTEGER
             + ((lag(day, 3) OVER w >= day - $dormant_days::INTEGER) IS TRUE)::INTEGER AS seen,
           sum(issued) OVER (w RANGE BETWEEN CURRENT ROW AND ($burst_days - 1) FOLLOWING) AS burst
         FROM (SELECT *, (day - DATE '2000-01-01')::INTEGER AS dn FROM audit_account_day)
         WINDOW w AS (PARTITION BY account_id ORDER BY dn)`,
      ),
      'cand',
      `SELECT account_id, day, burst, seen, lag(day) OVER (PARTITION BY account_id ORDER BY day) AS prev_cand
       FROM d
       WHERE day >= $from::DATE AND day < $to::DATE AND burst >= (SELECT q FROM floor)
         AND (back_day IS NULL OR back_day < day - $dormant_days::INTEGER)`,
    ),
    'first_starts',
    `SELECT account_id, day, burst, seen::BIGINT AS n_seen,
       date_trunc('month', day - ($dormant_days + 1)::INTEGER)::DATE AS m_cut
     FROM cand WHERE prev_cand IS NULL OR datediff('day', prev_cand, day) >= $burst_days`,
  );

  for (const [from, to] of [
    ['2025-10-01', '2026-10-01'],
    ['2026-01-01', '2026-04-01'],
    ['2024-10-01', '2026-10-01'],
  ]) {
    it(`${from} – ${to}: the same dormant returns and rows as before and as the raw path, from fewer starts`, async () => {
      const s = defaultAuditSettings().burst_redeem;
      const params = {
        from,
        to,
        dormant_days: s.dormant_days,
        burst_days: s.burst_days,
        redeem_days: s.redeem_days,
        quantile: s.quantile,
        redeem_share: s.redeem_share,
      };
      await buildAccountDayRollup(gen.db, addDays(from, -29), to, true);
      try {
        const all = (q: string, kept: boolean) => sqlRows(gen.db, q, usedParams(q, { ...params, kept }));
        const through = (q: string, cte: string, select: string) => throughCte(q, cte, select);
        const idle = `SELECT account_id, day, idle_days, usual_award, usual_n FROM idle ORDER BY account_id, day`;
        const count = (cte: string) => `SELECT count(*)::INTEGER AS n FROM ${cte}`;
        const idleNow = await all(through(sql, 'idle', idle), true);
        expect(idleNow.length).toBeGreaterThan(0);
        expect(idleNow).toEqual(await all(through(before, 'idle', idle), true));
        expect(idleNow).toEqual(await all(through(sql, 'idle', idle), false));
        const firstStarts = 'SELECT * FROM first_starts ORDER BY ALL';
        for (const kept of [true, false]) {
          const now = await all(through(sql, 'first_starts', firstStarts), kept);
          expect(now.length).toBeGreaterThan(idleNow.length);
          expect(now).toEqual(await all(through(datedWindow, 'first_starts', firstStarts), kept));
        }
        const rows = await all(sql, true);
        expect(rows).toEqual(await all(before, true));
        expect(rows).toEqual(await all(sql, false));
        // Fewer starts reach the history than the busiest month alone lets through.
        const [{ n: now }] = await all(through(sql, 'starts', count('starts')), true);
        const [{ n: was }] = await all(through(before, 'starts', count('starts')), true);
        expect(now).toBeLessThan(was as number);
        // The account-wide bounds only leave out starts the months would: the same starts, from fewer joined.
        expect(await all(through(sql, 'starts', 'SELECT * FROM starts ORDER BY ALL'), true)).toEqual(
          await all(through(unbounded, 'starts', 'SELECT * FROM starts ORDER BY ALL'), true),
        );
        const [{ n: joined }] = await all(through(sql, 'bounded', count('bounded')), true);
        const [{ n: first }] = await all(through(sql, 'first_starts', count('first_starts')), true);
        expect(joined).toBeLessThan(first as number);
      } finally {
        await dropAccountDayRollup(gen.db);
      }
    });
  }
});
