// The context a demand (demand.ts) works in, and the helpers that turn its params into ClickHouse conditions.
import type { DuckDBValue } from '@duckdb/node-api';
import { chString, chTimestamp } from './literal.ts';
import type { Cells } from './cells.ts';

export interface DemandContext {
  /** The query's DuckDB SQL and its bound params. */
  sql: string;
  params: Record<string, DuckDBValue>;
  /** A ledger column in a remote condition (a typed NULL when the table lacks it). */
  col(name: string): string;
  /** Makes the local ledger hold exactly the rows of this remote condition (null: none). */
  rows(where: string | null): Promise<void>;
  /** Makes a lazy rollup table (reduce.ts) hold at least these cells (cells.ts). */
  rollup(table: string, cells: Cells): Promise<void>;
  /** Runs queries/clickhouse/`file`.sql remotely into a TEMP table (values are literals); returns its name. */
  table(file: string, values: Record<string, string>): Promise<string>;
  /** Runs local DuckDB SQL (with the query's params) and returns its rows as text cells. */
  local(sql: string): Promise<string[][]>;
  /** The roster's department per account, a ClickHouse query of (a, rd) ({roster} of audit_account_spike_dept.sql). */
  roster: string;
  /** What a demand leaves for later ones of the same source (the audit's window). */
  memo: Map<string, string>;
}

export type Demand = (d: DemandContext) => Promise<string>;

export const ts = (d: DemandContext, name: string) => chTimestamp(d.params[name]);
export const periodWhere = (d: DemandContext, from = 'from', to = 'to') =>
  `occurred_at >= ${ts(d, from)} AND occurred_at < ${ts(d, to)}`;
/**
 * `(exprs) IN (keys)`, or false when there are none. A key of several parts is compared as one string joined by NUL
 * (18.16 fails on sets of string tuples): a part holding a NUL could only match extra rows, never lose one.
 */
export const joined = (exprs: string[]) => (exprs.length === 1 ? exprs[0] : `concat(${exprs.join(", '\\0', ")})`);
export const within = (exprs: string[], keys: string[][]) =>
  keys.length === 0 ? '0' : `${joined(exprs)} IN (${keys.map((k) => chString(k.join('\0'))).join(', ')})`;
