// The remote table must hold the canonical ledger columns (ledger-format.md) in types that convert exactly; this is
// checked before any data moves, and the message names the column and shows the DDL that fits.
import { UserError } from '../../errors.ts';
import type { ClickhouseReader } from './client.ts';
import { chString } from './literal.ts';

type Kind = 'string' | 'datetime' | 'date' | 'decimal';

interface ColumnSpec {
  name: string;
  kind: Kind;
  required: boolean;
}

export const LEDGER_SPEC: ColumnSpec[] = [
  { name: 'event_id', kind: 'string', required: true },
  { name: 'occurred_at', kind: 'datetime', required: true },
  { name: 'account_id', kind: 'string', required: true },
  { name: 'points', kind: 'decimal', required: true },
  { name: 'event_type', kind: 'string', required: true },
  ...['rule_id', 'experiment_id', 'variant', 'counterparty_id', 'approver_id', 'category'].map((name) => ({
    name,
    kind: 'string' as const,
    required: false,
  })),
  { name: 'cash_value', kind: 'decimal', required: false },
  ...['reason', 'department', 'region'].map((name) => ({ name, kind: 'string' as const, required: false })),
];

export const ACCOUNTS_SPEC: ColumnSpec[] = [
  { name: 'account_id', kind: 'string', required: true },
  { name: 'joined_at', kind: 'date', required: false },
  { name: 'left_at', kind: 'date', required: false },
];

const DDL_TYPE: Record<Kind, string> = {
  string: 'String',
  datetime: 'DateTime',
  date: 'Date',
  decimal: 'Decimal(18, 2)',
};

/** The DDL of a table that fits, as printed in messages and the README. */
export function expectedDdl(spec: ColumnSpec[], table: string, extra = ''): string {
  const cols = spec.map((c) => `  ${c.name} ${c.required ? DDL_TYPE[c.kind] : `Nullable(${DDL_TYPE[c.kind]})`}`);
  return `CREATE TABLE ${table} (\n${cols.join(',\n')}${extra}\n) ENGINE = …`;
}

/** Whether a ClickHouse type converts to the column's DuckDB type without loss. */
function fits(kind: Kind, type: string, required: boolean): boolean {
  let t = type.replace(/^LowCardinality\((.*)\)$/, '$1');
  const nullable = /^Nullable\(/.test(t);
  if (nullable && required) return false;
  t = t.replace(/^Nullable\((.*)\)$/, '$1').replace(/^LowCardinality\((.*)\)$/, '$1');
  switch (kind) {
    case 'string':
      return t === 'String';
    case 'datetime':
      return /^DateTime(\('[^']*'\))?$/.test(t);
    case 'date':
      return t === 'Date';
    case 'decimal': {
      // Exact in DECIMAL(18,2): at most two decimals and 16 integer digits, or any integer of up to 32 bits.
      const d = /^Decimal\((\d+),\s*(\d+)\)$/.exec(t);
      if (d) return Number(d[2]) <= 2 && Number(d[1]) - Number(d[2]) <= 16;
      return /^U?Int(8|16|32)$/.test(t);
    }
  }
}

export interface CheckedColumns {
  /** Spec columns present in the table. */
  present: Set<string>;
  /** Every column of the table in order, with its type. */
  all: { name: string; type: string }[];
}

/** Reads the table's columns from system.columns and checks them against the spec. */
export async function checkSchema(
  reader: ClickhouseReader,
  database: string,
  table: string,
  spec: ColumnSpec[],
  what: string,
): Promise<CheckedColumns> {
  const all = await reader.all<{ name: string; type: string }>(
    `SELECT name, type FROM system.columns WHERE database = ${chString(database)} AND table = ${chString(table)}`,
  );
  const where = `${reader.source.url.replace('http://', '')}/${database}.${table}`;
  const ddl = expectedDdl(spec, `${database}.${table}`);
  if (all.length === 0) {
    throw new UserError('clickhouse_table_missing', `${where}: no such table (or no columns visible to this user)`, {
      hint: `The ${what} table should look like:\n${ddl}`,
    });
  }
  const types = new Map(all.map((c) => [c.name, c.type]));
  const present = new Set<string>();
  for (const c of spec) {
    const type = types.get(c.name);
    if (type === undefined) {
      if (c.required)
        throw new UserError('clickhouse_schema', `${where}: column ${c.name} is missing`, {
          hint: `The ${what} table should look like:\n${ddl}`,
        });
      continue;
    }
    if (!fits(c.kind, type, c.required)) {
      const want = c.required ? DDL_TYPE[c.kind] : `${DDL_TYPE[c.kind]} or Nullable(${DDL_TYPE[c.kind]})`;
      throw new UserError('clickhouse_schema', `${where}: column ${c.name} is ${type}, expected ${want}`, {
        hint: `The ${what} table should look like:\n${ddl}`,
      });
    }
    present.add(c.name);
  }
  return { present, all };
}
