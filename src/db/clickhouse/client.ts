// The connection to a ClickHouse server: read-only queries, results streamed row by row so that memory stays bounded
// however many rows a query returns.
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UserError } from '../../errors.ts';
import type { ClickhouseSource } from './url.ts';

export interface TransferStats {
  rows: number;
  /** Bytes of response body received (TabSeparated or JSONEachRow text). */
  bytes: number;
  /** Raw ledger rows among `rows` (the rest are reductions, the roster and checks). */
  ledgerRows: number;
}

export type Cell = string | null;

/** A connection the client uses instead of its HTTP one (the client's experimental hook for an embedded engine). */
export type ClickhouseConnection = NonNullable<Parameters<typeof createClient>[0]>['connection'];

export class ClickhouseReader {
  readonly stats: TransferStats = { rows: 0, bytes: 0, ledgerRows: 0 };
  private readonly client: ClickHouseClient;

  constructor(
    readonly source: ClickhouseSource,
    env: NodeJS.ProcessEnv = process.env,
    connection?: ClickhouseConnection,
  ) {
    this.client = createClient({
      // An embedded engine in place of HTTP (scripts/chdb-check.ts: the same SQL on a current ClickHouse).
      connection,
      url: source.url,
      username: env.LEDGER_LENS_CLICKHOUSE_USER || 'default',
      password: env.LEDGER_LENS_CLICKHOUSE_PASSWORD ?? '',
      // readonly on every query: even a query text that tried to write would be refused by the server (2: reads and
      // per-query settings only, so the client may still send its own settings beside it).
      clickhouse_settings: { readonly: '2' } as never,
      // A reduction over billions of rows sends its first byte only when the shards have finished aggregating.
      request_timeout: 6 * 3600 * 1000,
      compression: { response: false },
      // Errors reach the user once, through wrap(); the client's own log would repeat them with request details.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  /** Every row of the query, as objects, in batches of at most `batchSize` (the stream's back-pressure bounds memory). */
  async *batches<T>(sql: string, batchSize = 50_000): AsyncGenerator<T[]> {
    const rs = await this.guard(() => this.client.query({ query: sql, format: 'JSONEachRow' }));
    let batch: T[] = [];
    try {
      for await (const rows of rs.stream()) {
        for (const row of rows as { text: string }[]) {
          this.stats.bytes += Buffer.byteLength(row.text) + 1;
          batch.push(JSON.parse(row.text) as T);
          if (batch.length >= batchSize) {
            this.stats.rows += batch.length;
            yield batch;
            batch = [];
          }
        }
      }
    } catch (e) {
      throw this.wrap(e);
    }
    if (batch.length > 0) {
      this.stats.rows += batch.length;
      yield batch;
    }
  }

  /**
   * The query's result as CSV files of about `maxBytes` each in `dir` (whole rows per file, no header), each handed
   * to `onFile` (which returns the rows it took) before the next is written: DuckDB's own CSV reader parses them, so rows never become JS objects and
   * the process holds one file's bytes at a time. Returns the column names (the CSVWithNames header).
   */
  async csvFiles(
    sql: string,
    dir: string,
    onFile: (file: string) => Promise<number>,
    maxBytes = 32 << 20,
  ): Promise<string[]> {
    const result = await this.guard(() =>
      this.client.exec({
        query: `${sql}\nFORMAT CSVWithNames`,
        // Candidate keys travel inside the query text (no server-side parameters in 18.16): allow a long one, and
        // its literals (one node each: the server's default of 50,000 nodes refused an audit at 100M rows).
        clickhouse_settings: {
          max_query_size: String(64 << 20),
          max_ast_elements: String(20_000_000),
          max_expanded_ast_elements: String(20_000_000),
        } as never,
      }),
    );
    let names: string[] | null = null;
    let parts: Buffer[] = [];
    let size = 0;
    let files = 0;
    const flush = async (upTo: Buffer[]) => {
      const file = join(dir, `part-${files++}.csv`);
      writeFileSync(file, Buffer.concat(upTo));
      this.stats.rows += await onFile(file);
    };
    try {
      for await (const chunk of result.stream as Readable) {
        const buf = chunk as Buffer;
        this.stats.bytes += buf.length;
        parts.push(buf);
        size += buf.length;
        if (names === null) {
          const all = Buffer.concat(parts);
          const nl = all.indexOf(10);
          if (nl < 0) continue;
          names = all
            .subarray(0, nl)
            .toString('utf8')
            .split(',')
            .map((n) => n.replace(/^"|"$/g, ''));
          parts = [all.subarray(nl + 1)];
          size = parts[0].length;
        }
        if (size < maxBytes) continue;
        const last = buf.lastIndexOf(10);
        if (last < 0) continue;
        const head = [...parts.slice(0, -1), buf.subarray(0, last + 1)];
        parts = [buf.subarray(last + 1)];
        size = parts[0].length;
        await flush(head);
      }
    } catch (e) {
      throw this.wrap(e);
    }
    if (size > 0) await flush(parts);
    return names ?? [];
  }

  async all<T>(sql: string): Promise<T[]> {
    const out: T[] = [];
    for await (const b of this.batches<T>(sql)) out.push(...b);
    return out;
  }

  async close() {
    await this.client.close();
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw this.wrap(e);
    }
  }

  /** A message that names the server and never the credentials. */
  private wrap(e: unknown): Error {
    if (e instanceof UserError) return e;
    const msg = ((e as Error)?.message ?? String(e)).split('\n')[0];
    const where = `${this.source.url.replace('http://', '')}`;
    if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|socket hang up/i.test(msg)) {
      return new UserError('clickhouse_unreachable', `ClickHouse at ${where} does not answer (${msg})`, {
        hint: 'Check the host and the HTTP port in --source (the HTTP interface, 8123 by default).',
        exitCode: 1,
      });
    }
    if (/Authentication failed|password is incorrect|Unknown user/i.test(msg)) {
      return new UserError('clickhouse_auth', `ClickHouse at ${where} refused the credentials`, {
        hint: 'Set LEDGER_LENS_CLICKHOUSE_USER and LEDGER_LENS_CLICKHOUSE_PASSWORD.',
      });
    }
    return new UserError('clickhouse_query_failed', `ClickHouse at ${where}: ${msg}`, { exitCode: 1 });
  }
}
