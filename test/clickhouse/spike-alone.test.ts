// A burst kept on its count alone through --source: the cluster's candidate query (audit_account_spike_cand.sql's
// rule_alone) must keep a day whose points are below its peers' z, as DuckDB's does (test/audit/account-spike-sparse
// .test.ts holds the same sparse loyalty ledger locally). 600 members buy on about one day in twelve (points per yuan,
// log-uniform from 30 to 3,840) and check in on about one day in forty (5 points); FARM checks in 25 times within 24
// minutes on 2026-03-18: 125 points, less than the peers' median purchase day.
import { describe, expect, it } from 'vitest';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { runAudit } from '../../src/audit/run.ts';
import { DATABASE } from './cluster.ts';
import { generatedCluster, ledgerUrl } from './generated.ts';

const MEMBERS = 600;
const DAYS = 90;
const member = `concat('M', toString(1000 + number % ${MEMBERS}))`;
const row = (id: string, at: string, account: string, points: string, rule: string) =>
  `${id}, ${at}, ${account}, toDecimal64(${points}, 2), 'earn', '${rule}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'M', NULL`;
const day = `intDiv(number, ${MEMBERS})`;
const a = `number % ${MEMBERS}`;

/** Each shard inserts its own members' rows (the Distributed table's key) into its local table. */
const generate = (shard: number, shards: number) => `INSERT INTO ${DATABASE}.ledger_local
  SELECT ${row(
    `concat('p', toString(number))`,
    `toDateTime('2026-01-01 10:00:00') + ${day} * 86400 + ${a} % 480 * 60`,
    member,
    `round(30 * pow(2, ((${day} * 37 + ${a} * 101) % 701) / 100.0), 2)`,
    'PURCHASE',
  )}
  FROM numbers(${DAYS * MEMBERS}) WHERE (${day} * 7 + ${a} * 5) % 12 = 0 AND cityHash64(${member}) % ${shards} = ${shard}
  UNION ALL
  SELECT ${row(`concat('c', toString(number))`, `toDateTime('2026-01-01 08:00:00') + ${day} * 86400 + ${a} * 60`, member, '5', 'CHECKIN')}
  FROM numbers(${DAYS * MEMBERS}) WHERE (${day} * 5 + ${a} * 3) % 40 = 0 AND cityHash64(${member}) % ${shards} = ${shard}
  UNION ALL
  SELECT ${row(`concat('f', toString(number))`, `toDateTime('2026-03-18 12:00:00') + number * 60`, `'FARM'`, '5', 'CHECKIN')}
  FROM numbers(25) WHERE cityHash64('FARM') % ${shards} = ${shard}`;

const cluster = generatedCluster(generate);

describe('account_spike through --source on a sparse loyalty ledger', () => {
  it('flags the 25 check-ins on their count alone, and no ordinary purchase', async () => {
    const remote = await openClickhouse(ledgerUrl(cluster()), { rows: 'on-demand' });
    try {
      const result = await runAudit(remote.db, { from: '2026-03-01', to: '2026-04-01', checks: ['account_spike'] });
      expect(result.flags.map((f) => [f.account_id, f.from, f.reason_key, f.value])).toEqual([
        ['FARM', '2026-03-18', 'account_spike_burst_alone', 125],
      ]);
    } finally {
      remote.db.close();
      remote.cleanup();
    }
  }, 600_000);
});
