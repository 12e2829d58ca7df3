// The concentration check's three tests (share, split, rule) run on a three-shard cluster give DuckDB's candidates:
// the same rows, every number to 1e-9 relative, and only candidates and their evidence come back to Node. The team
// ledger (team-ledger.ts) has co-approvers, so the split test runs here as the sample cannot make it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/db/database.ts';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { run } from '../../src/db/run.ts';
import { runAudit } from '../../src/audit/run.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { sqlExec, sqlRows } from '../../src/db/sql.ts';
import { createLedgerTables, DATABASE, insertTsv, startCluster, type Cluster } from './cluster.ts';
import { differences } from './close.ts';
import { LEDGER_EXPORT, loadLedger, tsvLine } from './load-sample.ts';
import { TEAM, teamLedgerCsv } from './team-ledger.ts';

const dir = mkdtempSync(join(tmpdir(), 'll-concentration-'));
const file = join(dir, 'ledger.csv');
let cluster: Cluster;
let rows: number;

beforeAll(async () => {
  writeFileSync(file, teamLedgerCsv());
  cluster = await startCluster(3);
  await createLedgerTables(cluster);
  rows = await loadLedger(cluster, file);
});

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Candidate = { giver: string; test: string; receiver: string; peer_n: number | null; event_ids: string[] };
const PERIODS = [
  { from: '2026-07-01 00:00:00', to: '2026-10-01 00:00:00' },
  { from: '2026-04-01 00:00:00', to: '2026-10-01 00:00:00' },
];
const SETTINGS = { share: 0.5, min_count: 10, min_receivers: 3 };

/** A DuckDB ledger copied into a new database of the cluster, opened as an on-demand source. */
async function mirror(duck: Database, database: string) {
  const tsv = (await sqlRows<Record<string, unknown>>(duck, LEDGER_EXPORT)).map((r) => tsvLine(Object.values(r)));
  await createLedgerTables(cluster, database);
  await insertTsv(cluster, `${database}.ledger`, tsv.join(''));
  return openClickhouse(`clickhouse://127.0.0.1:${cluster.httpPort}/${database}.ledger`, { rows: 'on-demand' });
}

describe('concentration on a ClickHouse cluster', () => {
  it("returns DuckDB's candidates of all three tests, with their evidence, and fetches only their rows", async () => {
    const duck = await Database.open(':memory:');
    const remote = await openClickhouse(`clickhouse://127.0.0.1:${cluster.httpPort}/${DATABASE}.ledger`, {
      rows: 'on-demand',
    });
    try {
      await importLedger(duck, { file });
      for (const period of PERIODS) {
        const params = { ...period, ...SETTINGS };
        const a = (await run(duck, 'audit_concentration', params)) as Candidate[];
        const before = remote.stats.ledgerRows;
        const b = (await run(remote.db, 'audit_concentration', params)) as Candidate[];
        // Each test has candidates here, and the planted favourites are among them.
        expect(new Set(a.map((r) => r.test)), period.from).toEqual(new Set(['share', 'split', 'rule']));
        const pick = (test: string, giver: string) => a.filter((r) => r.test === test && r.giver === giver);
        expect(pick('split', TEAM.splitApprover).map((r) => r.receiver)).toContain(TEAM.splitReceiver);
        expect(pick('rule', TEAM.ruleApprover).map((r) => r.receiver)).toContain(TEAM.ruleReceiver);
        // The favourite of two rules is a candidate of the rule test's pass 2 (its baseline in peer_n, others_n).
        const spread = pick('rule', TEAM.spreadApprover).filter((r) => r.receiver === TEAM.spreadReceiver);
        expect(spread.map((r) => r.peer_n === null)).toEqual([false]);
        expect(differences(a, b), period.from).toEqual([]);
        // What came back of the ledger: the candidates' evidence rows, no more.
        const evidence = new Set(a.flatMap((r) => r.event_ids)).size;
        expect(remote.stats.ledgerRows - before).toBe(evidence);
        expect(evidence).toBeLessThan(rows / 10);
      }
    } finally {
      duck.close();
      remote.db.close();
      remote.cleanup();
    }
  });

  it('names the receiver of more transfers when two tie in points, as DuckDB does', async () => {
    // Each giver sends 60 points to B in 6 transfers and to A in 3 (B's rows first) and 20 to C: A and B tie as the
    // top receiver in points, and B, of more transfers, is the stronger evidence (the first by name, A, used to be).
    const duck = await Database.open(':memory:');
    await sqlExec(
      duck,
      `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, counterparty_id, department, region, import_id, source_line)
       SELECT 'e' || i, TIMESTAMP '2026-03-02 10:00:00' + INTERVAL (i) MINUTE, 'G' || g, -p, 'transfer', r, 'D', 'R', 1, i
       FROM (SELECT row_number() OVER (ORDER BY o, g, k) AS i, g, r, p
             FROM range(60) s(g), (VALUES ('B', 6, 1, 10), ('A', 3, 2, 20), ('C', 2, 3, 10)) v(r, n, o, p), range(n) t(k))`,
    );
    const remote = await mirror(duck, 'llties');
    try {
      const params = { from: '2026-03-01 00:00:00', to: '2026-04-01 00:00:00', ...SETTINGS, share: 0.3 };
      const a = (await run(duck, 'audit_concentration', params)) as Candidate[];
      const b = (await run(remote.db, 'audit_concentration', params)) as Candidate[];
      expect(a).toHaveLength(60);
      expect(new Set(a.map((r) => r.receiver))).toEqual(new Set(['B']));
      expect(differences(a, b)).toEqual([]);
    } finally {
      duck.close();
      remote.db.close();
      remote.cleanup();
    }
  });

  it("weighs a giver's transfers by points as DuckDB does: six gifts of 1,000 beside nine of 10 are flagged", async () => {
    // Giver P sends P-fav six transfers of 1,000 and nine others one of 10 each; Q sends Q-fav one of 1,000 and
    // nine others one of 10 (a single large gift: a candidate, not a flag). The amounts are added up on the cluster.
    const duck = await Database.open(':memory:');
    await sqlExec(
      duck,
      `INSERT INTO ledger (event_id, occurred_at, account_id, points, event_type, counterparty_id, department, region, import_id, source_line)
       SELECT 'e' || i, TIMESTAMP '2026-03-02 10:00:00' + INTERVAL (i) HOUR, g, -p, 'transfer', r, 'D', 'R', 1, i
       FROM (SELECT row_number() OVER (ORDER BY g, k) AS i, g, CASE WHEN k < n THEN g || '-fav' ELSE g || '-o' || k END AS r,
                    CASE WHEN k < n THEN 1000 ELSE 10 END AS p
             FROM (VALUES ('P', 6), ('Q', 1)) v(g, n), range(15) t(k) WHERE k < n + 9)`,
    );
    const remote = await mirror(duck, 'llpoints');
    try {
      const params = { from: '2026-03-01 00:00:00', to: '2026-04-01 00:00:00', ...SETTINGS };
      const a = await run(duck, 'audit_concentration', params);
      const b = await run(remote.db, 'audit_concentration', params);
      expect(a.map((r) => [r.giver, r.receiver, r.amounts, r.amount_n])).toEqual([
        ['P', 'P-fav', [10, 1000], [9, 6]],
        ['Q', 'Q-fav', [10, 1000], [9, 1]],
      ]);
      expect(differences(a, b)).toEqual([]);
      const options = { from: '2026-03-01', to: '2026-04-01', checks: ['concentration'] };
      const flags = (await runAudit(remote.db, options)).flags;
      expect(flags.map((f) => [f.accounts, f.reason_key])).toEqual([[['P', 'P-fav'], 'concentration_transfer_points']]);
      expect(differences(flags, (await runAudit(duck, options)).flags)).toEqual([]);
    } finally {
      duck.close();
      remote.db.close();
      remote.cleanup();
    }
  });
});
