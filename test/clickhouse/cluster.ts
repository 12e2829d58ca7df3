// A local ClickHouse cluster for tests and the cluster benchmark: three clickhouse-server processes on free loopback
// ports, each one shard of the cluster `ll`, a MergeTree `ledger_local` on each and a Distributed `ledger` over them.
// Real servers, not a mock: the queries Ledger Lens sends are the ones a production cluster would receive.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLUSTER = 'll';
export const DATABASE = 'lltest';
export const INSTALL_HINT = 'apt-get install clickhouse-server clickhouse-client';

export interface Shard {
  http: number;
  tcp: number;
  interserver: number;
  dir: string;
  process: ChildProcess;
}

export interface Cluster {
  shards: Shard[];
  /** HTTP port of the first shard: where Ledger Lens connects. */
  httpPort: number;
  /** Runs one statement on one shard's HTTP interface; returns the response body. */
  query(sql: string, shard?: number, body?: string, settings?: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

/** The canonical ledger columns in ClickHouse types (the DDL the README shows). */
export const LEDGER_COLUMNS = `
  event_id String, occurred_at DateTime, account_id String, points Decimal(18, 2), event_type String,
  rule_id Nullable(String), experiment_id Nullable(String), variant Nullable(String),
  counterparty_id Nullable(String), approver_id Nullable(String), category Nullable(String),
  cash_value Nullable(Decimal(18, 2)), reason Nullable(String), department Nullable(String), region Nullable(String)`;

/** The sample roster's columns (accounts.csv), in its order. */
export const ACCOUNTS_COLUMNS = `
  account_id String, name Nullable(String), joined_at Nullable(Date), left_at Nullable(Date), department Nullable(String),
  region Nullable(String), role Nullable(String), gender Nullable(String), level Nullable(String)`;

export function requireServer(env: NodeJS.ProcessEnv = process.env): string {
  const found = spawnSync('/bin/sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8', env });
  const path = found.stdout?.trim() ?? '';
  if (found.status !== 0 || !path) {
    throw new Error(
      `clickhouse-server is not installed: the cluster tests need it. Install it with \`${INSTALL_HINT}\` (Debian, version 18.16).`,
    );
  }
  return path;
}

async function freePorts(n: number): Promise<number[]> {
  // Hold every listener open until all ports are known, so no two requests get the same port.
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const s = createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function configXml(
  dir: string,
  ports: { http: number; tcp: number; interserver: number },
  all: { tcp: number }[],
): string {
  const shards = all
    .map((s) => `<shard><replica><host>127.0.0.1</host><port>${s.tcp}</port></replica></shard>`)
    .join('');
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <timezone>UTC</timezone>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>/etc/clickhouse-server/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <remote_servers><${CLUSTER}>${shards}</${CLUSTER}></remote_servers>
</yandex>
`;
}

async function httpQuery(
  port: number,
  sql: string,
  body?: string,
  settings: Record<string, string> = {},
): Promise<string> {
  const params = new URLSearchParams(settings);
  let url = `http://127.0.0.1:${port}/?${params}`;
  let payload = sql;
  if (body !== undefined) {
    params.set('query', sql);
    url = `http://127.0.0.1:${port}/?${params}`;
    payload = body;
  }
  const res = await fetch(url, { method: 'POST', body: payload });
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse on port ${port}: ${text.trim()}\n  in: ${sql.slice(0, 300)}`);
  return text;
}

/** Waits until the server answers, reading its error log for why when it exits first. */
async function waitReady(shard: Shard): Promise<void> {
  let exited: number | null = null;
  shard.process.once('exit', (code) => {
    exited = code ?? -1;
  });
  for (let attempt = 0; attempt < 600; attempt++) {
    if (exited !== null)
      throw new Error(`clickhouse-server exited with code ${exited}; see ${shard.dir}/server.err.log`);
    try {
      await httpQuery(shard.http, 'SELECT 1');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(
    `clickhouse-server on port ${shard.http} did not answer within 60 s; see ${shard.dir}/server.err.log`,
  );
}

/**
 * Starts `n` shard servers. With `keepDir`, shard i keeps its data in `keepDir/shard-i` (created when missing) and
 * stop() leaves it there, so a later start serves the same tables (the cluster bench reuses a generated ledger);
 * without it each shard's directory is a fresh temporary one, removed at stop.
 */
export async function startCluster(n = 3, keepDir?: string): Promise<Cluster> {
  const server = requireServer();
  const ports = await freePorts(3 * n);
  const specs = Array.from({ length: n }, (_, i) => ({
    http: ports[3 * i],
    tcp: ports[3 * i + 1],
    interserver: ports[3 * i + 2],
  }));
  const shards: Shard[] = specs.map((spec, i) => {
    const dir = keepDir ? join(keepDir, `shard-${i}`) : mkdtempSync(join(tmpdir(), 'll-clickhouse-'));
    mkdirSync(dir, { recursive: true });
    const config = join(dir, 'config.xml');
    writeFileSync(config, configXml(dir, spec, specs));
    const child = spawn(server, [`--config-file=${config}`], { cwd: dir, stdio: 'ignore' });
    return { ...spec, dir, process: child };
  });
  const stop = async () => {
    await Promise.all(
      shards.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.process.exitCode !== null || s.process.signalCode !== null) return resolve();
            s.process.once('exit', () => resolve());
            s.process.kill('SIGTERM');
          }),
      ),
    );
    if (!keepDir) for (const s of shards) rmSync(s.dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(shards.map(waitReady));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    shards,
    httpPort: shards[0].http,
    query: (sql, shard = 0, body, settings) => httpQuery(shards[shard].http, sql, body, settings),
    stop,
  };
}

/** Creates the database, the per-shard MergeTree tables and the Distributed tables over them. */
export async function createLedgerTables(cluster: Cluster, database = DATABASE): Promise<void> {
  for (let i = 0; i < cluster.shards.length; i++) {
    await cluster.query(`CREATE DATABASE IF NOT EXISTS ${database}`, i);
    await cluster.query(
      `CREATE TABLE ${database}.ledger_local (${LEDGER_COLUMNS})
      ENGINE = MergeTree PARTITION BY toYYYYMM(occurred_at) ORDER BY (account_id, occurred_at, event_id)`,
      i,
    );
    await cluster.query(
      `CREATE TABLE ${database}.ledger AS ${database}.ledger_local
      ENGINE = Distributed(${CLUSTER}, ${database}, ledger_local, cityHash64(account_id))`,
      i,
    );
  }
  // The roster is small: one table on the first shard.
  await cluster.query(`CREATE TABLE ${database}.accounts (${ACCOUNTS_COLUMNS}) ENGINE = MergeTree ORDER BY account_id`);
}

/**
 * Inserts TabSeparated text (\N for NULL) through the Distributed table, waiting until every shard has its rows.
 * On a loaded machine a server just started may drop the connection while the body is still being sent (EPIPE, no
 * answer): that insert is tried again only if the table is still empty, so a retry can never double a row.
 */
export async function insertTsv(cluster: Pick<Cluster, 'query'>, table: string, tsv: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await cluster.query(`INSERT INTO ${table} FORMAT TabSeparated`, 0, tsv, { insert_distributed_sync: '1' });
      return;
    } catch (e) {
      const dropped = e instanceof TypeError || /EPIPE|ECONNRESET|socket|fetch failed/i.test(String(e));
      const empty = dropped && (await cluster.query(`SELECT count() FROM ${table}`).catch(() => '')).trim() === '0';
      if (!empty || attempt === 3) throw e;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}
