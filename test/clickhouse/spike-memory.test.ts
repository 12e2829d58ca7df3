// The audit through --source finishes within a small local memory limit, whatever the ledger's length (issue 16: at
// 100 M rows account spike stopped with DuckDB's "Out of Memory Error" in the local in-memory database, finishing
// what the cluster had sent). A generated ledger on the three-shard cluster where every account is paid forty rules
// every day and has a burst of one rule on the quarter's second day and on one day of its last week: the earn cells
// of the candidates' accounts from window_days before their first candidate day to their last (what the cluster
// sent before: about two million) are far more than the limit holds, while each candidate's own window is not.
import { describe, expect, it } from 'vitest';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { runAudit } from '../../src/audit/run.ts';
import { DATABASE } from './cluster.ts';
import { generatedCluster, ledgerUrl } from './generated.ts';

const ACCOUNTS = 480;
const RULES = 40;
const FIRST_DAY = '2026-03-01';
const DAYS = 122;
// The local DuckDB's memory_limit: what the audit needs beside the candidates' windows, far below their cells.
const LIMIT = '128MB';

const account = (n: string) => `concat('A', toString(1000 + ${n}))`;
const ACCOUNT = account(`intDiv(number, ${DAYS * RULES})`);
/** The burst days: the quarter's second day, and one of its last week's (by account). */
const burstDay = (a: number) => ['2026-04-02', new Date(Date.UTC(2026, 5, 22 + (a % 7))).toISOString().slice(0, 10)];
/**
 * Every account, day and rule once (points 5 to 14), then R101 ten more times on each account's two burst days; each
 * shard generates its own accounts' rows (the Distributed table's key) into its local table.
 */
const generate = (shard: number, shards: number) => `INSERT INTO ${DATABASE}.ledger_local
  SELECT concat('E', toString(number)),
    toDateTime('${FIRST_DAY} 09:00:00') + intDiv(number % ${DAYS * RULES}, ${RULES}) * 86400 + number % ${RULES} * 60,
    ${ACCOUNT}, toDecimal64(5 + cityHash64(number) % 10, 2), 'earn', concat('R', toString(101 + number % ${RULES})),
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, concat('D', toString(intDiv(number, ${DAYS * RULES}) % 4)), NULL
  FROM numbers(${ACCOUNTS * DAYS * RULES}) WHERE cityHash64(${ACCOUNT}) % ${shards} = ${shard}
  UNION ALL
  SELECT concat('S', toString(number)),
    toDateTime(if(number % 2 = 0, toDate('2026-04-02'), toDate('2026-06-22') + intDiv(number, 20) % 7)) + 54000 + intDiv(number, 2) % 10 * 60,
    ${account('intDiv(number, 20)')}, toDecimal64(9, 2), 'earn', 'R101',
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, concat('D', toString(intDiv(number, 20) % 4)), NULL
  FROM numbers(${ACCOUNTS * 20}) WHERE cityHash64(${account('intDiv(number, 20)')}) % ${shards} = ${shard}`;

const cluster = generatedCluster(generate);

describe('the audit through --source under a small local memory limit', () => {
  it('finishes, and flags burst days only, most of them', async () => {
    const url = ledgerUrl(cluster());
    const remote = await openClickhouse(url, { rows: 'on-demand', memoryLimit: LIMIT });
    try {
      const result = await runAudit(remote.db, { from: '2026-04-01', to: '2026-07-01', checks: ['account_spike'] });
      const spikes = result.flags.filter((f) => f.check === 'account_spike');
      const got = spikes.map((f) => `${f.reason_vars.account} ${f.from}`).sort();
      const want = Array.from({ length: ACCOUNTS }, (_, a) => burstDay(a).map((d) => `A${1000 + a} ${d}`))
        .flat()
        .sort();
      // The day's forty other awards have random points, so a burst can fall within its peers' spread.
      expect(got.filter((k) => !want.includes(k))).toEqual([]);
      expect(got.length).toBeGreaterThan(want.length / 2);
      expect(new Set(spikes.map((f) => f.reason_key))).toEqual(new Set(['account_spike_burst']));
    } finally {
      remote.db.close();
      remote.cleanup();
    }
  }, 1_500_000);
});
