// A ClickHouse query file made ready to send: comments dropped, {ledger} the checked table name, every other
// {placeholder} a literal written by literal.ts, and each optional column the table lacks a typed NULL.
import { loadQuery } from '../run.ts';

/** Optional ledger columns, with the type of the NULL that stands in when the table lacks one. */
const OPTIONAL: Record<string, string> = {
  rule_id: 'Nullable(String)',
  experiment_id: 'Nullable(String)',
  variant: 'Nullable(String)',
  counterparty_id: 'Nullable(String)',
  approver_id: 'Nullable(String)',
  category: 'Nullable(String)',
  cash_value: 'Nullable(Decimal(18, 2))',
  reason: 'Nullable(String)',
  department: 'Nullable(String)',
  region: 'Nullable(String)',
};

/** The expression for a ledger column in a WHERE written in code: the column, or a typed NULL when the table lacks it. */
export function column(name: string, present: Set<string>): string {
  return present.has(name) || !(name in OPTIONAL) ? name : `CAST(NULL AS ${OPTIONAL[name]})`;
}

/**
 * A ClickHouse query file without its comments, each `{@name}` in it replaced by queries/clickhouse/`name`.sql the same
 * way: 18.16 has no WITH for subqueries, so a step several queries share (or one query reads twice) is one file.
 */
function withParts(file: string, seen: string[]): string {
  if (seen.includes(file)) throw new Error(`${file}.sql includes itself (${seen.join(' → ')})`);
  const sql = loadQuery(file)
    .sql.split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n')
    .trim();
  return sql.replace(
    /\{@([a-z0-9_]+)\}/g,
    (_, part: string) => `\n${withParts(`clickhouse/${part}`, [...seen, file])}\n`,
  );
}

/**
 * The SQL of queries/`file`.sql for ClickHouse. `values` are literals already (never raw user text). Absent optional
 * columns become WITH aliases on each SELECT that reads the table (the last SELECT before each `FROM {ledger}`), so
 * the expressions stay as written and the aggregation still runs on the shards (all versions since 18.x).
 */
export function remoteSql(file: string, tableSql: string, present: Set<string>, values: Record<string, string> = {}) {
  let sql = withParts(file, []);
  const absent = Object.entries(OPTIONAL).filter(([c]) => !present.has(c));
  if (absent.length > 0) {
    const withs = `WITH ${absent.map(([c, t]) => `CAST(NULL AS ${t}) AS ${c}`).join(', ')}\n  `;
    const reads = [...sql.matchAll(/FROM \{ledger\}/g)].map((m) => m.index ?? 0);
    for (const at of reads.reverse()) {
      const select = sql.lastIndexOf('SELECT', at);
      sql = `${sql.slice(0, select)}${withs}${sql.slice(select)}`;
    }
  }
  sql = sql.replaceAll('{ledger}', tableSql);
  // A function, so that `$'`, `$&` or `$1` inside a literal stay text (a string would be a replacement pattern).
  for (const [k, v] of Object.entries(values)) sql = sql.replaceAll(`{${k}}`, () => v);
  const left = /\{([a-z_]+)\}/.exec(sql.replace(/'(?:[^'\\]|\\.)*'/g, "''"));
  if (left) throw new Error(`${file}.sql: no value for {${left[1]}}`);
  return sql;
}
