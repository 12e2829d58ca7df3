// Account spike, burst then redeem and the cap checks reduce the audit's window of earn cells on a three-shard
// cluster (queries/clickhouse/audit_account_spike_*.sql, audit_burst_redeem_starts.sql, audit_cap_cells.sql): their
// flags equal DuckDB's under settings that reach every branch of those files — campaigns for every rule and for one
// rule, account and program caps, a wide near band, a lower z — and with a roster whose department is
// missing for some accounts (the peer group is then the latest row's) and differs from the ledger's for others.
// Near duplicates under a window of a fraction of a minute: two pairs the cluster's candidate rows must hold, one
// across midnight and one across the period's start, each first row 7 min 10 s before midnight (a window rounded
// to 7 minutes misses both).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { cli } from '../cli-run.ts';
import { createLedgerTables, DATABASE, startCluster, type Cluster } from './cluster.ts';
import { differences } from './close.ts';
import { loadSample } from './load-sample.ts';

const SAMPLE = join(PROJECT_ROOT, 'sample-data');
const dir = mkdtempSync(join(tmpdir(), 'll-audit-window-'));
const files = {
  ledger: join(dir, 'ledger.csv'),
  accounts: join(dir, 'accounts.csv'),
  rules: join(SAMPLE, 'rules.csv'),
  config: join(dir, 'program.json'),
};

/** The sample roster with no department for every third account and another one for every seventh. */
function roster(): string {
  const [head, ...lines] = readFileSync(join(SAMPLE, 'accounts.csv'), 'utf8').trimEnd().split('\n');
  const at = head.split(',').indexOf('department');
  const out = lines.map((line, i) => {
    const cells = line.split(',');
    if (i % 3 === 0) cells[at] = '';
    else if (i % 7 === 0) cells[at] = '特别项目部';
    return cells.join(',');
  });
  return `${[head, ...out].join('\n')}\n`;
}

/** Two near-duplicate pairs 7 min 15–20 s apart, appended to the sample ledger. */
const NEAR = [
  ['E900000001', '2024-09-30 23:52:50'],
  ['E900000002', '2024-10-01 00:00:10'],
  ['E900000003', '2025-03-04 23:52:50'],
  ['E900000004', '2025-03-05 00:00:05'],
];
const nearRows = () =>
  NEAR.map(([id, at]) => `${id},${at},U0001,100,earn,R01,,,,U0106,任务,,dup,生产部,西南\n`).join('');

const program = {
  ...JSON.parse(readFileSync(join(SAMPLE, 'program.json'), 'utf8')),
  daily_cap_per_account: 1500,
  daily_cap_program: 25000,
  audit: {
    campaigns: [
      { from: '2025-05-01', to: '2025-05-03', rule: null, label: 'double days', multiplier: 2 },
      { from: '2026-02-10', to: '2026-02-12', rule: 'R04', label: 'R04 week', multiplier: 3 },
      { from: '2026-02-11', to: '2026-02-11', rule: null, label: 'one more', multiplier: 1.5 },
    ],
    account_spike: { z: 2.5, top_awards: 1.5 },
    cap_breach: { near_band: 0.34, near_min_days: 3 },
    near_duplicate: { window_minutes: 7.4 },
  },
};

let cluster: Cluster;

beforeAll(async () => {
  writeFileSync(files.ledger, readFileSync(join(SAMPLE, 'ledger.csv'), 'utf8') + nearRows());
  writeFileSync(files.accounts, roster());
  writeFileSync(files.config, JSON.stringify(program));
  cluster = await startCluster(3);
  await createLedgerTables(cluster);
  await loadSample(cluster, files);
});

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the audit window reduced on a ClickHouse cluster', () => {
  it('flags account spikes, bursts and cap breaches as DuckDB does', async () => {
    const period = ['audit', '--from', '2024-10-01', '--to', '2026-10-01', '--json'];
    const common = ['--rules', files.rules, '--config', files.config];
    const local = await cli([...period, '--ledger', files.ledger, '--accounts', files.accounts, ...common], 300_000);
    const url = `clickhouse://127.0.0.1:${cluster.httpPort}/${DATABASE}.ledger`;
    const remote = await cli(
      [...period, '--source', url, '--accounts-table', `${DATABASE}.accounts`, ...common],
      300_000,
    );
    expect([local.stderr, remote.stderr]).toEqual(['', '']);
    const [duck, click] = [JSON.parse(local.stdout), JSON.parse(remote.stdout)];
    for (const doc of [duck, click]) for (const c of doc.checks) delete c.seconds;
    // Flags of each ported check on both sides, so the comparison tests the cluster's reductions, not empty ones.
    type Flag = { check: string; reason_key: string };
    const checks = new Set(duck.flags.map((f: Flag) => f.check));
    expect(differences(duck, click)).toEqual([]);
    for (const check of ['account_spike', 'burst_redeem', 'cap_breach', 'cap_clustering'])
      expect(checks).toContain(check);
    const pairs = duck.flags
      .filter((f: Flag) => f.check === 'near_duplicate')
      .map((f: { event_ids: string[] }) => f.event_ids.join(' '));
    expect(pairs).toEqual(expect.arrayContaining(['E900000001 E900000002', 'E900000003 E900000004']));
    // Caps of all three kinds: a rule's, the account's and the program's.
    const kinds = new Set(duck.flags.map((f: Flag) => f.reason_key).filter((k: string) => k.startsWith('cap_breach_')));
    expect(kinds).toEqual(new Set(['cap_breach_rule', 'cap_breach_account', 'cap_breach_program']));
    // Just below a rule's cap and just below the per-account cap.
    const near = new Set(duck.flags.filter((f: Flag) => f.check === 'cap_clustering').map((f: Flag) => f.reason_key));
    expect(near).toEqual(new Set(['cap_clustering', 'cap_clustering_account']));
  }, 600_000);
});
