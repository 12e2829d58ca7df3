// A summer break with no rows through a ClickHouse source: the term after it is judged against the weeks before the
// break, as over DuckDB (test/audit/break-bands.test.ts): the same flags, notes and chart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dailyChart } from '../../src/audit/daily-chart.ts';
import { runAudit } from '../../src/audit/run.ts';
import { defaultAuditSettings } from '../../src/audit/settings.ts';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { rebuildRollups } from '../../src/db/rollups.ts';
import type { Database } from '../../src/db/database.ts';
import { sqlRows } from '../../src/db/sql.ts';
import { openDb } from '../audit/fixture.ts';
import { schoolBreakLedger } from '../audit/break-fixtures.ts';
import { createLedgerTables, DATABASE, insertTsv, startCluster, type Cluster } from './cluster.ts';
import { LEDGER_EXPORT, tsvLine } from './load-sample.ts';

let cluster: Cluster;
let local: Database;

beforeAll(async () => {
  local = await openDb();
  await schoolBreakLedger(local, true);
  await rebuildRollups(local);
  cluster = await startCluster(1);
  await createLedgerTables(cluster);
  const rows = await sqlRows<Record<string, unknown>>(local, LEDGER_EXPORT);
  await insertTsv(cluster, `${DATABASE}.ledger`, rows.map((r) => tsvLine(Object.values(r))).join(''));
}, 600_000);

afterAll(async () => {
  local?.close();
  await cluster?.stop();
});

it('flags the 20× day and the silent rule after the break, notes the break and draws the term as DuckDB does', async () => {
  const url = `clickhouse://127.0.0.1:${cluster.httpPort}/${DATABASE}.ledger`;
  const opened = await openClickhouse(url, { rows: 'on-demand' });
  try {
    const checks = ['program_spike', 'rule_spike'];
    const period = { from: '2026-06-01', to: '2026-12-01', checks };
    const remote = await runAudit(opened.db, period);
    const expected = await runAudit(local, period);
    const found = remote.flags.map((f) => [f.check, f.reason_key, f.rule_id, f.from, f.to]).sort();
    expect(found).toEqual([
      ['program_spike', 'program_spike', 'A', '2026-10-07', '2026-10-08'],
      ['rule_spike', 'rule_drop', 'B', '2026-10-19', '2026-10-31'],
      ['rule_spike', 'rule_spike', 'A', '2026-10-07', '2026-10-08'],
    ]);
    expect(found).toEqual(expected.flags.map((f) => [f.check, f.reason_key, f.rule_id, f.from, f.to]).sort());
    const notes = (r: typeof remote) => r.checks.find((c) => c.check === 'program_spike')?.notes;
    expect(notes(remote)).toContain(
      'no earning at all from 2026-07-04 to 2026-08-31 (59 days): a break, an outage or a missing export? Left out of every baseline',
    );
    expect(notes(remote)).toEqual(notes(expected));
    const settings = defaultAuditSettings();
    expect(await dailyChart(opened.db, '2026-08-01', '2026-10-01', settings)).toEqual(
      await dailyChart(local, '2026-08-01', '2026-10-01', settings),
    );
  } finally {
    opened.db.close();
    opened.cleanup();
  }
}, 600_000);
