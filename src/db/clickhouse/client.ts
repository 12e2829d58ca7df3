// The connection to a ClickHouse server: read-only queries, results streamed row by row so that memory stays bounded
// however many rows a query returns.
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { UserError } from '../../errors.ts';
import type { ClickhouseSource } from './url.ts';

export interface TransferStats {
  rows: number;
  /** Bytes of response body received (JSONEachRow text). */
  bytes: number;
}

export class ClickhouseReader {
  readonly stats: TransferStats = { rows: 0, bytes: 0 };
  private readonly client: ClickHouseClient;

  constructor(readonly source: ClickhouseSource, env: NodeJS.ProcessEnv = process.env) {
    this.client = createClient({
      url: source.url,
      username: env.LEDGER_LENS_CLICKHOUSE_USER || 'default',
      password: env.LEDGER_LENS_CLICKHOUSE_PASSWORD ?? '',
      // readonly=1 on every query: even a query text that tried to write would be refused by the server.
      clickhouse_settings: { readonly: '1' } as never,
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
