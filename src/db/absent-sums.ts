import type { Database } from './database.ts';
import { sqlRows } from './sql.ts';

/** What none of the rows being reduced has: a cash_value, or rows of some event types. */
export interface Absent {
  cash: boolean;
  types: Set<string>;
}

/** One output column of a reduction: `<aggregate>::<type> AS <name>` on a line of its own. */
const COLUMN = /^(\s*)(.+?)(::[A-Z]+(?:\(\d+,\d+\))?) AS (\w+)(,?)\s*$/;
const TYPE_FILTER = /FILTER \(WHERE event_type (=|<>) '(\w+)'( AND [^()]*)?\)/;
/** A count, or a sum that reads 0 when it adds up nothing (a bare sum of nothing is NULL: left as it is). */
const ZERO_WHEN_EMPTY = /^(count\(.*|coalesce\((sum|count)\(.*, 0\))$/;

/**
 * What the rows of import `importId` (null: every row) lack, in one pass over two of their columns.
 */
export async function absentIn(db: Database, importId: number | null): Promise<Absent> {
  const [row] = await sqlRows<{ cash: number; types: string[] }>(
    db,
    `SELECT count(cash_value)::DOUBLE AS cash, list(DISTINCT event_type) AS types FROM ledger
     WHERE $import_id::INTEGER IS NULL OR import_id = $import_id::INTEGER`,
    { import_id: importId },
  );
  return absentOf(row);
}

const KNOWN_TYPES = ['earn', 'deduct', 'redeem', 'expire', 'adjust', 'transfer'];

function absentOf(row: { cash: number; types: string[] } | undefined): Absent {
  const present = new Set(row?.types ?? []);
  return { cash: !row || row.cash === 0, types: new Set(KNOWN_TYPES.filter((t) => !present.has(t))) };
}

/**
 * What every row lacks, read from rollup_day_rule once it holds every row (a one-shot report's, src/db/rollups-one-shot.ts):
 * its few thousand rows carry each type present and the count of cash values, where absentIn reads every row.
 */
export async function absentInDayRule(db: Database): Promise<Absent> {
  const [row] = await sqlRows<{ cash: number; types: string[] }>(
    db,
    `SELECT coalesce(sum(n_cash), 0)::DOUBLE AS cash, list(DISTINCT event_type) AS types FROM rollup_day_rule`,
  );
  return absentOf(row);
}

/**
 * The reduction `sql` with each sum or count that is 0 for every key of these rows written as that 0: an aggregate
 * over cash_value when no row has one, or filtered to a type no row has (and a count of the rows other than such a
 * type is the count of all). The same result, without adding up millions of nothing: on a ledger without cash
 * values, transfers, adjustments or expiries, a third of the account × day and account × month passes. Only whole
 * output lines of the reductions' form are rewritten; anything else is left to DuckDB as written.
 */
export function withoutAbsentSums(sql: string, absent: Absent): string {
  return sql
    .split('\n')
    .map((line) => {
      const m = COLUMN.exec(line);
      if (!m || !ZERO_WHEN_EMPTY.test(m[2])) return line;
      const [, indent, expr, type, name, comma] = m;
      const zero = `${indent}0${type} AS ${name}${comma}`;
      if (absent.cash && /\bcash_value\b/.test(expr)) return zero;
      const f = TYPE_FILTER.exec(expr);
      if (!f || !absent.types.has(f[2])) return line;
      if (f[1] === '=') return zero;
      // `<> absent type` keeps every row: only a bare count may drop its filter (a further condition still applies).
      return f[3] === undefined && expr.startsWith('count(*) FILTER')
        ? `${indent}count(*)${type} AS ${name}${comma}`
        : line;
    })
    .join('\n');
}
