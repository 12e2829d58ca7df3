// report, rank and audit read from a three-shard ClickHouse cluster equal the same commands over DuckDB on the same
// ledger: every number to 1e-9 relative, intervals included (same seed), flags identical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, PROJECT_ROOT } from '../../src/db/database.ts';
import { openClickhouse } from '../../src/db/clickhouse/open.ts';
import { REMOTE_REDUCTIONS } from '../../src/db/clickhouse/reduce.ts';
import { ROLLUPS } from '../../src/db/rollups.ts';
import { importLedger } from '../../src/ledger/import.ts';
import { cli } from '../cli-run.ts';
import { createLedgerTables, DATABASE, startCluster, type Cluster } from './cluster.ts';
import { differences } from './close.ts';
import { loadSample } from './load-sample.ts';
import { plantFavourite, type Planted } from './plant-favourite.ts';
import { spawnServe } from '../e2e/serve-process.ts';
import { buildReport } from '../../src/report/build.ts';
import { auditPeriod } from '../../src/audit/period.ts';
import { runAudit } from '../../src/audit/run.ts';
import { importRules } from '../../src/ledger/import.ts';
import { loadConfig } from '../../src/config.ts';
import { run } from '../../src/db/run.ts';
import { sqlRows } from '../../src/db/sql.ts';

const SAMPLE = join(PROJECT_ROOT, 'sample-data');
const loadConfigJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
// The sample ledger with one planted favourite (plant-favourite.ts), written in beforeAll; both sides read it.
const dir = mkdtempSync(join(tmpdir(), 'll-equality-'));
const files = {
  ledger: join(dir, 'ledger.csv'),
  accounts: join(SAMPLE, 'accounts.csv'),
  rules: join(SAMPLE, 'rules.csv'),
  config: join(SAMPLE, 'program.json'),
};

let cluster: Cluster;
let remote: string[];
let planted: Planted;
const local = [
  '--ledger',
  files.ledger,
  '--accounts',
  files.accounts,
  '--rules',
  files.rules,
  '--config',
  files.config,
];

beforeAll(async () => {
  planted = await plantFavourite(join(SAMPLE, 'ledger.csv'), dir);
  cluster = await startCluster(3);
  await createLedgerTables(cluster);
  await loadSample(cluster, files);
  remote = [
    '--source',
    `clickhouse://127.0.0.1:${cluster.httpPort}/${DATABASE}.ledger`,
    '--accounts-table',
    `${DATABASE}.accounts`,
    '--rules',
    files.rules,
    '--config',
    files.config,
  ];
});

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function both(args: string[]) {
  const [a, b] = [await cli([...args, ...local, '--json']), await cli([...args, ...remote, '--json'])];
  expect(a.stderr).toBe('');
  expect(b.stderr).toBe('');
  expect([a.code, b.code]).toEqual([0, 0]);
  return [JSON.parse(a.stdout), JSON.parse(b.stdout)];
}

describe('the same results from a ClickHouse cluster', () => {
  it('spreads the sample over all three shards', async () => {
    const counts = await Promise.all(
      [0, 1, 2].map((i) => cluster.query(`SELECT count() FROM ${DATABASE}.ledger_local`, i)),
    );
    for (const c of counts) expect(Number(c)).toBeGreaterThan(1000);
    expect(Number(await cluster.query(`SELECT count() FROM ${DATABASE}.ledger`))).toBe(
      counts.reduce((s, c) => s + Number(c), 0),
    );
  });

  it('the reductions run on the shards give exactly the rollup tables DuckDB keeps with the import', async () => {
    const duck = await Database.open(':memory:');
    const remoteDb = await openClickhouse(remote[1]);
    try {
      await importLedger(duck, { file: files.ledger });
      // Every column as text, every row, in one order: equal means equal to the cent and to the second.
      const rows = (db: Database, table: string) =>
        sqlRows(db, `SELECT COLUMNS(*)::VARCHAR FROM ${table} ORDER BY ALL`);
      // The rollups no shard reduces (rollup_earn_day) are reduced from the loaded rows: the same tables too.
      const local = ROLLUPS.filter((r) => r.local).map((r) => r.table);
      expect(local).toContain('rollup_earn_day');
      for (const table of [...REMOTE_REDUCTIONS.map((r) => r.table), ...local, 'rollup_account_attributes']) {
        const [a, b] = [await rows(duck, table), await rows(remoteDb.db, table)];
        expect(a.length, table).toBeGreaterThan(0);
        expect(b, table).toEqual(a);
      }
    } finally {
      duck.close();
      remoteDb.db.close();
      remoteDb.cleanup();
    }
  });

  it('report --json, the Gini interval included', async () => {
    const [duck, click] = await both(['report', '--quarter', '2026Q1', '--by', 'department', '--seed', '7']);
    expect(duck.gini_ci).toBeTruthy();
    expect(differences(duck, click)).toEqual([]);
  });

  it('rank --json by month and department', async () => {
    const [duck, click] = await both(['rank', '--period', 'month', '--by', 'department']);
    expect(duck.rows.length).toBeGreaterThan(0);
    expect(differences(duck, click)).toEqual([]);
  });

  it('report --json within one department (the filter reads account_latest and the roster)', async () => {
    const [duck, click] = await both(['report', '--quarter', '2026Q2', '--filter', 'department=生产部']);
    expect(duck.population.n).toBeGreaterThan(0);
    expect(differences(duck, click)).toEqual([]);
  });

  it('audit --json: flags and evidence identical', async () => {
    const [duck, click] = await both(['audit']);
    expect(duck.flags.length).toBeGreaterThan(0);
    // Each check's run time is a measurement of this run, not a result: the one field left out.
    for (const doc of [duck, click]) for (const c of doc.checks) delete c.seconds;
    expect(differences(duck, click)).toEqual([]);
  });

  it('audit of two years --json: every check that fetches rows of its own flags something, identically', async () => {
    const [duck, click] = await both(['audit', '--from', '2024-10-01', '--to', '2026-10-01']);
    for (const doc of [duck, click]) for (const c of doc.checks) delete c.seconds;
    // Each of these reads candidate rows or a remote reduction (src/db/clickhouse/demand.ts): with flags on both
    // sides, an exact demand is tested, not an empty one.
    const flagged = new Set(duck.flags.map((f: { check: string }) => f.check));
    for (const check of [
      'program_spike',
      'account_spike',
      'cap_breach',
      'near_duplicate',
      'self_approval',
      'ring',
      'concentration',
      'off_hours_approval',
      'round_adjustment',
      'burst_redeem',
    ])
      expect(flagged, check).toContain(check);
    // The planted favourite is the flag concentration must find (its rule test), on both sides.
    expect(
      click.flags
        .filter((f: { check: string }) => f.check === 'concentration')
        .map((f: { accounts: string[] }) => f.accounts),
    ).toContainEqual([planted.approver, planted.receiver]);
    expect(differences(duck, click)).toEqual([]);
  });

  it('audit --json with working hours that wrap past midnight (a night shift): off-hours flags identical', async () => {
    const config = join(dir, 'night-shift.json');
    writeFileSync(
      config,
      JSON.stringify({
        ...loadConfigJson(files.config),
        work_hours: { start: '07:00', end: '02:00', days: [1, 2, 3, 4, 5] },
      }),
    );
    const args = ['audit', '--from', '2024-10-01', '--to', '2026-10-01', '--check', 'off_hours_approval', '--json'];
    const swap = (a: string[]) => a.map((x) => (x === files.config ? config : x));
    const [a, b] = [await cli([...args, ...swap(local)]), await cli([...args, ...swap(remote)])];
    expect([a.stderr, b.stderr, a.code, b.code]).toEqual(['', '', 0, 0]);
    const [duck, click] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    for (const doc of [duck, click]) for (const c of doc.checks) delete c.seconds;
    // 07:00–02:00 wraps: the sample's 02:00–04:00 signer is still flagged (before, every hour was night and nobody
    // stood out); the rows after midnight count for the previous day's shift on both sides.
    expect(duck.flags.map((f: { account_id: string }) => f.account_id)).toEqual(['U0771']);
    expect(differences(duck, click)).toEqual([]);
  });

  it('report reads no ledger row and audit only its candidates; a query without a demand of its own gets every row', async () => {
    const opened = await openClickhouse(remote[1], { accountsTable: remote[3], rows: 'on-demand' });
    try {
      const config = loadConfig(files.config);
      await importRules(opened.db, { file: files.rules });
      await buildReport(opened.db, { config });
      expect(opened.stats.ledgerRows).toBe(0);
      // Nor the rollups that grow with the ledger: the report reads the coarse ones and reductions of its own.
      for (const table of ['rollup_account_day', 'rollup_approver_hour'])
        expect(
          (await sqlRows<{ n: number }>(opened.db, `SELECT count(*)::INTEGER AS n FROM ${table}`))[0].n,
          table,
        ).toBe(0);
      const audit = await runAudit(opened.db, { ...(await auditPeriod(opened.db, undefined, undefined)), config });
      expect(audit.flags.length).toBeGreaterThan(0);
      const total = Number(await cluster.query(`SELECT count() FROM ${DATABASE}.ledger`));
      // Candidates and evidence of a quarter's audit: under 2 % of the ledger (about 400 of 57,000 rows), not the ledger.
      expect(opened.stats.ledgerRows).toBeGreaterThan(0);
      expect(opened.stats.ledgerRows).toBeLessThan(total / 50);
      // Nor any account × day cell: account spike, burst then redeem and the cap checks reduce the window's earn cells
      // on the cluster, so what comes back is their candidates (and the candidates' own cells), not the window.
      const [{ held }] = await sqlRows<{ held: number }>(
        opened.db,
        'SELECT count(*)::INTEGER AS held FROM rollup_account_day',
      );
      expect(held).toBe(0);
      const window = Number(
        await cluster.query(
          `SELECT count() FROM (SELECT account_id, toDate(occurred_at) AS d, ifNull(rule_id, '') AS r FROM ${DATABASE}.ledger WHERE event_type = 'earn' AND toDate(occurred_at) >= toDate('${audit.period.from}') AND toDate(occurred_at) < toDate('${audit.period.to}') GROUP BY account_id, d, r)`,
        ),
      );
      // The earn cells of the audit's period alone (its window is longer): what came back for these checks (rules'
      // counts, candidates, the candidates' own cells and rows) is a small part of them.
      const checks = ['audit_account_spike', 'audit_burst_redeem', 'audit_cap_breach', 'audit_cap_near'];
      const back = opened.transfers.filter((t) => checks.includes(t.query)).reduce((n, t) => n + t.rows, 0);
      expect(back).toBeGreaterThan(0);
      expect(back).toBeLessThan(window / 5);
      // Off-hours and night hours are counted per approver and month on the cluster: no approver × day × hour cell.
      const [{ hours }] = await sqlRows<{ hours: number }>(
        opened.db,
        'SELECT count(*)::INTEGER AS hours FROM rollup_approver_hour',
      );
      expect(hours).toBe(0);
      const before = opened.stats.ledgerRows;
      const [totals] = await run(opened.db, 'database_totals', {});
      expect(Number(totals.rows)).toBe(total);
      expect(opened.stats.ledgerRows - before).toBe(total);
    } finally {
      opened.db.close();
      opened.cleanup();
    }
  });

  it('serve --source answers the rankings API with the numbers of rank over DuckDB', async () => {
    const server = spawnServe(['--port', '0', ...remote]);
    try {
      const base = await server.url;
      const res = await fetch(`${base}api/rank?period=month&by=department`);
      expect(res.status).toBe(200);
      const { periods, ...api } = await res.json();
      expect(periods.length).toBeGreaterThan(0);
      const duck = await cli([
        'rank',
        '--period',
        'month',
        '--by',
        'department',
        '--ledger',
        files.ledger,
        '--accounts',
        files.accounts,
        '--rules',
        files.rules,
        '--config',
        files.config,
        '--json',
      ]);
      expect(differences(JSON.parse(duck.stdout), api)).toEqual([]);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
