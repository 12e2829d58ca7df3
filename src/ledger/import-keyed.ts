import type { Database } from '../db/database.ts';
import { ACCOUNT_COLUMNS, RULE_COLUMNS, TIER_ALIASES, TIERS } from './columns.ts';
import type { ResolvedMapping } from './mapping.ts';
import { decimalExpr, dropThousands, foldWidth, shown } from '../db/ingest/parse-sql.ts';
import { type ImportOptions, runImport, type TableSpec } from './pipeline.ts';
import type { FileSource } from './file-source.ts';
import { sqlString } from '../db/ident.ts';
import type { ImportSummary } from './summary.ts';

type FieldKind = 'key' | 'text' | 'date' | 'decimal' | 'tier';
interface KeyedTable {
  kind: 'accounts' | 'rules';
  fields: [string, FieldKind][];
  /** Canonical columns stored as attributes (plus every unmapped source column) — accounts only. */
  attrs?: string[];
}

const DATE_FORMATS = ['%Y-%m-%d', '%Y/%m/%d', '%Y%m%d', '%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S'];

const ROSTER: KeyedTable = {
  kind: 'accounts',
  fields: [
    ['account_id', 'key'],
    ['joined_at', 'date'],
    ['left_at', 'date'],
  ],
  attrs: ['department', 'region', 'role', 'gender'],
};
const RULES: KeyedTable = {
  kind: 'rules',
  fields: [
    ['rule_id', 'key'],
    ['name', 'text'],
    ['tier', 'tier'],
    ['points', 'decimal'],
    ['daily_cap', 'decimal'],
  ],
};

function stageSql(t: KeyedTable, view: FileSource & { relation: string }, m: ResolvedMapping): string {
  const raw = (c: string) => (m.columns[c] ? `NULLIF(trim(${view.col(m.columns[c])}), '')` : 'NULL');
  const label = (c: string) => `${c} (column ${JSON.stringify(m.columns[c] ?? c)})`;
  const tierMap = `MAP {${Object.entries(TIER_ALIASES)
    .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
    .join(', ')}}`;
  const typed = (c: string, kind: FieldKind) => {
    if (kind === 'date') return `try_strptime(${raw(c)}, [${DATE_FORMATS.map(sqlString).join(', ')}])::DATE`;
    if (kind === 'decimal') return decimalExpr(dropThousands(foldWidth(raw(c))));
    if (kind === 'tier') return `${tierMap}[lower(${raw(c)})]`;
    return raw(c);
  };
  const reason = (c: string, kind: FieldKind) => {
    if (kind === 'key') return `CASE WHEN ${raw(c)} IS NULL THEN ${sqlString(`${label(c)}: missing`)} END`;
    if (kind === 'text') return 'NULL';
    const what = {
      date: 'is not a date (use YYYY-MM-DD)',
      decimal: 'is not a number with at most two decimals',
      tier: `is not a tier (${TIERS.join(', ')})`,
    }[kind];
    return `CASE WHEN ${raw(c)} IS NOT NULL AND ${typed(c, kind)} IS NULL THEN ${sqlString(`${label(c)}: `)} || ${shown(raw(c))} || ${sqlString(` ${what}`)} END`;
  };
  const attrSources = [
    ...(t.attrs ?? []).filter((a) => m.columns[a]).map((a) => [a, m.columns[a]]),
    ...(t.attrs ? m.extra.map((c) => [c, c]) : []),
  ];
  const attrs = `map_from_entries(list_filter([${attrSources.map(([k, s]) => `{'k': ${sqlString(k)}, 'v': NULLIF(trim(${view.col(s)}), '')}`).join(', ')}]::STRUCT(k VARCHAR, v VARCHAR)[], e -> e.v IS NOT NULL))`;
  const rawJson = `json_object(${[...Object.values(m.columns), ...m.extra].map((s) => `${sqlString(s)}, ${view.col(s)}`).join(', ')})`;
  return `SELECT __line AS line, ${t.fields.map(([c, k]) => `${typed(c, k)} AS ${c}`).join(', ')}
      ${t.attrs ? `, ${attrs} AS attrs` : ''},
      list_filter([${t.fields.map(([c, k]) => reason(c, k)).join(', ')}], x -> x IS NOT NULL) AS reasons,
      len(reasons) = 0 AS ok,
      CASE WHEN NOT ok THEN ${rawJson} END AS raw,
      ${rawJson} AS raw_source
    FROM ${view.relation}`;
}

/** Rosters and rules tables are keyed: the latest import of a key replaces the earlier row; an identical row is a duplicate. */
import { refreshAttributes } from '../db/rollups.ts';
function keyedSpec(t: KeyedTable): TableSpec {
  const cols = [...t.fields.map(([c]) => c), ...(t.attrs ? ['attrs'] : [])];
  return {
    kind: t.kind,
    table: t.kind,
    columns: t.kind === 'accounts' ? ACCOUNT_COLUMNS : RULE_COLUMNS,
    key: t.fields[0][0],
    insert: cols,
    same: cols,
    onChanged: 'replace',
    stage: (view, m) => stageSql(t, view, m),
  };
}

export const importAccounts = (db: Database, opts: ImportOptions): Promise<ImportSummary> =>
  runImport(db, opts, { ...keyedSpec(ROSTER), afterInsert: (db) => refreshAttributes(db) });
export const importRules = (db: Database, opts: ImportOptions): Promise<ImportSummary> =>
  runImport(db, opts, keyedSpec(RULES));
