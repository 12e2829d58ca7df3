// npm run check:chdb — the ClickHouse SQL of a --source on a current ClickHouse (opt-in; not part of npm test or ci).
// The tests run Debian's ClickHouse 18.16; the npm package chdb embeds a current engine (26.x) in the process. It is
// 543 MB, so it is installed on first use into a directory of its own (LEDGER_LENS_CHDB_DIR, default a folder in the
// system's temp directory), never into node_modules. Then, over the sample ledger loaded into that engine:
// 1. every queries/reductions/clickhouse and queries/clickhouse file runs, with a value of its declared type for each
//    {param}: pass or fail per file;
// 2. report and audit read through --source's own code (openClickhouse on chdb's connection for @clickhouse/client)
//    must equal DuckDB's over the same ledger (every number to 1e-9 relative, flags identical).
// Exit code 1 when anything fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditPeriod } from '../src/audit/period.ts';
import { runAudit } from '../src/audit/run.ts';
import { loadConfig } from '../src/config.ts';
import type { ClickhouseConnection } from '../src/db/clickhouse/client.ts';
import { openClickhouse } from '../src/db/clickhouse/open.ts';
import { remoteSql } from '../src/db/clickhouse/remote-sql.ts';
import { Database, PROJECT_ROOT } from '../src/db/database.ts';
import { loadQuery } from '../src/db/run.ts';
import { importAccounts, importLedger, importRules } from '../src/ledger/import.ts';
import { buildReport } from '../src/report/build.ts';
import { ACCOUNTS_COLUMNS, DATABASE, LEDGER_COLUMNS } from '../test/clickhouse/cluster.ts';
import { differences } from '../test/clickhouse/close.ts';
import { loadSample, SAMPLE_FILES } from '../test/clickhouse/load-sample.ts';

const VERSION = '3.4.0';
const dir = process.env.LEDGER_LENS_CHDB_DIR || join(tmpdir(), 'ledger-lens-chdb');
if (!existsSync(join(dir, 'node_modules', 'chdb', 'package.json'))) {
  mkdirSync(dir, { recursive: true });
  console.log(`installing chdb@${VERSION} into ${dir} (about 550 MB, once) …`);
  const npm = spawnSync(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, `chdb@${VERSION}`],
    {
      stdio: 'inherit',
    },
  );
  if (npm.status !== 0) {
    console.error(`could not install chdb@${VERSION} into ${dir}; set LEDGER_LENS_CHDB_DIR to a writable folder`);
    process.exit(2);
  }
}

interface ChdbEngine {
  queryAsync(sql: string, opts?: { format?: string }): Promise<{ text(): string }>;
}
const require = createRequire(join(dir, 'package.json'));
const { createChdbConnection } = require('chdb/connection') as {
  createChdbConnection(o: { path: string }): ClickhouseConnection & { chdb: ChdbEngine };
};
const work = mkdtempSync(join(tmpdir(), 'll-chdb-'));
const connection = createChdbConnection({ path: join(work, 'data') });
/** One statement on the embedded engine; its result as TabSeparated text. */
const sql = async (text: string) => (await connection.chdb.queryAsync(text, { format: 'TabSeparated' })).text();
const version = (await sql('SELECT version()')).trim();
console.log(`chdb ${VERSION}: ClickHouse ${version}`);

const files = SAMPLE_FILES;
// One MergeTree table stands for the Distributed one: the SQL Ledger Lens sends is the same for both.
await sql(`CREATE DATABASE ${DATABASE}`);
await sql(
  `CREATE TABLE ${DATABASE}.ledger (${LEDGER_COLUMNS}) ENGINE = MergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (account_id, occurred_at, event_id)`,
);
await sql(`CREATE TABLE ${DATABASE}.accounts (${ACCOUNTS_COLUMNS}) ENGINE = MergeTree ORDER BY account_id`);
await loadSample({ query: (text, _shard, body) => sql(body === undefined ? text : `${text}\n${body}`) }, files);

/** A literal of each declared param type, in the sample's range. */
const SAMPLE_VALUES: Record<string, string> = {
  from: "'2026-01-01 00:00:00'",
  to: "'2026-04-01 00:00:00'",
  since: "'2025-12-01 00:00:00'",
  at: "'2026-04-01 00:00:00'",
  months: '12',
  min_count: '10',
  min_receivers: '3',
  share: '0.5',
  dormant_days: '90',
  start_min: '480',
  end_min: '1080',
  accounts: "['U0001']",
  account_set: "('U0001')",
  where: '1',
  cells_from: "'2025-12-01 00:00:00'",
  cells_to: "'2026-04-01 00:00:00'",
  from_day: "toDate('2026-01-01')",
  skip: "'2026-02-02'",
  camp_all_keys: "['', '2026-02-10']",
  camp_all_mults: '[1., 2]',
  camp_rule_keys: "['', '2026-02-11|R04']",
  camp_rule_mults: '[1., 3]',
  roster: `SELECT account_id AS a, replaceRegexpAll(ifNull(toString(department), ''), '^\\\\s+|\\\\s+$', '') AS rd FROM ${DATABASE}.accounts`,
  rule_keys: "['R01', 'R04']",
  rule_index: '[1, 2]',
  rule_max: '[3, 5]',
  hits_kept: '[[0, 3], [0, 4, 5]]',
  hits_skipped: '[[0], [0, 5]]',
  has_award: '1',
  award: '120.5',
  tests: '400',
  rules: '2',
  account_keys: "['U0001']",
  account_lo: '[20400]',
  account_hi: '[20540]',
  top_awards: '2',
  award_min_days: '10',
  z: '3.5',
  burst_days: '7',
  quantile: '0.9',
  q: '47.5',
  active_days: '7000',
  edge_from: "toDate('1970-01-01')",
  edge_to: "toDate('2026-03-31')",
  cap_rules: "['', 'R01', 'R05']",
  cap_cents: '[-1., 30000, 10000]',
  account_cap: '100000',
  program_cap: '-1',
  near: '0',
  band: '0.05',
};
const DAYS: Record<string, string> = { INTEGER: '[1, 2, 3, 4, 5]', VARCHAR: "['2026-03-02']" };
const ALL_COLUMNS = new Set(['rule_id', 'experiment_id', 'variant', 'counterparty_id', 'approver_id', 'category']);
for (const c of ['cash_value', 'reason', 'department', 'region']) ALL_COLUMNS.add(c);

function values(file: string): Record<string, string> {
  const params = /^-- params: (.*)$/m.exec(loadQuery(file).sql)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of params.matchAll(/\{([a-z_]+)\}( [A-Z]+)?/g)) {
    if (m[1] === 'ledger') continue;
    out[m[1]] = m[1] === 'days' ? DAYS[(m[2] ?? '').trim()] : SAMPLE_VALUES[m[1]];
    if (out[m[1]] === undefined) throw new Error(`${file}.sql: no sample value for {${m[1]}}`);
  }
  return out;
}

let failed = 0;
const line = (ok: boolean, what: string, detail: string) => {
  if (!ok) failed++;
  console.log(`${ok ? 'pass' : 'FAIL'}  ${what.padEnd(52)} ${detail}`);
};

for (const folder of ['reductions/clickhouse', 'clickhouse']) {
  for (const name of readdirSync(join(PROJECT_ROOT, 'queries', folder)).filter((f) => f.endsWith('.sql'))) {
    const file = `${folder}/${name.slice(0, -4)}`;
    try {
      const text = remoteSql(file, `${DATABASE}.ledger`, ALL_COLUMNS, values(file));
      const rows = (await sql(text)).split('\n').filter(Boolean).length;
      line(true, `queries/${file}.sql`, `${rows} rows`);
    } catch (e) {
      line(
        false,
        `queries/${file}.sql`,
        String((e as Error).message)
          .split('\n')[0]
          .slice(0, 200),
      );
    }
  }
}

// The whole path: what report and audit send through --source, compared with DuckDB over the same rows.
const config = loadConfig(files.config);
const duck = await Database.open(':memory:');
const remote = await openClickhouse(`clickhouse://chdb:8123/${DATABASE}.ledger`, {
  accountsTable: `${DATABASE}.accounts`,
  rows: 'on-demand',
  connection,
});
try {
  await importLedger(duck, { file: files.ledger });
  await importAccounts(duck, { file: files.accounts });
  for (const db of [duck, remote.db]) await importRules(db, { file: files.rules });
  const compare = async (what: string, make: (db: Database) => Promise<unknown>) => {
    try {
      const d = differences(await make(duck), await make(remote.db));
      line(d.length === 0, what, d.length === 0 ? "equals DuckDB's" : `${d.length} differences: ${d[0]}`);
    } catch (e) {
      line(
        false,
        what,
        String((e as Error).message)
          .split('\n')[0]
          .slice(0, 200),
      );
    }
  };
  await compare('report (2026Q1, by department)', (db) =>
    buildReport(db, { config, period: { quarter: '2026Q1' }, by: 'department', bootstrap: { seed: 7 } }),
  );
  await compare('audit (the latest quarter)', async (db) => {
    const audit = await runAudit(db, { ...(await auditPeriod(db, undefined, undefined)), config });
    for (const c of audit.checks) c.seconds = 0;
    return audit;
  });
} finally {
  duck.close();
  remote.db.close();
  remote.cleanup();
  rmSync(work, { recursive: true, force: true });
}
console.log(failed === 0 ? 'every check passed' : `${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
