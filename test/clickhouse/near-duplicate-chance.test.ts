// Near duplicates judged against the ledger's own rate of repeats of a rule, through --source: the cluster's
// candidate rows (src/db/clickhouse/demand.ts, audit_near_duplicate) must hold every same-day repeat of a key, the
// chances the test counts, not only the pairs within the window. The ledger of test/audit/routine-repeats.ts (a
// class's answers entered in sittings, two planted prizes, one pupil's answers tripled), its flags equal to DuckDB's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.ts';
import { Database } from '../../src/db/database.ts';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { PLANTED, writeRoutineRepeats } from '../audit/routine-repeats.ts';
import { createLedgerTables, startCluster, type Cluster } from './cluster.ts';
import { ledgerUrl } from './generated.ts';
import { loadLedger } from './load-sample.ts';

const dir = mkdtempSync(join(tmpdir(), 'll-neardup-ch-'));
const file = join(dir, 'ledger.csv');
let cluster: Cluster;

beforeAll(async () => {
  writeRoutineRepeats(file);
  cluster = await startCluster(3);
  await createLedgerTables(cluster);
  await loadLedger(cluster, file);
}, 300_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('near_duplicate through --source on a rule repeated within minutes by routine', () => {
  it('flags the planted accounts only, as DuckDB does', async () => {
    const period = { from: '2026-03-01', to: '2026-04-01', checks: ['near_duplicate'] };
    const db = await Database.open(join(dir, 'db.duckdb'), { threads: 1, memoryLimit: '1GB' });
    await importLedger(db, { file });
    const local = await runAudit(db, period);
    db.close();
    const remote = await openClickhouse(ledgerUrl(cluster), { rows: 'on-demand' });
    try {
      const click = await runAudit(remote.db, period);
      expect([...new Set(click.flags.map((f) => f.account_id))].sort()).toEqual(PLANTED);
      expect(click.flags).toEqual(local.flags);
    } finally {
      remote.db.close();
      remote.cleanup();
    }
  }, 600_000);
});
