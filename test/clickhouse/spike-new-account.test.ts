// One large award of a new account and of dormant ones through --source: the cluster's history of each candidate
// (audit_account_spike_own.sql's since, from the account's first earn row of the whole ledger) must tell them apart
// as DuckDB's first_earn does (test/audit/account-spike-new.test.ts holds the same ledger locally). 300 accounts of
// department D are paid 10 points (DAILY) every day of 2026-01-01 – 2026-03-31 and a BONUS of 200–240 on one day in
// fifteen. NEW joins on 03-10 (ten daily check-ins, then 1,500 on 03-20); EARLY (January) and INSPAN (02-02 – 02-06,
// inside the audit's span but before its window) fall silent, check in on 03-19 and get the same 1,500 on 03-20.
import { describe, expect, it } from 'vitest';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { runAudit } from '../../src/audit/run.ts';
import { DATABASE } from './cluster.ts';
import { generatedCluster, ledgerUrl } from './generated.ts';

const ACCOUNTS = 300;
const row = (id: string, at: string, account: string, points: string, rule: string) =>
  `${id}, ${at}, ${account}, toDecimal64(${points}, 2), 'earn', '${rule}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'D', NULL`;
const day = `intDiv(number, ${ACCOUNTS})`;
const a = `number % ${ACCOUNTS}`;
const account = `concat('A', toString(${a}))`;
const at = (hour: string, days: string) => `toDateTime('2026-01-01 ${hour}:00:00') + (${days}) * 86400`;

/** `days` daily check-ins of `who` from `first`, and its award of 1,500 on 03-20 when `award`; `mine` its shard's test. */
const member = (who: string, first: string, days: number, award: boolean, mine: string) => `
  SELECT ${row(`concat('${who}-${first}-', toString(number))`, `toDateTime('${first} 09:00:00') + number * 86400`, `'${who}'`, '10', 'DAILY')}
  FROM numbers(${days}) WHERE ${mine}${
    award
      ? `
  UNION ALL SELECT ${row(`'${who}-award'`, `toDateTime('2026-03-20 16:00:00')`, `'${who}'`, '1500', 'BONUS')} WHERE ${mine}`
      : ''
  }`;

/** Each shard inserts its own accounts' rows (the Distributed table's key) into its local table. */
const generate = (shard: number, shards: number) => {
  const mine = (acct: string) => `cityHash64(${acct}) % ${shards} = ${shard}`;
  return `INSERT INTO ${DATABASE}.ledger_local
    SELECT ${row(`concat('d', toString(number))`, at('09', day), account, '10', 'DAILY')}
    FROM numbers(${90 * ACCOUNTS}) WHERE ${mine(account)}
    UNION ALL
    SELECT ${row(`concat('b', toString(number))`, at('15', day), account, `toString(200 + ${a} % 5 * 10)`, 'BONUS')}
    FROM numbers(${90 * ACCOUNTS}) WHERE (${day} + ${a}) % 15 = 0 AND ${mine(account)}
    UNION ALL ${member('NEW', '2026-03-10', 10, true, mine("'NEW'"))}
    UNION ALL ${member('EARLY', '2026-01-01', 10, false, mine("'EARLY'"))}
    UNION ALL ${member('EARLY', '2026-03-19', 1, true, mine("'EARLY'"))}
    UNION ALL ${member('INSPAN', '2026-02-02', 5, false, mine("'INSPAN'"))}
    UNION ALL ${member('INSPAN', '2026-03-19', 1, true, mine("'INSPAN'"))}`;
};

const cluster = generatedCluster(generate);

describe('account_spike through --source: one large award of a new account and of dormant ones', () => {
  for (const rows of ['on-demand', 'all'] as const)
    it(`flags the new account’s award and not the dormant members’ (rows ${rows})`, async () => {
      const remote = await openClickhouse(ledgerUrl(cluster()), { rows });
      try {
        const result = await runAudit(remote.db, { from: '2026-03-01', to: '2026-04-01', checks: ['account_spike'] });
        const named = result.flags.filter((f) => ['NEW', 'EARLY', 'INSPAN'].includes(f.account_id ?? ''));
        expect(named.map((f) => [f.account_id, f.from, f.value, f.severity])).toEqual([
          ['NEW', '2026-03-20', 1500, 'high'],
        ]);
      } finally {
        remote.db.close();
        remote.cleanup();
      }
    }, 600_000);
});
