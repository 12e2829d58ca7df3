// A database whose ledger rows live elsewhere (a ClickHouse table): its in-memory DuckDB holds the rollups, and the
// rows a query reads are fetched just before it runs (docs/query-layer.md §4). run() calls prepare() for every query
// when the database has one; a database of its own (a file, --ledger) has none and runs every query as written.
import type { DuckDBValue } from '@duckdb/node-api';
import type { Database } from './database.ts';

export interface RemoteRows {
  /**
   * Makes the ledger rows `queryId` reads present in `db` (and only what its result depends on), and returns the SQL
   * to run: the query itself, or the query with a reducing step replaced by a table the remote engine filled.
   */
  prepare(db: Database, queryId: string, sql: string, params: Record<string, DuckDBValue>): Promise<string>;
  close(): void;
}
