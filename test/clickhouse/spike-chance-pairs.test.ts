// Sparse rules paid as Poisson counts through --source (the red teams' D1; test/audit/account-spike-chance-pairs
// .test.ts holds the same law locally): 500 workers over 2026-01-01 – 2026-04-30, F01 (5 points) at 0.08 awards a day
// and F02 (10 points) at 0.04, each day's count drawn from a Poisson law by a hash of (rule, account, day). Nothing
// is planted: the cluster's rule rates (audit_account_spike_days.sql's eligible account-days) must make a chance
// pair of F02 as ordinary as DuckDB's do.
import { describe, expect, it } from 'vitest';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { runAudit } from '../../src/audit/run.ts';
import { poissonBounds, SPARSE_RULES } from '../audit/poisson-counts.ts';
import { DATABASE } from './cluster.ts';
import { generatedCluster, ledgerUrl } from './generated.ts';

const WORKERS = 500;
const DAYS = 120;
// number = ((day · WORKERS) + worker) · 4 + k: the k-th award of the cell, kept when k is below its count.
const cell = 'intDiv(number, 4)';
const day = `intDiv(${cell}, ${WORKERS})`;
const a = `${cell} % ${WORKERS}`;
const worker = `concat('W', toString(1000 + ${a}))`;

const generate = (shard: number, shards: number) =>
  `INSERT INTO ${DATABASE}.ledger_local ${SPARSE_RULES.map(
    ([rule, points, rate, salt]) => `
  SELECT concat('${rule}-', toString(number)), toDateTime('2026-01-01 08:00:00') + ${day} * 86400 + (${a} * 37 + number % 4 * 211) % 540 * 60,
         ${worker}, toDecimal64(${points}, 2), 'earn', '${rule}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'W', NULL
  FROM numbers(${DAYS * WORKERS * 4})
  WHERE number % 4 < multiIf(${poissonBounds(rate)
    .map((x, k) => `cityHash64(${salt}, ${a}, ${day}) % 1000000 / 1000000. < ${x}, ${k}`)
    .join(', ')}, 4)
    AND cityHash64(${worker}) % ${shards} = ${shard}`,
  ).join('\n  UNION ALL')}`;

const cluster = generatedCluster(generate);

describe('account_spike through --source on sparse rules paid as Poisson counts', () => {
  it('flags no chance pair of a sparse rule as beyond the maximum the ledger pays', async () => {
    const remote = await openClickhouse(ledgerUrl(cluster()), { rows: 'on-demand' });
    try {
      // F02 twice on about 2 % of its paid days, as chance pays it.
      const [days, pairs] = (
        await cluster().query(
          `SELECT count(), countIf(n >= 2) FROM (SELECT account_id, toDate(occurred_at) AS d, count() AS n
           FROM ${DATABASE}.ledger WHERE rule_id = 'F02' GROUP BY account_id, d)`,
        )
      )
        .trim()
        .split('\t')
        .map(Number);
      expect(pairs / days).toBeGreaterThan(0.01);
      expect(pairs / days).toBeLessThan(0.03);
      const result = await runAudit(remote.db, { from: '2026-04-01', to: '2026-05-01', checks: ['account_spike'] });
      expect(result.flags.map((f) => [f.account_id, f.from, f.reason_key])).toEqual([]);
    } finally {
      remote.db.close();
      remote.cleanup();
    }
  }, 600_000);

  it('runs on a period before the first row: a span with no earn rows is no error (review of the daily rate)', async () => {
    const remote = await openClickhouse(ledgerUrl(cluster()), { rows: 'on-demand' });
    try {
      const result = await runAudit(remote.db, { from: '2025-01-01', to: '2025-02-01', checks: ['account_spike'] });
      expect(result.checks.map((c) => [c.check, c.ran])).toEqual([['account_spike', true]]);
      expect(result.flags).toEqual([]);
    } finally {
      remote.db.close();
      remote.cleanup();
    }
  }, 600_000);
});
